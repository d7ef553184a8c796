"""Why: reasons, ranks, alternates and passed-over candidates for every match.

Reasons come from the match's largest weighted contributions (weight × component value),
best first: a match always has at least one, the first being its largest contribution.
A higher-scored candidate that is not matched to the challenge is explained by where its
capacity went; with an exact solver the only other possibility is that the match it
lost to is locked, so anything else is reported as a solver error.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from matching.engine.errors import SolverError
from matching.engine.model import (
    COMPONENTS,
    Alternate,
    Candidate,
    Match,
    Params,
    PassedOver,
    Placement,
    Reason,
    Unfilled,
    Weights,
)
from matching.engine.prepare import Prepared

UNFILLED_PASSED_OVER = 10


@dataclass(frozen=True, slots=True)
class Scored:
    """The candidate edges with everything known about them (arrays aligned by edge)."""

    ci: np.ndarray
    pi: np.ndarray
    components: dict[str, np.ndarray]  # review is NaN where the provider has no review
    score: np.ndarray
    interest_rank: np.ndarray  # 0 when not a stated interest
    locked: np.ndarray
    chosen: np.ndarray


def component_dicts(scored: Scored, order: np.ndarray) -> list[dict[str, float]]:
    """Each edge's components as a dict, in `order`; no `review` key when there is none."""
    names = [name for name in COMPONENTS if name != "review"]
    columns = [scored.components[name][order].tolist() for name in names]
    dicts = [dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True)]
    for values, review in zip(dicts, scored.components["review"][order].tolist(), strict=True):
        if review == review:  # not NaN
            values["review"] = review
    return dicts


def reasons_for(
    prepared: Prepared,
    ci: int,
    pi: int,
    components: dict[str, float],
    interest_rank: int,
    weights: Weights,
    day_hours: float,
    limit: int,
) -> tuple[Reason, ...]:
    contributions = sorted(
        ((getattr(weights, name) * value, -COMPONENTS.index(name), name))
        for name, value in components.items()
    )[::-1]
    said = [name for contribution, _, name in contributions if contribution > 0][:limit]
    names = said or [contributions[0][2]]
    challenge, provider = prepared.challenges[ci], prepared.providers[pi]
    reasons = []
    for name in names:
        if name == "themes":
            shared = sorted(set(prepared.c_themes[ci]) & set(prepared.p_themes[pi]))
            data = {"themes": shared}
        elif name == "languages":
            shared = sorted(set(prepared.c_languages[ci]) & set(prepared.p_languages[pi]))
            data = {"languages": shared}
        elif name == "hours":
            data = {
                "hours": round(components["hours"] * day_hours, 1),
                "challenge_timezone": challenge.timezone,
                "provider_timezone": provider.timezone,
            }
        elif name == "interest":
            data = {"rank": interest_rank, "of": int(prepared.interest_count[pi])}
        elif name == "text":
            data = {"similarity": round(components["text"], 4)}
        else:
            data = {"score": round(components["review"], 4)}
        reasons.append(Reason(name, data))
    return tuple(reasons)


def explain(
    prepared: Prepared,
    scored: Scored,
    weights: Weights,
    params: Params,
    day_hours: float,
) -> tuple[tuple[Match, ...], dict[str, tuple[Candidate, ...]], tuple[Unfilled, ...]]:
    penalty = params.unfilled_penalty
    c_refs = [c.ref for c in prepared.challenges]
    p_refs = [p.ref for p in prepared.providers]
    order = np.lexsort((scored.pi, -scored.score, scored.ci))
    ci, pi, score = scored.ci[order], scored.pi[order], scored.score[order]
    chosen, locked = scored.chosen[order], scored.locked[order]
    bounds = np.searchsorted(ci, np.arange(prepared.n_challenges + 1))
    rank = np.arange(ci.size) - bounds[ci] + 1

    load = np.bincount(pi[chosen], minlength=prepared.n_providers)
    spare = prepared.capacity - load
    placements: dict[int, list[Placement]] = {}
    for e in np.flatnonzero(chosen).tolist():
        placements.setdefault(int(pi[e]), []).append(
            Placement(c_refs[ci[e]], float(score[e]), bool(locked[e]))
        )
    went_to = {
        q: tuple(sorted(found, key=lambda p: (-p.score, p.challenge)))
        for q, found in placements.items()
    }
    at_capacity: dict[int, PassedOver] = {}

    score_list, pi_list = score.tolist(), pi.tolist()
    chosen_list, locked_list, rank_list = chosen.tolist(), locked.tolist(), rank.tolist()
    spare_list = spare.tolist()
    interest_list = scored.interest_rank[order].tolist()
    components = component_dicts(scored, order)
    rankings: dict[str, tuple[Candidate, ...]] = {}
    matches: list[Match] = []
    unfilled: list[Unfilled] = []
    for c in range(prepared.n_challenges):
        lo, hi = int(bounds[c]), int(bounds[c + 1])
        candidates = tuple(
            Candidate(p_refs[pi_list[e]], score_list[e], e - lo + 1, components[e], chosen_list[e])
            for e in range(lo, hi)
        )
        rankings[c_refs[c]] = candidates
        others = [e for e in range(lo, hi) if not chosen_list[e]]

        def passed(e: int, lost_to_lock: bool, challenge: str = c_refs[c]) -> PassedOver:
            q = pi_list[e]
            if spare_list[q] <= 0:
                if e not in at_capacity:
                    at_capacity[e] = PassedOver(
                        p_refs[q], score_list[e], "at_capacity", went_to.get(q, ())
                    )
                return at_capacity[e]
            if lost_to_lock:
                return PassedOver(p_refs[q], score_list[e], "locked", ())
            if score_list[e] + penalty <= 0:
                return PassedOver(p_refs[q], score_list[e], "no_gain", ())
            raise SolverError(
                f"{p_refs[q]} scores higher for {challenge} and has capacity left: not optimal."
            )

        matched = [e for e in range(lo, hi) if chosen_list[e]]
        for e in matched:
            matches.append(
                Match(
                    challenge=c_refs[c],
                    provider=p_refs[pi_list[e]],
                    score=score_list[e],
                    components=components[e],
                    reasons=reasons_for(
                        prepared,
                        c,
                        pi_list[e],
                        components[e],
                        interest_list[e],
                        weights,
                        day_hours,
                        params.max_reasons,
                    ),
                    rank=rank_list[e],
                    locked=locked_list[e],
                    alternates=tuple(
                        Alternate(
                            p_refs[pi_list[a]], score_list[a], rank_list[a], spare_list[pi_list[a]]
                        )
                        for a in others[: params.alternates]
                    ),
                    passed_over=tuple(
                        passed(o, locked_list[e]) for o in others if score_list[o] > score_list[e]
                    ),
                )
            )
        wanted = int(prepared.demand[c])
        if len(matched) < wanted:
            unfilled.append(
                Unfilled(
                    challenge=c_refs[c],
                    wanted=wanted,
                    filled=len(matched),
                    candidates=hi - lo,
                    passed_over=tuple(passed(o, False) for o in others[:UNFILLED_PASSED_OVER]),
                )
            )
    return tuple(matches), rankings, tuple(unfilled)
