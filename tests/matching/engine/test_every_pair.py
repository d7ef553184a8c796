"""The assignment is optimal over every eligible pair, not only over the candidate
edges: on random rounds up to 300 × 300, with locks, conflicts, exclusions, capacities
of 0 and more demand than capacity, its objective equals the optimum of an LP (HiGHS)
over every eligible pair, to 1e-6, and the run carries its certificate."""

import random

import numpy as np
import pytest
from scipy.optimize import linprog

from matching.engine import Challenge, Params, Problem, Provider, match
from tests.matching.engine.instances import COUNTRIES, LANGUAGES, THEMES, WORDS, ZONES

SIZES = [(12, 9), (30, 45), (60, 40), (80, 120), (120, 80), (150, 150)]
SIZES += [(200, 160), (160, 220), (250, 250), (300, 200), (200, 300), (300, 300)]


def random_round(seed: int, n_c: int, n_p: int) -> Problem:
    rng = random.Random(seed)

    def team():
        country = rng.choice(COUNTRIES)
        return {
            "country": country,
            "themes": rng.sample(THEMES, rng.randint(0, 2)),
            "languages": rng.sample(LANGUAGES, rng.randint(1, 2)),
            "timezone": ZONES[country],
            "text": " ".join(rng.choices(WORDS, k=rng.randint(0, 10))),
        }

    challenges = [
        Challenge(f"ch-{i}", providers_wanted=rng.randint(0, 3), **team()) for i in range(n_c)
    ]
    refs = [c.ref for c in challenges]
    providers = [
        Provider(
            f"so-{i}",
            capacity=rng.choice([0, 1, 1, 2]),
            interested_in=rng.sample(refs, rng.randint(0, 3)),
            review_score=rng.choice([None, round(rng.random(), 2)]),
            **team(),
        )
        for i in range(n_p)
    ]
    pairs = [
        (c.ref, p.ref)
        for c in rng.sample(challenges, min(n_c, 40))
        for p in rng.sample(providers, min(n_p, 10))
    ]
    conflicts, exclusions = rng.sample(pairs, len(pairs) // 10), rng.sample(pairs, len(pairs) // 10)
    locks = rng.sample(pairs, min(len(pairs), 8))  # some break a rule or do not fit: dropped
    return Problem(challenges, providers, conflicts, exclusions, locks)


def lp_optimum(problem: Problem, every_pair, penalty: float) -> float:
    """Max Σ (score + penalty) x − penalty × demand over every eligible pair (the
    rankings of a run that keeps them all), locks fixed at 1."""
    c_index = {c.ref: i for i, c in enumerate(problem.challenges)}
    p_index = {p.ref: i for i, p in enumerate(problem.providers)}
    edges = [(c, k.provider, k.score) for c, ranked in every_pair.rankings.items() for k in ranked]
    demand = [c.providers_wanted for c in problem.challenges]
    rows = np.zeros((len(c_index) + len(p_index), len(edges)))
    for e, (c, p, _) in enumerate(edges):
        rows[c_index[c], e] = rows[len(c_index) + p_index[p], e] = 1
    kept = {(m.challenge, m.provider) for m in every_pair.matches if m.locked}
    lower = [1.0 if (c, p) in kept else 0.0 for c, p, _ in edges]
    solution = linprog(
        -np.array([s + penalty for _, _, s in edges]),
        A_ub=rows,
        b_ub=demand + [p.capacity for p in problem.providers],
        bounds=list(zip(lower, [1.0] * len(edges), strict=True)),
        method="highs",
    )
    assert solution.status == 0, solution.message
    return -solution.fun - penalty * sum(demand)


@pytest.mark.parametrize("seed", range(len(SIZES)))
def test_the_assignment_is_optimal_over_every_eligible_pair(seed):
    problem = random_round(seed, *SIZES[seed])
    penalty = [0.0, 0.1, 0.4][seed % 3]
    params = Params(
        top_k_per_challenge=1 + seed % 3, top_k_per_provider=seed % 2, unfilled_penalty=penalty
    )
    result = match(problem, params=params)
    every_pair = match(
        problem, params=Params(top_k_per_challenge=len(problem.providers), unfilled_penalty=penalty)
    )

    assert every_pair.figures.candidate_edges == every_pair.figures.eligible_pairs
    assert abs(result.figures.objective - lp_optimum(problem, every_pair, penalty)) < 1e-6
    assert result.figures.largest_reduced_cost <= 0
    assert (
        result.figures.priced_pairs
        == result.figures.eligible_pairs - result.figures.candidate_edges
    )


def test_pricing_adds_the_pair_the_candidate_edges_miss():
    problem = random_round(5, 150, 150)
    few = match(problem, params=Params(top_k_per_challenge=1, top_k_per_provider=0))
    many = match(problem, params=Params(top_k_per_challenge=150))

    assert few.figures.pricing_rounds > 1
    assert few.figures.objective == pytest.approx(many.figures.objective, abs=1e-6)
