"""The assignment: an exact b-matching on the candidate edges, as a min-cost flow, with
the dual values that prove it optimal.

Maximise Σ (score + penalty) · x over candidate edges, subject to
Σ x ≤ providers_wanted per challenge, Σ x ≤ capacity per provider, x = 1 on locked edges,
x in {0, 1}. That is the same as maximising total score - penalty * unfilled slots.

The network: each challenge supplies its open slots; challenge → provider (one per
candidate edge, cost -(score + penalty)), provider → sink (its spare capacity), and
challenge → sink at cost 0 for the slots left unfilled. Locked edges are placed first and
taken out of the slots and capacities. Network flows with integer capacities have integral
optima, so the flow is the exact optimum; OR-Tools solves it in well under a second where a
general LP solver takes many. Costs are whole millionths, as the scores are rounded.

OR-Tools does not give the node potentials, so they are computed from the optimal flow:
t = the shortest distance to the sink in the residual network (no negative cycle exists
at an optimum, so label correcting converges). Then `u` (per challenge) and `v` (per
provider) are dual values of the slot and capacity constraints: every candidate edge
keeps the flow's optimality conditions, and a new pair (c, p) can improve the objective
only if its reduced cost score + penalty - u_c - v_p is positive (see `pricing`). `u` is
raised as far as the residual arcs allow once `v` is fixed, which leaves fewer pairs to
add. The potential is checked against every residual arc before it is returned.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

from matching.engine.errors import SolverError

COST_UNIT = 10**6  # scores are kept to 6 decimals (components.SCORE_DECIMALS)
FAR = np.int64(2**61)  # "no path to the sink": a provider that can take nothing


@dataclass(frozen=True, slots=True)
class Assignment:
    chosen: np.ndarray  # bool per edge
    objective: float
    u: np.ndarray  # int64 per challenge, in cost units
    v: np.ndarray  # int64 per provider, in cost units; FAR where nothing more fits
    slots: np.ndarray  # open slots per challenge once the locks are placed
    spare: np.ndarray  # spare capacity per provider once the locks are placed


def gains(score: np.ndarray, penalty: float) -> np.ndarray:
    """What choosing each edge gains, in whole cost units: the solver's objective."""
    return np.round((np.asarray(score, np.float64) + penalty) * COST_UNIT).astype(np.int64)


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
    u, v = np.zeros(n_c, np.int64), np.where(spare > 0, 0, FAR)
    if slots.sum():
        picked, u, v = _flow(ci[free], pi[free], gains(score[free], penalty), slots, spare)
        chosen[free] = picked
    chosen = verified(chosen.astype(float), ci, pi, locked, demand, capacity)
    filled = np.bincount(ci[chosen], minlength=n_c)
    objective = float(score[chosen].sum() - penalty * (demand - filled).sum())
    return Assignment(chosen, objective, u, v, slots, spare)


def _flow(ci, pi, gain, slots, spare):
    """The optimal flow's chosen edges and its dual values (u, v)."""
    n_c, n_p, n_e = len(slots), len(spare), len(ci)
    sink = n_c + n_p
    tails = np.concatenate([ci, n_c + np.arange(n_p), np.arange(n_c)])
    heads = np.concatenate([n_c + pi, np.full(n_p, sink), np.full(n_c, sink)])
    capacities = np.concatenate([np.ones(n_e, np.int64), spare, slots]).astype(np.int64)
    costs = np.concatenate([-gain, np.zeros(n_p + n_c, np.int64)])
    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = flow.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs)
    supplies = np.concatenate([slots, np.zeros(n_p, np.int64), [-slots.sum()]]).astype(np.int64)
    flow.set_nodes_supplies(np.arange(sink + 1), supplies)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise SolverError(f"The solver stopped without an optimum ({status}).")
    flows = np.asarray(flow.flows(arcs), dtype=np.int64)
    forward, backward = flows < capacities, flows > 0
    r_tails = np.concatenate([tails[forward], heads[backward]])
    r_heads = np.concatenate([heads[forward], tails[backward]])
    r_costs = np.concatenate([costs[forward], -costs[backward]])
    t = _distances_to(sink, r_tails, r_heads, r_costs, sink + 1)
    v = t[n_c:sink]
    # u_c as high as the arcs into c allow: a chosen edge (v_p - gain) and an unfilled slot.
    picked = flows[:n_e] > 0
    lowest = np.full(n_c, -FAR)
    np.maximum.at(lowest, ci[picked], v[pi[picked]] - gain[picked])
    lowest[flows[n_e + n_p :] > 0] = np.maximum(lowest[flows[n_e + n_p :] > 0], 0)
    t[:n_c] = np.minimum(t[:n_c], lowest)
    _check_potential(t, r_tails, r_heads, r_costs)
    return picked, -t[:n_c], v


def _distances_to(sink, tails, heads, costs, n_nodes) -> np.ndarray:
    """Shortest distance from every node to `sink` (FAR when none), by label correcting:
    each round relaxes only the arcs into nodes whose distance just changed."""
    distance = np.full(n_nodes, FAR)
    distance[sink] = 0
    changed = np.zeros(n_nodes, dtype=bool)
    changed[sink] = True
    for _ in range(n_nodes + 1):
        arcs = np.flatnonzero(changed[heads])
        if arcs.size == 0:
            return distance
        before = distance.copy()
        np.minimum.at(distance, tails[arcs], costs[arcs] + distance[heads[arcs]])
        changed = distance < before
    raise SolverError("The residual network has a negative cycle: the flow is not optimal.")


def _check_potential(t, tails, heads, costs) -> None:
    reachable = t[heads] < FAR
    if np.any(t[tails[reachable]] > costs[reachable] + t[heads[reachable]]):
        raise SolverError("The dual values do not prove the flow optimal.")


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
