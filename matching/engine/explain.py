"""Why: reasons, ranks, alternates and passed-over candidates for every match.

Reasons come from the match's largest weighted contributions (weight × component value),
best first: a match always has at least one, the first being its largest contribution.
With an embedder, a `meaning` reason follows, quoting the phrases of the two texts
closest in meaning; the text reasons say the language of each text.
A higher-scored candidate that is not matched to the challenge is explained by where its
capacity went; with an exact solver the only other possibility is that the match it
lost to is locked, so anything else is reported as a solver error. Whether "went
elsewhere" or "scored lower", the explanation names the component that decided.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import takewhile

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
from matching.engine.phrases import PhraseIndex
from matching.engine.prepare import Prepared
from matching.engine.text import TextSimilarity

UNFILLED_PASSED_OVER = 10
# A ranked candidate's components in a run without details.
_NOT_DETAILED: dict[str, float] = {}
# Equal contributions are said in the order of COMPONENTS.
_EARLIER = {name: -index for index, name in enumerate(COMPONENTS)}


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
    text: TextFacts,
) -> tuple[Reason, ...]:
    contributions = sorted(
        (
            (getattr(weights, name) * value, _EARLIER[name], name)
            for name, value in components.items()
        ),
        reverse=True,
    )
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
            data = {"similarity": round(components["text"], 4), **text.parts(ci, pi)}
        else:
            data = {"score": round(components["review"], 4)}
        reasons.append(Reason(name, data))
    meaning = text.meaning(ci, pi)
    return (*reasons, Reason("meaning", meaning)) if meaning else tuple(reasons)


def deciding_component(weights: Weights, ahead: dict[str, float], behind: dict[str, float]) -> str:
    """The component on which `ahead` leads `behind` most (weight × difference, ties to
    the earlier component), "" when it leads on none."""
    # A plain loop: this runs for every alternate and passed-over candidate of a round.
    most, deciding = 0.0, ""
    for name in COMPONENTS:
        if name in ahead and name in behind:
            lead = getattr(weights, name) * (ahead[name] - behind[name])
            if lead > most:
                most, deciding = lead, name
    return deciding


class TextFacts:
    """What the text reasons of the matches say beyond the similarity: its TF-IDF and
    embedding parts, the language of each text and the closest phrases. Only matched
    pairs are explained, so only their texts are looked at and their phrases embedded."""

    def __init__(
        self, prepared: Prepared, pairs: list[tuple[int, int]], text: TextSimilarity, params: Params
    ):
        self._challenges, self._providers = prepared.challenges, prepared.providers
        ci = np.array([c for c, _ in pairs], dtype=np.int64)
        pi = np.array([p for _, p in pairs], dtype=np.int64)
        found = text.parts(ci, pi) if pairs else {}
        self._parts = {
            pair: {name: round(float(values[i]), 4) for name, values in found.items()}
            for i, pair in enumerate(pairs)
        }
        self._languages = text.languages
        self._quoted = params.phrases_quoted if params.embedder is not None else 0
        self._meanings = None
        if self._quoted:
            texts = [(self._challenges[c].text, self._providers[p].text) for c, p in pairs]
            index = PhraseIndex(sorted({text for pair in texts for text in pair}), params.embedder)
            self._meanings = dict(zip(pairs, index.closest(texts, self._quoted), strict=True))

    def languages(self, ci: int, pi: int) -> dict[str, str]:
        return {
            "challenge_language": self._languages[ci],
            "provider_language": self._languages[len(self._challenges) + pi],
        }

    def parts(self, ci: int, pi: int) -> dict:
        return {**self._parts.get((ci, pi), {}), **self.languages(ci, pi)}

    def meaning(self, ci: int, pi: int) -> dict | None:
        if self._meanings is None:
            return None
        pairs = self._meanings.get((ci, pi))
        if not pairs:
            return None
        return {"phrases": [list(pair) for pair in pairs], **self.languages(ci, pi)}


def explain(
    prepared: Prepared,
    scored: Scored,
    weights: Weights,
    params: Params,
    day_hours: float,
    text: TextSimilarity,
) -> tuple[tuple[Match, ...], dict[str, tuple[Candidate, ...]], tuple[Unfilled, ...]]:
    chosen = np.flatnonzero(scored.chosen)
    pairs = list(zip(scored.ci[chosen].tolist(), scored.pi[chosen].tolist(), strict=True))
    facts = TextFacts(prepared, pairs, text, params)
    ranked = _Ranked(prepared, scored, weights, params, day_hours, facts)
    rankings: dict[str, tuple[Candidate, ...]] = {}
    matches: list[Match] = []
    unfilled: list[Unfilled] = []
    for c, ref in enumerate(ranked.c_refs):
        rankings[ref], found, missing = ranked.challenge(c)
        matches += found
        if missing is not None:
            unfilled.append(missing)
    return tuple(matches), rankings, tuple(unfilled)


class _Ranked:
    """The candidate edges grouped by challenge, best first, with what explaining them
    needs; read as Python lists, which are faster than arrays one element at a time."""

    __slots__ = (
        "at_capacity",
        "best_placement",
        "bounds",
        "c_refs",
        "chosen",
        "components",
        "day_hours",
        "interest",
        "locked",
        "p_refs",
        "params",
        "pi",
        "prepared",
        "rank",
        "score",
        "spare",
        "text",
        "weights",
        "went_to",
    )

    def __init__(
        self,
        prepared: Prepared,
        scored: Scored,
        weights: Weights,
        params: Params,
        day_hours: float,
        text: TextFacts,
    ):
        self.prepared = prepared
        self.text = text
        self.weights = weights
        self.params = params
        self.day_hours = day_hours
        self.c_refs = [c.ref for c in prepared.challenges]
        self.p_refs = [p.ref for p in prepared.providers]
        order = np.lexsort((scored.pi, -scored.score, scored.ci))
        ci, pi, score = scored.ci[order], scored.pi[order], scored.score[order]
        chosen, locked = scored.chosen[order], scored.locked[order]
        bounds = np.searchsorted(ci, np.arange(prepared.n_challenges + 1))
        rank = np.arange(ci.size) - bounds[ci] + 1
        spare = prepared.capacity - np.bincount(pi[chosen], minlength=prepared.n_providers)
        self.went_to = self._went_to(ci, pi, score, chosen, locked)
        self.at_capacity: dict[int, PassedOver] = {}
        self.bounds = bounds.tolist()
        self.score, self.pi = score.tolist(), pi.tolist()
        self.chosen, self.locked, self.rank = chosen.tolist(), locked.tolist(), rank.tolist()
        self.spare = spare.tolist()
        self.interest = scored.interest_rank[order].tolist()
        if params.details:
            self.components = component_dicts(scored, order)
        else:  # the matches' components only, which their reasons are drawn from
            matched = np.flatnonzero(chosen)
            found = component_dicts(scored, order[matched])
            self.components = dict(zip(matched.tolist(), found, strict=True))

    def _went_to(self, ci, pi, score, chosen, locked) -> dict[int, tuple[Placement, ...]]:
        """Where each matched provider's capacity went, best first; the edge of its best
        placement goes to `best_placement`."""
        placements: dict[int, list[tuple[Placement, int]]] = {}
        for e in np.flatnonzero(chosen).tolist():
            placements.setdefault(int(pi[e]), []).append(
                (Placement(self.c_refs[ci[e]], float(score[e]), bool(locked[e])), e)
            )
        went_to, self.best_placement = {}, {}
        for q, found in placements.items():
            found.sort(key=lambda placed: (-placed[0].score, placed[0].challenge))
            went_to[q] = tuple(placement for placement, _ in found)
            self.best_placement[q] = found[0][1]
        return went_to

    def challenge(self, c: int) -> tuple[tuple[Candidate, ...], list[Match], Unfilled | None]:
        """The challenge's ranking, its matches, and its unfilled places if any."""
        lo, hi = self.bounds[c], self.bounds[c + 1]
        p_refs, pi, score, chosen = self.p_refs, self.pi, self.score, self.chosen
        components, details = self.components, self.params.details
        ranking = tuple(
            Candidate(
                p_refs[pi[e]],
                score[e],
                e - lo + 1,
                components[e] if details else _NOT_DETAILED,
                chosen[e],
            )
            for e in range(lo, hi)
        )
        # Without details, no alternate or passed-over candidate is looked at.
        others = [e for e in range(lo, hi) if not chosen[e]] if details else []
        matched = [e for e in range(lo, hi) if chosen[e]]
        matches = [self._match(c, e, others) for e in matched]
        wanted = int(self.prepared.demand[c])
        if len(matched) >= wanted:
            return ranking, matches, None
        return (
            ranking,
            matches,
            Unfilled(
                challenge=self.c_refs[c],
                wanted=wanted,
                filled=len(matched),
                candidates=hi - lo,
                passed_over=tuple(self._passed(o, False, c) for o in others[:UNFILLED_PASSED_OVER]),
            ),
        )

    def _match(self, c: int, e: int, others: list[int]) -> Match:
        p_refs, pi, score, rank, spare = self.p_refs, self.pi, self.score, self.rank, self.spare
        locked, passed = self.locked[e], self._passed
        return Match(
            challenge=self.c_refs[c],
            provider=p_refs[pi[e]],
            score=score[e],
            components=self.components[e],
            reasons=reasons_for(
                self.prepared,
                c,
                pi[e],
                self.components[e],
                self.interest[e],
                self.weights,
                self.day_hours,
                self.params.max_reasons,
                self.text,
            ),
            rank=rank[e],
            locked=locked,
            alternates=tuple(
                Alternate(p_refs[pi[a]], score[a], rank[a], spare[pi[a]], self._lead(e, a))
                for a in others[: self.params.alternates]
            ),
            # A challenge's edges run best first, so those scored higher lead the list.
            passed_over=tuple(
                passed(o, locked, c) for o in takewhile(lambda o: score[o] > score[e], others)
            ),
        )

    def _deciding(self, ahead: int, behind: int) -> str:
        return deciding_component(self.weights, self.components[ahead], self.components[behind])

    def _lead(self, match: int, alternate: int) -> str:
        """What the match leads the alternate on most; "" for a higher-scored alternate,
        which is explained as passed over."""
        return "" if self.score[alternate] > self.score[match] else self._deciding(match, alternate)

    def _passed(self, e: int, lost_to_lock: bool, c: int) -> PassedOver:
        """Why a candidate that scores higher than a match, or that could fill an empty
        place, is not matched to this challenge."""
        q, score = self.pi[e], self.score[e]
        if self.spare[q] <= 0:
            if e not in self.at_capacity:
                placed = self.best_placement.get(q)
                self.at_capacity[e] = PassedOver(
                    self.p_refs[q],
                    score,
                    "at_capacity",
                    self.went_to.get(q, ()),
                    "" if placed is None else self._deciding(placed, e),
                )
            return self.at_capacity[e]
        if lost_to_lock:
            return PassedOver(self.p_refs[q], score, "locked", ())
        if score + self.params.unfilled_penalty <= 0:
            return PassedOver(self.p_refs[q], score, "no_gain", ())
        raise SolverError(
            f"{self.p_refs[q]} scores higher for {self.c_refs[c]} and has capacity left: "
            "not optimal."
        )
