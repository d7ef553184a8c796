"""What goes into the engine and what comes out: plain, immutable dataclasses.

Refs are the caller's stable keys (the exchange format's `ref`s, or primary keys as
strings). Pairs are always `(challenge_ref, provider_ref)`. Theme and language values are
opaque codes (theme slugs, ISO 639-1 codes); their display names only matter for the
English wording and are passed in `Problem.theme_names` / `Problem.language_names`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from types import MappingProxyType
from typing import Any

from matching.engine import wording
from matching.engine.errors import InputError

#: The score components, in the order used for tie-breaks and display.
COMPONENTS = ("text", "themes", "languages", "hours", "interest", "review")

Pair = tuple[str, str]
_EMPTY: Mapping[str, str] = MappingProxyType({})


# --- input -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Challenge:
    """A challenge taking part in the round. `text` is title, summary and description
    joined; `country` is the owner's ISO 3166-1 alpha-2 code."""

    ref: str
    country: str
    themes: Sequence[str] = ()
    languages: Sequence[str] = ()
    timezone: str = "UTC"
    text: str = ""
    providers_wanted: int = 2


@dataclass(frozen=True, slots=True)
class Provider:
    """A solution provider (one solution proposal). `interested_in` lists challenge refs
    in the provider's order of preference (first = first choice); refs of challenges not
    in the round are ignored. `review_score` is in [0, 1], or None when not reviewed."""

    ref: str
    country: str
    themes: Sequence[str] = ()
    languages: Sequence[str] = ()
    timezone: str = "UTC"
    text: str = ""
    capacity: int = 1
    interested_in: Sequence[str] = ()
    review_score: float | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    """One matching round.

    - `conflicts`: declared conflicts of interest; such a pair is never ranked or matched.
    - `exclusions`: pairs the secretariat excluded; never ranked or matched.
    - `locks`: pairs the secretariat locked; always matched, counting against the
      challenge's demand and the provider's capacity. A lock that breaks a hard rule, or
      that does not fit the demand or capacity, is dropped with a warning in the result.
    """

    challenges: Sequence[Challenge]
    providers: Sequence[Provider]
    conflicts: Sequence[Pair] = ()
    exclusions: Sequence[Pair] = ()
    locks: Sequence[Pair] = ()
    theme_names: Mapping[str, str] = _EMPTY
    language_names: Mapping[str, str] = _EMPTY


@dataclass(frozen=True, slots=True)
class Weights:
    """How much each component counts. Any non-negative numbers; `normalised()` makes
    them sum to 1. The defaults favour what makes a pair work: comparable experience
    (text, themes), the provider's own wish, and being able to talk (languages, hours)."""

    text: float = 0.25
    themes: float = 0.20
    languages: float = 0.15
    hours: float = 0.10
    interest: float = 0.20
    review: float = 0.10

    def normalised(self) -> Weights:
        values = [getattr(self, name) for name in COMPONENTS]
        if any(not math.isfinite(v) or v < 0 for v in values):
            raise InputError("Weights must be finite and not negative.")
        total = sum(values)
        if total <= 0:
            raise InputError("At least one weight must be positive.")
        return Weights(**{name: v / total for name, v in zip(COMPONENTS, values, strict=True)})

    def as_dict(self) -> dict[str, float]:
        return {name: getattr(self, name) for name in COMPONENTS}


#: Turns texts into embedding vectors (one row per text); see `matching.engine.embedding`.
Embedder = Callable[[Sequence[str]], Any]


