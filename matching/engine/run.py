"""The one entry point: `match(problem, weights=..., params=...) -> MatchResult`.

Stages, each timed in `MatchResult.figures.timings`:

1. prepare — check the problem, lay it out in canonical (ref) order.
2. text — TF-IDF vectors of every text (and embeddings when an embedder is given).
3. candidates — score every eligible pair block by block, keep the top-k per challenge
   and per provider, every stated interest and every lock (see `candidates`).
4. components — the exact components and score of every candidate edge.
5. solve — the optimal assignment on the candidate edges (see `solver`).
6. pricing — every other eligible pair priced against the solver's dual values; pairs
   that could improve the assignment join the candidates and the flow is solved again,
   until none is left: the assignment is then optimal over every eligible pair (see
   `pricing`).
7. explain — rankings, reasons, alternates, passed-over candidates (see `explain`).

Rankings cover the candidate set, not every eligible provider: the exchange spec asks
for "every eligible solution", but at 10,000 × 10,000 that is up to 100 million pairs,
too many to store or read. A challenge's ranking holds its top-k providers plus every
provider that ranks it in its own top-k, asked for it, was locked to it or was added by
pricing — everything the solver could pick. Raise `Params.top_k_per_challenge` for longer rankings.
"""

from __future__ import annotations

import contextlib
import gc
import time
from dataclasses import dataclass

import numpy as np
from threadpoolctl import threadpool_limits

from matching.engine import components as comp
from matching.engine.candidates import BlockScorer, Edges, candidate_edges
from matching.engine.explain import Scored, explain
from matching.engine.model import Figures, MatchResult, Params, Problem, Weights
from matching.engine.prepare import Prepared, contains, prepare
from matching.engine.pricing import PairStore, price
from matching.engine.rules import Eligibility, eligible_locks, fitting_locks
from matching.engine.solver import Assignment, solve
from matching.engine.text import TextSimilarity


class _Clock:
    def __init__(self):
        self.timings: dict[str, float] = {}
        self._start = self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings[stage] = round(now - self._last, 4)
        self._last = now

    def total(self) -> dict[str, float]:
        return {**self.timings, "total": round(time.perf_counter() - self._start, 4)}


def match(
    problem: Problem, weights: Weights | None = None, params: Params | None = None
) -> MatchResult:
    """Rank, assign and explain. Raises `InputError` for a malformed problem; dropped
    locks and unknown refs are reported in `MatchResult.warnings`, never raised."""
    with without_cycle_collection():
        return _match(problem, weights, params)


