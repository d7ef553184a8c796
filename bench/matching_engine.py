"""Benchmark: the matching engine alone on a believable random round.

Run it with one command from the project root:

    .venv/bin/python bench/matching_engine.py                  # 10,000 × 10,000
    .venv/bin/python bench/matching_engine.py --challenges 2000 --providers 3000

It generates a round (60 countries over 25 time zones, 12 themes, 10 languages, texts
drawn from a vocabulary of 3,000 words with words typical of each theme, 3 stated
interests per provider, capacity 1–3, 2 providers wanted per challenge, a review score
for 70% of providers, some conflicts, exclusions and locks — a few locks deliberately
breaking a rule), runs `matching.engine.match` on it and prints the time of each stage,
the total, the peak memory of the process, the candidate edges, matches and unfilled
slots. It then checks the assignment independently of the engine (no pair from the
owner's country, no conflict or exclusion, demand, capacity, every valid lock kept) and
compares the objective with the optimum of SciPy's LP solver (HiGHS) on the same
candidate edges. It exits with status 1 on any violation or difference.
"""

import argparse
import random
import resource
import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from scipy.optimize import linprog

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from matching.engine import Challenge, Params, Problem, Provider, match

SEED = 20270105
ZONES = {  # country → time zone: 60 countries over 25 zones
    "PT": "Europe/Lisbon",
    "IE": "Europe/Dublin",
    "GB": "Europe/London",
    "IS": "Atlantic/Reykjavik",
    "FR": "Europe/Paris",
    "BE": "Europe/Paris",
    "LU": "Europe/Paris",
    "MC": "Europe/Paris",
    "DE": "Europe/Berlin",
    "NL": "Europe/Berlin",
    "DK": "Europe/Berlin",
    "AT": "Europe/Berlin",
    "IT": "Europe/Berlin",
    "ES": "Europe/Berlin",
    "CH": "Europe/Berlin",
    "PL": "Europe/Berlin",
    "CZ": "Europe/Berlin",
    "SK": "Europe/Berlin",
    "SI": "Europe/Berlin",
    "HR": "Europe/Berlin",
    "SE": "Europe/Berlin",
    "NO": "Europe/Berlin",
    "FI": "Europe/Helsinki",
    "EE": "Europe/Helsinki",
    "LV": "Europe/Helsinki",
    "LT": "Europe/Helsinki",
    "GR": "Europe/Helsinki",
    "RO": "Europe/Helsinki",
    "BG": "Europe/Helsinki",
    "UA": "Europe/Helsinki",
    "TR": "Europe/Istanbul",
    "IL": "Asia/Jerusalem",
    "AE": "Asia/Dubai",
    "IN": "Asia/Kolkata",
    "TH": "Asia/Bangkok",
    "ID": "Asia/Bangkok",
    "SG": "Asia/Singapore",
    "MY": "Asia/Singapore",
    "PH": "Asia/Singapore",
    "JP": "Asia/Tokyo",
    "KR": "Asia/Tokyo",
    "AU": "Australia/Sydney",
    "NZ": "Pacific/Auckland",
    "KE": "Africa/Nairobi",
    "RW": "Africa/Nairobi",
    "ZA": "Africa/Johannesburg",
    "NG": "Africa/Lagos",
    "MA": "Africa/Casablanca",
    "EG": "Africa/Cairo",
    "CA": "America/Toronto",
    "US": "America/New_York",
    "MX": "America/Mexico_City",
    "CR": "America/Mexico_City",
    "CO": "America/Bogota",
    "PE": "America/Bogota",
    "CL": "America/Santiago",
    "AR": "America/Argentina/Buenos_Aires",
    "UY": "America/Argentina/Buenos_Aires",
    "BR": "America/Sao_Paulo",
    "JM": "America/Bogota",
}
THEMES = [
    "open-experimentation", "cultural-transformation", "citizen-involvement",
    "evidence-based-policymaking", "scaling", "digital-inclusion", "public-procurement",
    "data-sharing", "service-design", "climate-adaptation", "health-services", "skills",
]  # fmt: skip
LANGUAGES = ["en", "fr", "es", "pt", "de", "it", "nl", "ja", "ko", "ar"]
LANGUAGE_WEIGHTS = [30, 10, 10, 6, 6, 4, 3, 2, 2, 3]
VOCABULARY = 3000
SYLLABLES = [
    "ba",
    "be",
    "bi",
    "bo",
    "bu",
    "da",
    "de",
    "di",
    "do",
    "du",
    "fa",
    "fe",
    "fi",
    "fo",
    "ka",
    "ke",
    "ki",
    "ko",
    "la",
    "le",
    "li",
    "lo",
    "lu",
    "ma",
    "me",
    "mi",
    "mo",
    "na",
    "ne",
    "ni",
    "no",
    "pa",
    "pe",
    "pi",
    "po",
    "ra",
    "re",
    "ri",
    "ro",
    "sa",
    "se",
    "si",
    "so",
    "ta",
    "te",
    "ti",
    "to",
    "va",
    "ve",
    "vi",
    "vo",
    "za",
    "ze",
]


