"""The matching engine on its own: hard rules, demand and capacity, locks, exclusions,
unfilled places, optimality against brute force, determinism and explanations."""

import gc
import itertools
import random
import subprocess
import sys

import numpy as np
import pytest

from matching.engine import (
    Challenge,
    InputError,
    Params,
    Problem,
    Provider,
    match,
    shared_working_hours,
)

THEMES = ["inclusion", "health", "climate", "data"]
COUNTRIES = ["PT", "EE", "CL", "KE", "JP"]
ZONES = {
    "PT": "Europe/Lisbon",
    "EE": "Europe/Tallinn",
    "CL": "America/Santiago",
    "KE": "Africa/Nairobi",
    "JP": "Asia/Tokyo",
}
WORDS = [
    "ferry", "school", "island", "benefit", "online", "elder",
    "queue", "land", "registry", "water", "meter", "flood",
]  # fmt: skip


def random_problem(seed: int, *, size: int = 5, locks: int = 0, exclusions: int = 0) -> Problem:
    rng = random.Random(seed)

    def entity():
        country = rng.choice(COUNTRIES)
        return {
            "country": country,
            "themes": rng.sample(THEMES, rng.randint(1, 2)),
            "languages": rng.sample(["en", "fr", "es", "pt"], rng.randint(1, 2)),
            "timezone": ZONES[country],
            "text": " ".join(rng.choices(WORDS, k=8)),
        }

    challenges = [
        Challenge(ref=f"c{i}", providers_wanted=rng.randint(1, 2), **entity())
        for i in range(rng.randint(1, size))
    ]
    providers = [
        Provider(
            ref=f"p{i}",
            capacity=rng.randint(1, 2),
            interested_in=[
                c.ref for c in rng.sample(challenges, rng.randint(0, min(2, len(challenges))))
            ],
            review_score=rng.choice([None, 0.2, 0.9]),
            **entity(),
        )
        for i in range(rng.randint(1, size))
    ]
    pairs = [(c.ref, p.ref) for c in challenges for p in providers]
    return Problem(
        challenges=challenges,
        providers=providers,
        locks=rng.sample(pairs, min(locks, len(pairs))),
        exclusions=rng.sample(pairs, min(exclusions, len(pairs))),
    )


EVERYTHING = Params(top_k_per_challenge=50, top_k_per_provider=50)


def country_of(problem):
    return {e.ref: e.country for e in [*problem.challenges, *problem.providers]}


def brute_force_objective(problem, result, params) -> float:
    """The best total score minus penalties over every feasible assignment of the ranked
    pairs, found by trying them all; locks kept."""
    score = {
        (challenge, c.provider): c.score
        for challenge, ranked in result.rankings.items()
        for c in ranked
    }
    locked = {(m.challenge, m.provider) for m in result.matches if m.locked}
    wanted = {c.ref: c.providers_wanted for c in problem.challenges}
    capacity = {p.ref: p.capacity for p in problem.providers}
    pairs = sorted(set(score) - locked)
    best = float("-inf")
    for size in range(len(pairs) + 1):
        for chosen in itertools.combinations(pairs, size):
            picked = [*chosen, *locked]
            per_challenge = dict.fromkeys(wanted, 0)
            per_provider = dict.fromkeys(capacity, 0)
            for c, p in picked:
                per_challenge[c] += 1
                per_provider[p] += 1
            if any(per_challenge[c] > wanted[c] for c in wanted):
                continue
            if any(per_provider[p] > capacity[p] for p in capacity):
                continue
            unfilled = sum(wanted[c] - per_challenge[c] for c in wanted)
            total = sum(score[pair] for pair in picked) - params.unfilled_penalty * unfilled
            best = max(best, total)
    return best


@pytest.mark.parametrize("seed", range(60))
def test_the_assignment_is_as_good_as_the_best_found_by_trying_every_one(seed):
    # At most 4 x 4 pairs, so that trying every assignment stays quick.
    problem = random_problem(seed, size=4, locks=seed % 2, exclusions=seed % 3)

    result = match(problem, params=EVERYTHING)

    assert result.figures.objective == pytest.approx(
        brute_force_objective(problem, result, EVERYTHING), abs=1e-5
    )


@pytest.mark.parametrize("seed", range(40))
def test_hard_rules_demand_and_capacity_always_hold(seed):
    problem = random_problem(seed, locks=2, exclusions=2)
    result = match(problem, params=EVERYTHING)
    country = country_of(problem)
    excluded = set(problem.exclusions)

    for challenge, ranked in result.rankings.items():
        for candidate in ranked:
            assert country[challenge] != country[candidate.provider]
            assert (challenge, candidate.provider) not in excluded
    per_challenge, per_provider = {}, {}
    for m in result.matches:
        assert country[m.challenge] != country[m.provider]
        assert (m.challenge, m.provider) not in excluded
        per_challenge[m.challenge] = per_challenge.get(m.challenge, 0) + 1
        per_provider[m.provider] = per_provider.get(m.provider, 0) + 1
    assert all(
        n <= c.providers_wanted for c in problem.challenges for n in [per_challenge.get(c.ref, 0)]
    )
    assert all(n <= p.capacity for p in problem.providers for n in [per_provider.get(p.ref, 0)])


