"""Small random rounds for the engine's tests, and an independent optimum to hold the
solver to (SciPy's MILP on the plain formulation: branch and bound, not the engine's
flow LP)."""

import random

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from matching.engine import Challenge, Problem, Provider

COUNTRIES = ["PT", "BR", "FR", "JP"]
ZONES = {"PT": "Europe/Lisbon", "BR": "America/Sao_Paulo", "FR": "Europe/Paris", "JP": "Asia/Tokyo"}
THEMES = ["digital-inclusion", "open-data", "citizen-participation", "procurement"]
LANGUAGES = ["pt", "fr", "ja", "en"]
WORDS = [
    "data", "service", "citizen", "rural", "portal", "digital",
    "inclusion", "older", "procurement", "open", "health", "school",
]  # fmt: skip


def random_problem(seed: int, max_challenges: int = 6, max_providers: int = 6, locks: bool = True):
    rng = random.Random(seed)
    n_c, n_p = rng.randint(1, max_challenges), rng.randint(1, max_providers)

    def team():
        country = rng.choice(COUNTRIES)
        return {
            "country": country,
            "themes": rng.sample(THEMES, rng.randint(0, 2)),
            "languages": rng.sample(LANGUAGES, rng.randint(1, 2)),
            "timezone": ZONES[country],
            "text": " ".join(rng.choices(WORDS, k=rng.randint(0, 8))),
        }

    challenges = [
        Challenge(f"ch-{i}", providers_wanted=rng.randint(0, 2), **team()) for i in range(n_c)
    ]
    providers = [
        Provider(
            f"so-{i}",
            capacity=rng.randint(0, 3),
            interested_in=rng.sample([c.ref for c in challenges], rng.randint(0, min(3, n_c))),
            review_score=rng.choice([None, round(rng.random(), 2)]),
            **team(),
        )
        for i in range(n_p)
    ]
    pairs = [(c.ref, p.ref) for c in challenges for p in providers]
    conflicts = rng.sample(pairs, rng.randint(0, min(2, len(pairs))))
    exclusions = rng.sample(pairs, rng.randint(0, min(2, len(pairs))))
    chosen_locks = []
    if locks:
        forbidden = set(conflicts) | set(exclusions)
        country = {e.ref: e.country for e in challenges + providers}
        room_c = {c.ref: c.providers_wanted for c in challenges}
        room_p = {p.ref: p.capacity for p in providers}
        for c, p in rng.sample(pairs, min(2, len(pairs))):
            if country[c] != country[p] and (c, p) not in forbidden and room_c[c] and room_p[p]:
                chosen_locks.append((c, p))
                room_c[c] -= 1
                room_p[p] -= 1
    return Problem(challenges, providers, conflicts, exclusions, chosen_locks)


def milp_optimum(problem: Problem, result) -> float:
    """The best total score − penalty × unfilled slots over the result's candidate edges."""
    c_index = {c.ref: i for i, c in enumerate(problem.challenges)}
    p_index = {p.ref: i for i, p in enumerate(problem.providers)}
    edges = [(c, k.provider, k.score) for c, ranked in result.rankings.items() for k in ranked]
    penalty = result.params.unfilled_penalty
    demand = sum(c.providers_wanted for c in problem.challenges)
    if not edges:
        return -penalty * demand
    rows = np.zeros((len(c_index) + len(p_index), len(edges)))
    for e, (c, p, _) in enumerate(edges):
        rows[c_index[c], e] = 1
        rows[len(c_index) + p_index[p], e] = 1
    upper = [c.providers_wanted for c in problem.challenges] + [
        p.capacity for p in problem.providers
    ]
    locked = set(problem.locks)
    lower = [1.0 if (c, p) in locked else 0.0 for c, p, _ in edges]
    solution = milp(
        -np.array([s + penalty for _, _, s in edges]),
        constraints=LinearConstraint(rows, -np.inf, upper),
        bounds=Bounds(lower, 1),
        integrality=np.ones(len(edges)),
    )
    assert solution.success, solution.message
    return -solution.fun - penalty * demand


def brute_force_optimum(problem: Problem, result) -> float:
    """The same optimum by trying every subset of candidate edges (up to 16 edges)."""
    edges = [(c, k.provider, k.score) for c, ranked in result.rankings.items() for k in ranked]
    assert len(edges) <= 16
    penalty = result.params.unfilled_penalty
    demand = {c.ref: c.providers_wanted for c in problem.challenges}
    capacity = {p.ref: p.capacity for p in problem.providers}
    locked = set(problem.locks)
    chosen = (np.arange(2 ** len(edges))[:, None] >> np.arange(len(edges))) & 1
    feasible = np.ones(len(chosen), dtype=bool)
    for ref, wanted in demand.items():
        feasible &= chosen[:, [e for e, (c, _, _) in enumerate(edges) if c == ref]].sum(1) <= wanted
    for ref, cap in capacity.items():
        feasible &= chosen[:, [e for e, (_, p, _) in enumerate(edges) if p == ref]].sum(1) <= cap
    for e, (c, p, _) in enumerate(edges):
        if (c, p) in locked:
            feasible &= chosen[:, e] == 1
    gains = chosen @ np.array([s + penalty for _, _, s in edges] or [0.0])[: len(edges)]
    return float(gains[feasible].max()) - penalty * sum(demand.values())