@dataclass(frozen=True, slots=True)
class Params:
    """Run parameters.

    - `top_k_per_challenge`, `top_k_per_provider`: candidate edges kept per side, on top
      of every stated interest and every lock. The solver starts on these edges; pricing
      adds any other eligible pair that could improve the assignment, so the result is
      optimal over every eligible pair whatever k is.
    - `unfilled_penalty`: what an empty slot costs, in score units. 0 maximises the total
      score alone; the default 0.1 makes the solver fill a slot with a weaker pair rather
      than leave it empty when the loss elsewhere is smaller than 0.1.
    - `work_start`, `work_end`, `reference_date`: the local working day used for the hours
      component, evaluated on one fixed date so that daylight saving time gives the same
      answer on every run (the default is a Wednesday in northern winter).
    - `alternates`: alternates listed per match. `max_reasons`: reasons per match.
    - `chunk_rows`: challenges scored per block; memory grows with chunk_rows × providers.
    - `embedder`, `embedding_blend`: sentence embeddings blended into the text component
      (`(1 - blend) * tf-idf + blend * embedding cosine`, the embedding cosine alone for two
      texts known to be in different languages). `matching.engine.embedding.embed` is one;
      the portal passes its stored vectors (`matching.embeddings.StoredEmbedder`) unless
      MATCHING_EMBEDDINGS is off. None: TF-IDF alone. 0.5 reads best on
      bench/matching_quality.py (recall@1, recall@2 and MRR all highest).
    - `phrases_quoted`: pairs of phrases, closest in meaning, that the `meaning` reason of
      a match quotes (needs an embedder; 0 quotes none and embeds no phrase).
    - `details`: False leaves out what only the matching page shows (each ranked
      candidate's components, left empty, and the alternates and passed-over candidates
      of matches and unfilled challenges), for a headless run whose exchange document
      holds rankings, matches and reasons only: at 10,000 × 10,000 they are most of
      the explaining.
    """

    top_k_per_challenge: int = 10
    top_k_per_provider: int = 5
    unfilled_penalty: float = 0.1
    work_start: time = time(8, 0)
    work_end: time = time(18, 0)
    reference_date: date = date(2026, 1, 14)
    alternates: int = 3
    max_reasons: int = 3
    chunk_rows: int = 256
    embedder: Embedder | None = None
    embedding_blend: float = 0.5
    phrases_quoted: int = 2
    details: bool = True

    @property
    def text_blend(self) -> float:
        """The embedding cosine's share of the text component: 0 without an embedder."""
        return self.embedding_blend if self.embedder is not None else 0.0

    def checked(self) -> Params:
        if self.top_k_per_challenge < 0 or self.top_k_per_provider < 0:
            raise InputError("top_k_per_challenge and top_k_per_provider must not be negative.")
        if not (math.isfinite(self.unfilled_penalty) and self.unfilled_penalty >= 0):
            raise InputError("unfilled_penalty must be finite and not negative.")
        if self.work_end <= self.work_start:
            raise InputError("work_end must be after work_start.")
        if self.chunk_rows < 1 or self.alternates < 0 or self.max_reasons < 1:
            raise InputError("chunk_rows and max_reasons must be positive, alternates >= 0.")
        if self.phrases_quoted < 0:
            raise InputError("phrases_quoted must not be negative.")
        if not 0 <= self.embedding_blend <= 1:
            raise InputError("embedding_blend must be in [0, 1].")
        return self


# --- output ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a pair fits, as a code with its data; `text()` words it in English. Codes and
    their data: `themes` {"themes": [slug, ...]}, `languages` {"languages": [code, ...]},
    `hours` {"hours": float, "challenge_timezone", "provider_timezone"}, `interest`
    {"rank": int, "of": int}, `review` {"score": float}, `text` {"similarity": float,
    "tfidf": float, "embedding": float (with an embedder), "challenge_language",
    "provider_language"} and `meaning` {"phrases": [[challenge phrase, provider phrase,
    cosine], ...], "challenge_language", "provider_language"}, the phrases of the two texts
    closest in meaning (said after the other reasons). A language is an ISO 639-1 code, ""
    when the text is too short to tell (see `matching.engine.language`)."""

    code: str
    data: Mapping[str, Any]

    def text(self, theme_names: Mapping[str, str] = _EMPTY, language_names=_EMPTY) -> str:
        return wording.reason_text(self.code, self.data, theme_names, language_names)


@dataclass(frozen=True, slots=True)
class Notice:
    """A warning about the input or the run, as a code with its data; `text()` words it.
    Codes: `lock_breaks_rule`, `lock_over_demand`, `lock_over_capacity`, `unknown_ref`."""

    code: str
    data: Mapping[str, Any]

    def text(self) -> str:
        return wording.notice_text(self.code, self.data)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A provider in a challenge's ranking. `rank` is 1-based, best first; `components`
    is empty when the run was asked for no details (`Params.details`)."""

    provider: str
    score: float
    rank: int
    components: Mapping[str, float]
    matched: bool


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a provider went: one of its matches."""

    challenge: str
    score: float
    locked: bool


@dataclass(frozen=True, slots=True)
class Alternate:
    """A next-best candidate not matched to the challenge; `spare_capacity` is what the
    provider has left after this run (0: it is fully used elsewhere). `decided_by` is the
    component on which the match leads it most (weight × difference), "" when the
    alternate scores higher (it is then passed over, see `PassedOver`)."""

    provider: str
    score: float
    rank: int
    spare_capacity: int
    decided_by: str = ""


@dataclass(frozen=True, slots=True)
class PassedOver:
    """A candidate that scored higher than a match (or than nothing, for an unfilled slot)
    but went elsewhere. `code` says why: `at_capacity` (its capacity is used by
    `went_to`, which the optimum needed more; empty for a capacity of 0), `locked` (the
    match it lost to is locked by the secretariat) or `no_gain` (it scores 0 and the
    unfilled penalty is 0, so filling the slot gains nothing). For `at_capacity`,
    `decided_by` is the component on which its best placement leads this pair most
    (weight × difference): what made it worth more there; "" when none leads."""

    provider: str
    score: float
    code: str
    went_to: tuple[Placement, ...]
    decided_by: str = ""


@dataclass(frozen=True, slots=True)
class Match:
    """One pair of the assignment. `components` holds each component in [0, 1] (no
    `review` key when the provider has no review). `rank` is the provider's place in the
    challenge's ranking."""

    challenge: str
    provider: str
    score: float
    components: Mapping[str, float]
    reasons: tuple[Reason, ...]
    rank: int
    locked: bool
    alternates: tuple[Alternate, ...]
    passed_over: tuple[PassedOver, ...]


