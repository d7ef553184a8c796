"""The hard rules, applied before any score counts.

A pair is eligible only when the provider is not from the challenge owner's country,
the pair has no declared conflict and the secretariat has not excluded it. Ineligible
pairs are never ranked, never candidates and never matched — locked or not.
"""

from __future__ import annotations

import numpy as np

from matching.engine.model import Notice
from matching.engine.prepare import Prepared, contains

#: The value an ineligible pair gets in a score block: below every real score.
INELIGIBLE = np.float32(-1.0)


class Eligibility:
    def __init__(self, prepared: Prepared):
        self.prepared = prepared
        self.forbidden = np.union1d(prepared.conflicts, prepared.exclusions)
        providers_by_country: dict[int, list[int]] = {}
        for pi, country in enumerate(prepared.p_country.tolist()):
            providers_by_country.setdefault(country, []).append(pi)
        self._same_country = {k: np.array(v) for k, v in providers_by_country.items()}

    def broken_rule(self, ci: int, pi: int) -> str | None:
        """The first hard rule the pair breaks, or None when it is eligible."""
        p = self.prepared
        if p.c_country[ci] == p.p_country[pi]:
            return "same_country"
        code = p.codes(np.array([ci]), np.array([pi]))
        if contains(p.conflicts, code)[0]:
            return "conflict"
        if contains(p.exclusions, code)[0]:
            return "exclusion"
        return None

    def eligible(self, ci: np.ndarray, pi: np.ndarray) -> np.ndarray:
        p = self.prepared
        return (p.c_country[ci] != p.p_country[pi]) & ~contains(self.forbidden, p.codes(ci, pi))

    def mask_block(self, start: int, block: np.ndarray) -> None:
        """Set the ineligible pairs of challenges start:start+len(block) to INELIGIBLE."""
        p = self.prepared
        countries = p.c_country[start : start + len(block)]
        for country in np.unique(countries).tolist():
            same = self._same_country.get(country)
            if same is not None:
                block[np.ix_(np.flatnonzero(countries == country), same)] = INELIGIBLE
        n_p = p.n_providers
        lo, hi = np.searchsorted(self.forbidden, [start * n_p, (start + len(block)) * n_p])
        codes = self.forbidden[lo:hi] - start * n_p
        block[codes // n_p, codes % n_p] = INELIGIBLE

    def count(self) -> int:
        """How many pairs are eligible, without listing them."""
        p = self.prepared
        if not p.n_challenges or not p.n_providers:
            return 0
        k = int(max(p.c_country.max(), p.p_country.max())) + 1
        same = int(np.bincount(p.c_country, minlength=k) @ np.bincount(p.p_country, minlength=k))
        ci, pi = np.divmod(self.forbidden, p.n_providers)
        forbidden_abroad = int(np.count_nonzero(p.c_country[ci] != p.p_country[pi]))
        return p.n_challenges * p.n_providers - same - forbidden_abroad


def eligible_locks(prepared: Prepared, eligibility: Eligibility) -> tuple[list, list[Notice]]:
    """The locks that keep every hard rule, and a notice for each one that does not."""
    kept, notices = [], []
    for ci, pi in prepared.locks:
        rule = eligibility.broken_rule(ci, pi)
        if rule is None:
            kept.append((ci, pi))
            continue
        notices.append(
            Notice(
                "lock_breaks_rule",
                {
                    "challenge": prepared.challenges[ci].ref,
                    "provider": prepared.providers[pi].ref,
                    "rule": rule,
                },
            )
        )
    return kept, notices


def fitting_locks(
    prepared: Prepared, locks: list[tuple[int, int]], scores: dict[tuple[int, int], float]
) -> tuple[list[tuple[int, int]], list[Notice]]:
    """Drop locks beyond a challenge's demand or a provider's capacity, keeping the
    best-scored (ties by ref order), with a notice for each one dropped."""
    ordered = sorted(locks, key=lambda pair: (-scores[pair], pair))
    taken_c = np.zeros(prepared.n_challenges, dtype=np.int64)
    taken_p = np.zeros(prepared.n_providers, dtype=np.int64)
    kept, notices = [], []
    for ci, pi in ordered:
        refs = {"challenge": prepared.challenges[ci].ref, "provider": prepared.providers[pi].ref}
        if taken_c[ci] >= prepared.demand[ci]:
            notices.append(Notice("lock_over_demand", {**refs, "wanted": int(prepared.demand[ci])}))
        elif taken_p[pi] >= prepared.capacity[pi]:
            notices.append(
                Notice("lock_over_capacity", {**refs, "capacity": int(prepared.capacity[pi])})
            )
        else:
            taken_c[ci] += 1
            taken_p[pi] += 1
            kept.append((ci, pi))
    return sorted(kept), notices
