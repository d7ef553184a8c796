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

At 10,000 × 10,000 the store holds 500 MB (4 + 1 bytes a pair): the text similarities
are `TextSimilarity.similarities`, and the bounds 100 MB more. The kernel maps a new
array's memory a page at a time as it is first written, so a thread writes the bounds
while the round's texts are read, as `TextSimilarity` does for the similarities.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from matching.engine.solver import COST_UNIT, Assignment, gains

BOUND_STEPS = 254
# Above the distance between the float32 block score and the exact rounded score.
MARGIN = 1e-5
# Pairs this close to improving join too when any pair improves: the next duals would
# likely price them above 0, and each round costs a solve.
NEAR = 0.005
PRICE_ROWS = 512


class PairStore:
    """Every pair's text similarity (`text`, filled by the scoring pass) and score bound,
    filled block by block."""

    def __init__(self, text: np.ndarray):
        self.text = text
        self.bound = np.empty(text.shape, np.uint8)
        # NumPy writes without the GIL, so this runs beside the Python that reads texts.
        self._mapping = threading.Thread(target=self.bound.fill, args=(0,), daemon=True)
        self._mapping.start()

    def keep(self, start: int, score: np.ndarray) -> None:
        """The bounds of a block's scores; an ineligible pair (-1) clips to 0."""
        self._mapping.join()
        steps = np.multiply(score, np.float32(BOUND_STEPS))
        np.ceil(steps, out=steps)
        steps += 1
        np.clip(steps, 0, BOUND_STEPS + 1, out=steps)
        np.copyto(self.bound[start : start + len(score)], steps, casting="unsafe")


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
    """Every eligible pair that is not a candidate, priced; the pairs above -NEAR.

    A pair is looked at exactly when its bound could exceed -NEAR:
    bound > 1 + 254 (u_c - penalty - MARGIN - NEAR) + 254 v_p, tested in integers with
    each side rounded down, which only lets more pairs through. Every other pair's
    reduced cost is at most -NEAR."""
    u, v = assignment.u, assignment.v
    steps = BOUND_STEPS / COST_UNIT
    row_floor = np.floor(1 + steps * u - BOUND_STEPS * (penalty + MARGIN + NEAR))
    column_floor = np.floor(steps * v)
    row_floor = row_floor.clip(-(2**30), 2**30).astype(np.int32)
    column_floor = column_floor.clip(0, 2**30).astype(np.int32)

    def block(start: int):
        bound = store.bound[start : start + PRICE_ROWS]
        over = bound.astype(np.int32)
        over -= column_floor[None, :]
        rows, cols = np.nonzero(over > row_floor[start : start + PRICE_ROWS, None])
        keep = bound[rows, cols] > 0
        ci, pi = rows[keep] + start, cols[keep]
        fresh = ~is_candidate(ci, pi)
        ci, pi = ci[fresh], pi[fresh]
        text = store.text[ci, pi].astype(np.float64)
        return ci, pi, text, gains(exact_scores(ci, pi, text), penalty) - u[ci] - v[pi]

    with ThreadPoolExecutor(max_workers=2) as pool:
        parts = list(pool.map(block, range(0, len(u), PRICE_ROWS)))
    ci, pi, text, exact = (np.concatenate(x) for x in zip(*parts, strict=True))
    near = exact > -NEAR * COST_UNIT
    largest = max(float(exact.max(initial=-(2**62))) / COST_UNIT, -NEAR)
    return Priced(ci[near], pi[near], text[near], int((exact > 0).sum()), largest)
