"""Pricing: proof that the assignment is optimal over every eligible pair, not only over
the candidate edges.

The one scoring pass (`candidates`) keeps two things for every pair in a `PairStore`: its
text similarity exactly as the block computed it (float32), and one byte bounding its
score from above (0 for an ineligible pair, else ceil(score × 254) + 1). Pricing then
needs no second pass: block by block, the bound gives each pair's largest possible
reduced cost, score + penalty − u_c − v_p against the solver's dual values; the few pairs
whose bound is positive get their exact score from the stored text (the same components
as any candidate) and their exact reduced cost in the solver's whole cost units. Those
above 0 join the candidates and the flow is solved again, until none is left. Then no
eligible pair can improve the objective: the duals are feasible for the problem over
every eligible pair, and the flow is optimal there too.

At 10,000 × 10,000 the store holds 500 MB (4 + 1 bytes a pair).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from matching.engine.solver import COST_UNIT, Assignment, gains

BOUND_STEPS = 254
# Above the distance between the float32 block score and the exact rounded score.
MARGIN = 1e-5
# Pairs this close to improving join too when any pair improves: the next duals would
# likely price them above 0, and each round costs a solve.
NEAR = 0.02
PRICE_ROWS = 512


class PairStore:
    """Every pair's text similarity and score bound, filled block by block."""

    def __init__(self, n_challenges: int, n_providers: int):
        self.text = np.empty((n_challenges, n_providers), np.float32)
        self.bound = np.empty((n_challenges, n_providers), np.uint8)

    def keep(self, start: int, text: np.ndarray, score: np.ndarray) -> None:
        stop = start + len(text)
        self.text[start:stop] = text
        steps = np.ceil(score * np.float32(BOUND_STEPS)) + 1
        self.bound[start:stop] = np.where(score < 0, 0, steps.clip(1, BOUND_STEPS + 1))


@dataclass(frozen=True, slots=True)
class Priced:
    """Pairs with a reduced cost above -NEAR, how many of them are above 0, and the
    largest reduced cost of every eligible pair that is not a candidate (in score units;
    an upper bound for those not priced exactly)."""

    ci: np.ndarray
    pi: np.ndarray
    text: np.ndarray
    improving: int
    largest_left: float


def price(
    store: PairStore,
    assignment: Assignment,
    penalty: float,
    is_candidate: Callable[[np.ndarray, np.ndarray], np.ndarray],
    exact_scores: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray],
) -> Priced:
    u, v = assignment.u, assignment.v
    row_part = (penalty + MARGIN + NEAR - u / COST_UNIT).astype(np.float32)
    column_part = (v / COST_UNIT).astype(np.float32)
    found: list[tuple[np.ndarray, ...]] = []
    largest = -np.inf
    for start in range(0, len(u), PRICE_ROWS):
        bound = store.bound[start : start + PRICE_ROWS]
        reduced = bound.astype(np.float32)
        reduced -= 1
        reduced *= np.float32(1 / BOUND_STEPS)
        reduced += row_part[start : start + PRICE_ROWS, None]
        reduced -= column_part[None, :]
        reduced[bound == 0] = -np.inf
        rows, cols = np.nonzero(reduced > 0)
        reduced[rows, cols] = -np.inf
        largest = max(largest, float(reduced.max(initial=-np.inf)) - MARGIN - NEAR)
        ci, pi = rows + start, cols
        fresh = ~is_candidate(ci, pi)
        ci, pi = ci[fresh], pi[fresh]
        text = store.text[ci, pi].astype(np.float64)
        exact = gains(exact_scores(ci, pi, text), penalty) - u[ci] - v[pi]
        if exact.size:
            largest = max(largest, float(exact.max()) / COST_UNIT)
        near = exact > -NEAR * COST_UNIT
        found.append((ci[near], pi[near], text[near], exact[near] > 0))
    ci, pi, text, improving = (np.concatenate(x) for x in zip(*found, strict=True))
    return Priced(ci, pi, text, int(improving.sum()), largest)