@dataclass(frozen=True, slots=True)
class Unfilled:
    """A challenge that got fewer providers than it wanted; `passed_over` lists its
    candidates and where they went (at most 10)."""

    challenge: str
    wanted: int
    filled: int
    candidates: int
    passed_over: tuple[PassedOver, ...]

    @property
    def missing(self) -> int:
        return self.wanted - self.filled


@dataclass(frozen=True, slots=True)
class Figures:
    """Counts and timings of a run. `objective` is total_score − penalty × unfilled slots,
    what the solver maximises. The certificate that no eligible pair could raise it:
    `priced_pairs` eligible pairs outside the candidate edges were priced against the
    solver's dual values in each of `pricing_rounds` rounds, and the largest reduced cost
    left among them is `largest_reduced_cost` (≤ 0: the assignment is optimal over all
    `eligible_pairs`). `timings` maps stage name to seconds."""

    challenges: int
    providers: int
    eligible_pairs: int
    candidate_edges: int
    matches: int
    locked_matches: int
    slots_wanted: int
    unfilled_slots: int
    total_score: float
    objective: float
    priced_pairs: int
    pricing_rounds: int
    largest_reduced_cost: float
    timings: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class MatchResult:
    """The outcome of `match()`.

    - `matches`: the assignment, by challenge ref then rank.
    - `rankings`: challenge ref → its candidates, best first (see `matching.engine.run`
      for why this is the candidate set and not every eligible provider).
    - `unfilled`: challenges that got fewer providers than they wanted.
    - `warnings`: notices about dropped locks and unknown refs.
    """

    matches: tuple[Match, ...]
    rankings: Mapping[str, tuple[Candidate, ...]]
    unfilled: tuple[Unfilled, ...]
    figures: Figures
    warnings: tuple[Notice, ...]
    weights: Weights
    params: Params
    theme_names: Mapping[str, str] = _EMPTY
    language_names: Mapping[str, str] = _EMPTY

    def reason_texts(self, match: Match) -> list[str]:
        return [r.text(self.theme_names, self.language_names) for r in match.reasons]

    def to_exchange_dict(self, programme_slug: str) -> dict[str, Any]:
        """The `incubator-matches/1` document of the exchange spec, reasons in English."""
        return {
            "format": "incubator-matches/1",
            "programme": programme_slug,
            "rankings": {
                challenge: [
                    {"solution": c.provider, "score": round(c.score, 4)} for c in candidates
                ]
                for challenge, candidates in self.rankings.items()
            },
            "matches": [
                {
                    "challenge": m.challenge,
                    "solution": m.provider,
                    "score": round(m.score, 4),
                    "reasons": self.reason_texts(m),
                }
                for m in self.matches
            ],
        }
