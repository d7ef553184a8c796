"""Checks a `Problem` and lays it out as arrays in one canonical order.

Challenges and providers are sorted by ref, pairs are deduplicated and sorted, and
themes and languages become sorted sets. Every later stage works on this layout, so the
result depends only on the content of the problem, never on the order it was given in.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np

from matching.engine.errors import InputError
from matching.engine.model import Challenge, Notice, Pair, Problem, Provider


@dataclass(frozen=True, slots=True)
class Prepared:
    challenges: tuple[Challenge, ...]
    providers: tuple[Provider, ...]
    c_index: dict[str, int]
    p_index: dict[str, int]
    c_country: np.ndarray  # int32 country ids, shared by both sides
    p_country: np.ndarray
    zones: tuple[str, ...]
    c_zone: np.ndarray  # int32 indices into zones
    p_zone: np.ndarray
    c_themes: tuple[tuple[str, ...], ...]
    p_themes: tuple[tuple[str, ...], ...]
    c_languages: tuple[tuple[str, ...], ...]
    p_languages: tuple[tuple[str, ...], ...]
    demand: np.ndarray  # int64 providers wanted per challenge
    capacity: np.ndarray  # int64 per provider
    review: np.ndarray  # float64 per provider, NaN when not reviewed
    interest_codes: np.ndarray  # int64 pair codes, sorted
    interest_rank: np.ndarray  # int64 1-based rank, aligned with interest_codes
    interest_count: np.ndarray  # int64 stated interests per provider (in this round)
    conflicts: np.ndarray  # int64 pair codes, sorted
    exclusions: np.ndarray  # int64 pair codes, sorted
    locks: tuple[tuple[int, int], ...]  # (challenge index, provider index), sorted
    notices: tuple[Notice, ...]

    @property
    def n_challenges(self) -> int:
        return len(self.challenges)

    @property
    def n_providers(self) -> int:
        return len(self.providers)

    def codes(self, ci: np.ndarray, pi: np.ndarray) -> np.ndarray:
        """One int64 per pair, ordering pairs by challenge then provider."""
        return np.asarray(ci, dtype=np.int64) * self.n_providers + np.asarray(pi, np.int64)

    def interest_ranks(self, ci: np.ndarray, pi: np.ndarray) -> np.ndarray:
        """The 1-based rank of each pair among its provider's stated interests, 0 if none."""
        codes = self.codes(ci, pi)
        found = contains(self.interest_codes, codes)
        ranks = np.zeros(codes.size, dtype=np.int64)
        ranks[found] = self.interest_rank[np.searchsorted(self.interest_codes, codes[found])]
        return ranks