def test_a_lock_is_kept_even_when_a_better_pair_exists_and_a_rule_breaking_lock_is_dropped():
    owner = Challenge("c1", "PT", ["inclusion"], ["en"], "Europe/Lisbon", "online elder", 1)
    best = Provider("p1", "EE", ["inclusion"], ["en"], "Europe/Tallinn", "online elder", 1, ["c1"])
    weak = Provider("p2", "CL", ["climate"], ["es"], "America/Santiago", "water meter", 1)
    home = Provider("p3", "PT", ["inclusion"], ["en"], "Europe/Lisbon", "online elder", 1)

    result = match(
        Problem(
            challenges=[owner], providers=[best, weak, home], locks=[("c1", "p2"), ("c1", "p3")]
        )
    )

    assert [(m.challenge, m.provider, m.locked) for m in result.matches] == [("c1", "p2", True)]
    assert {w.code for w in result.warnings} >= {"lock_breaks_rule"}


def test_unfilled_demand_is_reported_not_raised():
    lonely = Challenge("c1", "PT", ["inclusion"], ["pt"], "Europe/Lisbon", "online elder", 2)
    compatriot = Provider("p1", "PT", ["inclusion"], ["pt"], "Europe/Lisbon", "online elder")

    result = match(Problem(challenges=[lonely], providers=[compatriot]))

    assert result.matches == ()
    assert [(u.challenge, u.wanted, u.filled) for u in result.unfilled] == [("c1", 2, 0)]
    assert result.figures.unfilled_slots == 2


def test_the_same_input_gives_the_same_answer_whatever_its_order():
    problem = random_problem(7, locks=1)
    shuffled = Problem(
        challenges=list(reversed(problem.challenges)),
        providers=list(reversed(problem.providers)),
        locks=problem.locks,
    )

    first, again, reordered = match(problem), match(problem), match(shuffled)

    def pairs(result):
        return sorted((m.challenge, m.provider, round(m.score, 6)) for m in result.matches)

    assert pairs(first) == pairs(again) == pairs(reordered)


def test_every_match_says_why_starting_with_its_largest_contribution():
    problem = random_problem(3)
    result = match(problem, params=EVERYTHING)

    for m in result.matches:
        assert m.reasons, m
        texts = result.reason_texts(m)
        assert all(isinstance(text, str) and text for text in texts)


def test_reasons_name_shared_themes_and_the_stated_interest():
    owner = Challenge("c1", "PT", ["inclusion", "data"], ["en"], "Europe/Lisbon", "online", 1)
    provider = Provider(
        "p1", "EE", ["inclusion", "data"], ["en"], "Europe/Tallinn", "online", 1, ["c1"]
    )

    result = match(
        Problem(
            challenges=[owner],
            providers=[provider],
            theme_names={"inclusion": "Digital inclusion", "data": "Data sharing"},
        )
    )

    texts = result.reason_texts(result.matches[0])
    assert any("Digital inclusion" in text and "Data sharing" in text for text in texts)
    assert any("asked for this challenge" in text for text in texts)


@pytest.mark.parametrize(
    ("owner", "provider", "hours"),
    [
        ("Europe/Lisbon", "Europe/Lisbon", 10),
        ("Europe/Lisbon", "America/Sao_Paulo", 7),  # 3 hours behind in January
        ("Europe/Paris", "Asia/Tokyo", 2),  # 8 hours ahead in January
        # Auckland 08:00-18:00 (UTC+13 in January) is 09:00-19:00 the day before in Honolulu.
        ("Pacific/Auckland", "Pacific/Honolulu", 9),
    ],
)
def test_shared_working_hours_follow_the_zones_on_the_reference_day(owner, provider, hours):
    assert shared_working_hours(owner, provider) == pytest.approx(hours)


def test_summer_time_changes_the_overlap_when_the_reference_day_is_in_summer():
    from datetime import date

    winter = shared_working_hours("Europe/Paris", "America/New_York", on=date(2026, 1, 14))
    spring_gap = shared_working_hours("Europe/Paris", "America/New_York", on=date(2026, 3, 18))

    assert (winter, spring_gap) == (4, 5)  # New York moves its clocks three weeks earlier


def test_the_engine_runs_without_django():
    code = "import sys, matching.engine; print('django' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_cycle_collector_rests_during_a_run_and_is_back_after_it_even_after_an_error():
    seen = []

    def embedder(texts):
        seen.append(gc.isenabled())
        return np.ones((len(texts), 4), dtype=np.float32)

    match(random_problem(1), params=Params(embedder=embedder))
    after_a_run = gc.isenabled()
    with pytest.raises(InputError):
        match(random_problem(2), params=Params(embedder=embedder, chunk_rows=0))

    assert seen and not any(seen)
    assert after_a_run and gc.isenabled()