@contextlib.contextmanager
def without_cycle_collection():
    """A run makes hundreds of thousands of small objects and no reference cycles, so the
    cyclic collector would only walk them again and again (1.2 s of a 10,000 × 10,000
    run, in 11 full collections); reference counting frees them as before. The collector
    is the process's: it is on again once the run is over, whatever happened."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _match(problem: Problem, weights: Weights | None, params: Params | None) -> MatchResult:
    clock = _Clock()
    weights = (weights or Weights()).normalised()
    params = (params or Params()).checked()
    prepared = prepare(problem)
    eligibility = Eligibility(prepared)
    locks, notices = eligible_locks(prepared, eligibility)
    clock.lap("prepare")

    # Every product runs on one BLAS thread of its own: the text's background thread beside
    # the Python that tokenizes, then one per block of the scoring pass.
    with threadpool_limits(limits=1, user_api="blas"):
        text = TextSimilarity(
            [c.text for c in prepared.challenges],
            [p.text for p in prepared.providers],
            embedder=params.embedder,
            blend=params.embedding_blend,
            rows=params.chunk_rows,
        )
        store = PairStore(text.similarities)
        clock.lap("text")

        tables = _Tables.of(prepared, params)
        edges = _candidates(prepared, text, tables, weights, eligibility, params, locks, store)
        clock.lap("candidates")

    round_ = _Round.of(prepared, edges, tables, weights, locks, params.unfilled_penalty)
    clock.lap("solve")
    rounds, left = _priced_to_optimum(prepared, tables, weights, locks, params, store, round_)
    round_ = rounds[-1]
    notices += round_.dropped
    clock.lap("pricing")
    del store
    text.release()

    scored, assignment = round_.scored(), round_.assignment
    matches, rankings, unfilled = explain(prepared, scored, weights, params, tables.day_hours, text)
    clock.lap("explain")

    return MatchResult(
        matches=matches,
        rankings=rankings,
        unfilled=unfilled,
        figures=_figures(
            prepared, eligibility, scored, assignment, (len(rounds), left), matches, unfilled, clock
        ),
        warnings=tuple(prepared.notices) + tuple(notices),
        weights=weights,
        params=params,
        theme_names=problem.theme_names,
        language_names=problem.language_names,
    )


@dataclass(frozen=True, slots=True)
class _Tables:
    """What the pair components look up: shared working hours by pair of zones (as a
    share of the working day) and the overlaps of theme and language sets."""

    day_hours: float
    hours: np.ndarray
    themes: comp.SetPairs
    languages: comp.SetPairs

    @classmethod
    def of(cls, prepared: Prepared, params: Params) -> _Tables:
        day_hours = comp.working_day_hours(params.work_start, params.work_end)
        hours = comp.hours_table(
            prepared.zones, params.work_start, params.work_end, params.reference_date
        )
        return cls(
            day_hours=day_hours,
            hours=(hours / day_hours).clip(0, 1),
            themes=comp.SetPairs(prepared.c_themes, prepared.p_themes),
            languages=comp.SetPairs(prepared.c_languages, prepared.p_languages),
        )


def _candidates(
    prepared, text, tables: _Tables, weights, eligibility, params, locks, store
) -> Edges:
    """The best-scored eligible pairs of each side, every eligible stated interest and
    every lock."""
    interest_ci, interest_pi = np.divmod(prepared.interest_codes, max(prepared.n_providers, 1))
    wanted = eligibility.eligible(interest_ci, interest_pi)
    lock_ci = np.array([c for c, _ in locks], dtype=np.int64)
    lock_pi = np.array([p for _, p in locks], dtype=np.int64)
    scorer = BlockScorer(
        prepared, text, tables.themes, tables.languages, tables.hours, weights, eligibility
    )
    return candidate_edges(
        prepared,
        scorer,
        params,
        (
            np.concatenate([interest_ci[wanted], lock_ci]),
            np.concatenate([interest_pi[wanted], lock_pi]),
        ),
        store,
    )


def _components(
    prepared: Prepared, edges: Edges, tables: _Tables
) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """The exact components of every candidate edge, and its stated-interest rank."""
    interest_rank = prepared.interest_ranks(edges.ci, edges.pi)
    components = {
        "text": edges.text,
        "themes": tables.themes.pairs("jaccard", edges.ci, edges.pi),
        "languages": tables.languages.pairs("any", edges.ci, edges.pi),
        "hours": tables.hours[prepared.c_zone[edges.ci], prepared.p_zone[edges.pi]],
        "interest": comp.interest_value(interest_rank),
        "review": prepared.review[edges.pi],
    }
    return components, interest_rank


def _locked(prepared: Prepared, edges: Edges, score: np.ndarray, locks) -> tuple[np.ndarray, list]:
    """Which edges are locked, once the locks that cannot all fit are dropped (with a
    notice each)."""
    codes = prepared.codes(edges.ci, edges.pi)
    edge_of = dict(zip(codes.tolist(), range(codes.size), strict=True))
    lock_edges = {pair: edge_of[prepared.n_providers * pair[0] + pair[1]] for pair in locks}
    locks, dropped = fitting_locks(prepared, locks, {k: score[e] for k, e in lock_edges.items()})
    locked = np.zeros(codes.size, dtype=bool)
    locked[[lock_edges[pair] for pair in locks]] = True
    return locked, dropped


def _figures(
    prepared, eligibility, scored: Scored, assignment, pricing, matches, unfilled, clock
) -> Figures:
    eligible_pairs = eligibility.count()
    rounds, largest_left = pricing
    return Figures(
        challenges=prepared.n_challenges,
        providers=prepared.n_providers,
        eligible_pairs=eligible_pairs,
        candidate_edges=int(scored.ci.size),
        matches=len(matches),
        locked_matches=int(scored.locked.sum()),
        slots_wanted=int(prepared.demand.sum()),
        unfilled_slots=sum(u.missing for u in unfilled),
        total_score=round(float(scored.score[scored.chosen].sum()), 6),
        objective=round(assignment.objective, 6),
        priced_pairs=eligible_pairs - int(scored.ci.size),
        pricing_rounds=rounds,
        largest_reduced_cost=round(largest_left, 6),
        timings=clock.total(),
    )


@dataclass(frozen=True, slots=True)
class _Round:
    """The candidate edges of one round, their exact components and the assignment."""

    edges: Edges
    components: dict[str, np.ndarray]
    interest_rank: np.ndarray
    score: np.ndarray
    locked: np.ndarray
    dropped: list
    assignment: Assignment

    @classmethod
    def of(cls, prepared, edges: Edges, tables, weights, locks, penalty: float) -> _Round:
        components, interest_rank = _components(prepared, edges, tables)
        score = comp.scores(components, weights)
        locked, dropped = _locked(prepared, edges, score, locks)
        demand, capacity = prepared.demand, prepared.capacity
        assignment = solve(edges.ci, edges.pi, score, locked, demand, capacity, penalty)
        return cls(edges, components, interest_rank, score, locked, dropped, assignment)

    def scored(self) -> Scored:
        """The round's edges with everything explaining them needs."""
        return Scored(
            ci=self.edges.ci,
            pi=self.edges.pi,
            components=self.components,
            score=self.score,
            interest_rank=self.interest_rank,
            locked=self.locked,
            chosen=self.assignment.chosen,
        )


def _priced_to_optimum(
    prepared, tables, weights, locks, params, store: PairStore, first: _Round
) -> tuple[list[_Round], float]:
    """Rounds of pricing and solving until no eligible pair has a positive reduced
    cost; the rounds, and the largest reduced cost left (≤ 0)."""
    rounds = [first]
    if not prepared.n_challenges or not prepared.n_providers:
        return rounds, 0.0

    def exact_scores(ci, pi, text):
        components, _ = _components(prepared, Edges(ci, pi, text), tables)
        return comp.scores(components, weights)

    while True:
        edges = rounds[-1].edges
        codes = prepared.codes(edges.ci, edges.pi)
        priced = price(
            store,
            rounds[-1].assignment,
            params.unfilled_penalty,
            lambda ci, pi, codes=codes: contains(codes, prepared.codes(ci, pi)),
            exact_scores,
        )
        if priced.improving == 0:
            return rounds, priced.largest_left
        ci = np.concatenate([edges.ci, priced.ci])
        pi = np.concatenate([edges.pi, priced.pi])
        order = np.argsort(prepared.codes(ci, pi), kind="stable")
        text = np.concatenate([edges.text, priced.text])
        merged = Edges(ci[order], pi[order], text[order])
        rounds.append(_Round.of(prepared, merged, tables, weights, locks, params.unfilled_penalty))