def contains(sorted_codes: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """Which of `codes` are in the sorted array `sorted_codes`."""
    if sorted_codes.size == 0:
        return np.zeros(np.shape(codes), dtype=bool)
    at = np.searchsorted(sorted_codes, codes).clip(max=sorted_codes.size - 1)
    return sorted_codes[at] == codes


@cache
def zone_exists(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _check_entity(kind: str, entity, seen: set[str]) -> None:
    ref = entity.ref
    if not isinstance(ref, str) or not ref:
        raise InputError(f"{kind}: every ref must be a non-empty string, got {ref!r}.")
    if ref in seen:
        raise InputError(f"{kind}: duplicate ref {ref!r}.")
    seen.add(ref)
    if not isinstance(entity.country, str) or not entity.country:
        raise InputError(f"{kind} {ref!r}: country is missing.")
    if not isinstance(entity.timezone, str) or not zone_exists(entity.timezone):
        raise InputError(f"{kind} {ref!r}: {entity.timezone!r} is not an IANA time zone.")
    if not isinstance(entity.text, str):
        raise InputError(f"{kind} {ref!r}: text must be a string.")


def _check(problem: Problem) -> None:
    seen: set[str] = set()
    for challenge in problem.challenges:
        _check_entity("challenge", challenge, seen)
        wanted = challenge.providers_wanted
        if isinstance(wanted, bool) or not isinstance(wanted, int) or wanted < 0:
            raise InputError(f"challenge {challenge.ref!r}: providers_wanted must be >= 0.")
    seen = set()
    for provider in problem.providers:
        _check_entity("provider", provider, seen)
        capacity = provider.capacity
        if isinstance(capacity, bool) or not isinstance(capacity, int) or capacity < 0:
            raise InputError(f"provider {provider.ref!r}: capacity must be >= 0.")
        score = provider.review_score
        if score is not None and (
            isinstance(score, bool) or not isinstance(score, numbers.Real) or not 0 <= score <= 1
        ):
            raise InputError(f"provider {provider.ref!r}: review_score must be in [0, 1].")


def _unknown_notice(field: str, unknown: list[Pair]) -> list[Notice]:
    if not unknown:
        return []
    examples = [f"{c} / {p}" for c, p in sorted(unknown)[:3]]
    return [Notice("unknown_ref", {"field": field, "count": len(unknown), "examples": examples})]


def _pair_codes(
    field: str, pairs, c_index: dict[str, int], p_index: dict[str, int]
) -> tuple[np.ndarray, list[Notice]]:
    codes, unknown = set(), []
    for challenge, provider in pairs:
        if challenge in c_index and provider in p_index:
            codes.add(c_index[challenge] * len(p_index) + p_index[provider])
        else:
            unknown.append((challenge, provider))
    return np.array(sorted(codes), dtype=np.int64), _unknown_notice(field, unknown)


def prepare(problem: Problem) -> Prepared:
    _check(problem)
    challenges = tuple(sorted(problem.challenges, key=lambda c: c.ref))
    providers = tuple(sorted(problem.providers, key=lambda p: p.ref))
    c_index = {c.ref: i for i, c in enumerate(challenges)}
    p_index = {p.ref: i for i, p in enumerate(providers)}

    countries = {
        name: i for i, name in enumerate(sorted({e.country for e in challenges + providers}))
    }
    zones = tuple(sorted({e.timezone for e in challenges + providers}))
    zone_ids = {name: i for i, name in enumerate(zones)}

    interest, interest_count, notices = _interests(providers, c_index)
    interest_codes = np.array(sorted(interest), dtype=np.int64)
    conflicts, found = _pair_codes("conflicts", problem.conflicts, c_index, p_index)
    notices += found
    exclusions, found = _pair_codes("exclusions", problem.exclusions, c_index, p_index)
    notices += found
    locks, found = _locks(problem.locks, c_index, p_index)
    notices += found

    return Prepared(
        challenges=challenges,
        providers=providers,
        c_index=c_index,
        p_index=p_index,
        c_country=np.array([countries[c.country] for c in challenges], dtype=np.int32),
        p_country=np.array([countries[p.country] for p in providers], dtype=np.int32),
        zones=zones,
        c_zone=np.array([zone_ids[c.timezone] for c in challenges], dtype=np.int32),
        p_zone=np.array([zone_ids[p.timezone] for p in providers], dtype=np.int32),
        c_themes=tuple(tuple(sorted(set(c.themes))) for c in challenges),
        p_themes=tuple(tuple(sorted(set(p.themes))) for p in providers),
        c_languages=tuple(tuple(sorted(set(c.languages))) for c in challenges),
        p_languages=tuple(tuple(sorted(set(p.languages))) for p in providers),
        demand=np.array([c.providers_wanted for c in challenges], dtype=np.int64),
        capacity=np.array([p.capacity for p in providers], dtype=np.int64),
        review=np.array(
            [math.nan if p.review_score is None else float(p.review_score) for p in providers],
            dtype=np.float64,
        ),
        interest_codes=interest_codes,
        interest_rank=np.array([interest[code] for code in interest_codes], dtype=np.int64),
        interest_count=interest_count,
        conflicts=conflicts,
        exclusions=exclusions,
        locks=locks,
        notices=tuple(notices),
    )


def _interests(
    providers: tuple[Provider, ...], c_index: dict[str, int]
) -> tuple[dict[int, int], np.ndarray, list[Notice]]:
    """Each provider's stated interests in this round as {pair code: 1-based rank} (an
    interest named twice counts once), how many each provider has, and a notice for
    the challenges named that are not in the round."""
    n_p = len(providers)
    interest: dict[int, int] = {}
    interest_count = np.zeros(n_p, dtype=np.int64)
    unknown: list[Pair] = []
    for pi, provider in enumerate(providers):
        rank = 0
        for ref in provider.interested_in:
            ci = c_index.get(ref)
            if ci is None:
                unknown.append((ref, provider.ref))
                continue
            if ci * n_p + pi in interest:
                continue
            rank += 1
            interest[ci * n_p + pi] = rank
        interest_count[pi] = rank
    return interest, interest_count, _unknown_notice("interested_in", unknown)


def _locks(
    pairs, c_index: dict[str, int], p_index: dict[str, int]
) -> tuple[tuple[tuple[int, int], ...], list[Notice]]:
    """The locks as sorted (challenge index, provider index), and a notice for each lock
    that names a challenge or provider not in the round."""
    locks, notices = set(), []
    for challenge, provider in pairs:
        rule = None if challenge in c_index else "unknown_challenge"
        rule = rule or (None if provider in p_index else "unknown_provider")
        if rule:
            notices.append(
                Notice(
                    "lock_breaks_rule", {"challenge": challenge, "provider": provider, "rule": rule}
                )
            )
        else:
            locks.add((c_index[challenge], p_index[provider]))
    return tuple(sorted(locks)), notices