def generate(n_challenges: int, n_providers: int, seed: int = SEED) -> Problem:
    rng = random.Random(seed)
    write = _Writer(rng)
    countries = sorted(ZONES)
    challenges = []
    for i in range(n_challenges):
        country, themes, languages, zone, body = _team(rng, write, countries)
        challenges.append(Challenge(f"ch-{i}", country, themes, languages, zone, body, 2))
    by_theme = {t: [c.ref for c in challenges if t in c.themes] for t in THEMES}
    providers = []
    for i in range(n_providers):
        country, themes, languages, zone, body = _team(rng, write, countries)
        pool = by_theme[rng.choice(themes)] or [c.ref for c in challenges]
        interests = rng.sample(pool, min(3, len(pool)))
        review = round(rng.random(), 2) if rng.random() < 0.7 else None
        capacity = rng.randint(1, 3)
        providers.append(
            Provider(f"so-{i}", country, themes, languages, zone, body, capacity, interests, review)
        )
    return _with_rules(rng, challenges, providers)


class _Writer:
    """Texts from a vocabulary of made-up words: Zipf-like general words, plus 150 words
    typical of each theme."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        words = sorted(
            {"".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))) for _ in range(VOCABULARY * 2)}
        )
        self.words = rng.sample(words, VOCABULARY)
        self.general_weights = [1 / (rank + 1) for rank in range(VOCABULARY)]
        self.theme_words = {t: rng.sample(self.words, 150) for t in THEMES}

    def __call__(self, themes: list[str]) -> str:
        rng = self.rng
        length = rng.randint(110, 180)
        own = [
            w
            for t in themes
            for w in rng.choices(self.theme_words[t], k=length // (3 * len(themes)))
        ]
        body = rng.choices(self.words, weights=self.general_weights, k=length - len(own)) + own
        rng.shuffle(body)
        return " ".join(body)


def _team(rng: random.Random, write: _Writer, countries: list[str]):
    country = rng.choice(countries)
    themes = rng.sample(THEMES, rng.randint(1, 3))
    languages = sorted(set(rng.choices(LANGUAGES, weights=LANGUAGE_WEIGHTS, k=rng.randint(1, 3))))
    return country, themes, languages, ZONES[country], write(themes)


def _with_rules(rng: random.Random, challenges: list, providers: list) -> Problem:
    """The round with some conflicts and exclusions, and locks: mostly between countries,
    three deliberately within one (which the engine must drop)."""

    def random_pairs(count: int) -> list[tuple[str, str]]:
        return [(rng.choice(challenges).ref, rng.choice(providers).ref) for _ in range(count)]

    n_challenges = len(challenges)
    abroad = [
        (c.ref, p.ref)
        for c, p in (
            (rng.choice(challenges), rng.choice(providers)) for _ in range(n_challenges // 50)
        )
        if c.country != p.country
    ]
    same = [
        (c.ref, p.ref)
        for c, p in ((rng.choice(challenges), rng.choice(providers)) for _ in range(2000))
        if c.country == p.country
    ][:3]
    return Problem(
        challenges=challenges,
        providers=providers,
        conflicts=random_pairs(n_challenges // 20),
        exclusions=random_pairs(n_challenges // 20),
        locks=abroad + same,
    )


def violations(problem: Problem, result) -> list[str]:
    """Every rule the result breaks, checked from the problem alone."""
    found = []
    challenges = {c.ref: c for c in problem.challenges}
    providers = {p.ref: p for p in problem.providers}
    forbidden = set(problem.conflicts) | set(problem.exclusions)
    pairs = [(m.challenge, m.provider) for m in result.matches]
    if len(set(pairs)) != len(pairs):
        found.append("a pair is matched twice")
    for c, p in pairs:
        if challenges[c].country == providers[p].country:
            found.append(f"{c} / {p}: same country")
        if (c, p) in forbidden:
            found.append(f"{c} / {p}: conflict or exclusion")
    for ref, candidates in result.rankings.items():
        for candidate in candidates:
            if challenges[ref].country == providers[candidate.provider].country:
                found.append(f"{ref} / {candidate.provider}: ranked from the same country")
            if (ref, candidate.provider) in forbidden:
                found.append(f"{ref} / {candidate.provider}: ranked despite a conflict/exclusion")
    per_challenge, per_provider = {}, {}
    for c, p in pairs:
        per_challenge[c] = per_challenge.get(c, 0) + 1
        per_provider[p] = per_provider.get(p, 0) + 1
    found += [
        f"{c}: over demand" for c, n in per_challenge.items() if n > challenges[c].providers_wanted
    ]
    found += [f"{p}: over capacity" for p, n in per_provider.items() if n > providers[p].capacity]
    valid_locks = {
        (c, p)
        for c, p in problem.locks
        if c in challenges
        and p in providers
        and challenges[c].country != providers[p].country
        and (c, p) not in forbidden
    }
    dropped = {(w.data["challenge"], w.data["provider"]) for w in result.warnings}
    found += [f"{c} / {p}: lock not kept" for c, p in valid_locks - set(pairs) - dropped]
    return found


def lp_optimum(problem: Problem, result) -> float:
    """The optimum on the result's candidate edges by SciPy's HiGHS, independently."""
    c_index = {c.ref: i for i, c in enumerate(problem.challenges)}
    p_index = {p.ref: i for i, p in enumerate(problem.providers)}
    locked = {(m.challenge, m.provider) for m in result.matches if m.locked}
    ci, pi, score, lower = [], [], [], []
    for ref, candidates in result.rankings.items():
        for candidate in candidates:
            ci.append(c_index[ref])
            pi.append(p_index[candidate.provider])
            score.append(candidate.score)
            lower.append(1.0 if (ref, candidate.provider) in locked else 0.0)
    n = len(ci)
    penalty = result.params.unfilled_penalty
    demand = np.array([c.providers_wanted for c in problem.challenges], dtype=float)
    capacity = np.array([p.capacity for p in problem.providers], dtype=float)
    matrix = sp.vstack(
        [
            sp.csr_matrix((np.ones(n), (ci, range(n))), shape=(len(demand), n)),
            sp.csr_matrix((np.ones(n), (pi, range(n))), shape=(len(capacity), n)),
        ]
    )
    solution = linprog(
        -(np.array(score) + penalty),
        A_ub=matrix,
        b_ub=np.concatenate([demand, capacity]),
        bounds=np.column_stack([lower, np.ones(n)]),
        method="highs",
    )
    return -solution.fun - penalty * demand.sum()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--challenges", type=int, default=10_000)
    parser.add_argument("--providers", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--skip-lp", action="store_true", help="skip the HiGHS comparison")
    args = parser.parse_args()

    started = time.perf_counter()
    problem = generate(args.challenges, args.providers, args.seed)
    print(f"generated {args.challenges:,} challenges × {args.providers:,} providers "
          f"in {time.perf_counter() - started:.1f} s")  # fmt: skip
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    result = match(problem, params=Params())
    figures = result.figures
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("\nstage          seconds")
    for stage, seconds in figures.timings.items():
        print(f"  {stage:<12} {seconds:7.2f}")
    print(f"\npeak memory    {peak:,.0f} MB (after generating the round: {rss_before:,.0f} MB)")
    print(f"eligible pairs {figures.eligible_pairs:,}")
    print(f"candidate edges {figures.candidate_edges:,}")
    print(f"matches        {figures.matches:,} ({figures.locked_matches} locked)")
    print(f"unfilled slots {figures.unfilled_slots:,} of {figures.slots_wanted:,}")
    print(f"total score    {figures.total_score:,.4f}   objective {figures.objective:,.4f}")
    print(f"warnings       {len(result.warnings)}")

    found = violations(problem, result)
    print(f"rule violations {len(found)}")
    for line in found[:20]:
        print("  ", line)
    status = 1 if found else 0
    if not args.skip_lp:
        started = time.perf_counter()
        optimum = lp_optimum(problem, result)
        gap = abs(optimum - figures.objective)
        print(f"HiGHS optimum  {optimum:,.4f} ({time.perf_counter() - started:.1f} s), "
              f"difference {gap:.2e}")  # fmt: skip
        status = 1 if gap > 1e-6 * max(1.0, abs(optimum)) else status
    return status


if __name__ == "__main__":
    sys.exit(main())
