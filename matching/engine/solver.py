"""The assignment: an exact b-matching on the candidate edges, as a min-cost flow.

Maximise Σ (score + penalty) · x over candidate edges, subject to
Σ x ≤ providers_wanted per challenge, Σ x ≤ capacity per provider, x = 1 on locked edges,
x in {0, 1}. That is the same as maximising total score - penalty * unfilled slots.

The network: source → challenge (capacity: its open slots), challenge → provider (one
per candidate edge, cost -(score + penalty)), provider → sink (its spare capacity), and
challenge → sink at cost 0 for the slots left unfilled. Locked edges are placed first and
taken out of the slots and capacities. Network flows with integer capacities have integral
optima, so the flow is the exact optimum; OR-Tools solves it in well under a second where a
general LP solver takes many. Costs are whole millionths, as the scores are rounded.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

from matching.engine.errors import SolverError

COST_UNIT = 10**6  # scores are kept to 6 decimals (components.SCORE_DECIMALS)


@dataclass(frozen=True, slots=True)
class Assignment:
    chosen: np.ndarray  # bool per edge
    objective: float


def solve(
    ci: np.ndarray,
    pi: np.ndarray,
    score: np.ndarray,
    locked: np.ndarray,
    demand: np.ndarray,
    capacity: np.ndarray,
    penalty: float,
) -> Assignment:
    n_c, n_p = len(demand), len(capacity)
    chosen = locked.copy()
    slots = demand - np.bincount(ci[locked], minlength=n_c)
    spare = capacity - np.bincount(pi[locked], minlength=n_p)
    if np.any(slots < 0) or np.any(spare < 0):
        raise SolverError("The locked pairs exceed a challenge's demand or a provider's capacity.")
    free = np.flatnonzero(~locked)
    if len(free) and slots.sum():
        source, first_challenge, first_provider = 0, 1, 1 + n_c
        sink = first_provider + n_p
        challenges, providers = np.arange(n_c), np.arange(n_p)
        tails = np.concatenate(
            [np.full(n_c, source), first_challenge + ci[free], first_provider + providers,
             first_challenge + challenges]
        )  # fmt: skip
        heads = np.concatenate(
            [first_challenge + challenges, first_provider + pi[free], np.full(n_p, sink),
             np.full(n_c, sink)]
        )  # fmt: skip
        capacities = np.concatenate([slots, np.ones(len(free)), spare, slots]).astype(np.int64)
        costs = np.concatenate(
            [np.zeros(n_c), -np.round((score[free] + penalty) * COST_UNIT), np.zeros(n_p),
             np.zeros(n_c)]
        ).astype(np.int64)  # fmt: skip
        flow = min_cost_flow.SimpleMinCostFlow()
        arcs = flow.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs)
        supplies = np.zeros(sink + 1, np.int64)
        supplies[source], supplies[sink] = slots.sum(), -slots.sum()
        flow.set_nodes_supplies(np.arange(sink + 1), supplies)
        status = flow.solve()
        if status != flow.OPTIMAL:
            raise SolverError(f"The solver stopped without an optimum ({status}).")
        edge_flows = flow.flows(arcs[n_c : n_c + len(free)])
        chosen[free] = edge_flows > 0
    chosen = verified(chosen.astype(float), ci, pi, locked, demand, capacity)
    filled = np.bincount(ci[chosen], minlength=n_c)
    objective = float(score[chosen].sum() - penalty * (demand - filled).sum())
    return Assignment(chosen, objective)


def verified(x, ci, pi, locked, demand, capacity) -> np.ndarray:
    """Round the solution and check it is integral and keeps every constraint."""
    chosen = x > 0.5
    if np.abs(x - chosen).max(initial=0) > 1e-6:
        raise SolverError("The solver returned a fractional assignment.")
    if np.any(np.bincount(ci[chosen], minlength=len(demand)) > demand):
        raise SolverError("The assignment gives a challenge more providers than it wants.")
    if np.any(np.bincount(pi[chosen], minlength=len(capacity)) > capacity):
        raise SolverError("The assignment exceeds a provider's capacity.")
    if np.any(locked & ~chosen):
        raise SolverError("The assignment leaves out a locked pair.")
    return chosen
