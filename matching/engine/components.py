"""The score components other than text, each in [0, 1], and the weighted score.

- themes: Jaccard index |A ∩ B| / |A ∪ B| of the two theme sets. Chosen over the overlap
  coefficient |A ∩ B| / min(|A|, |B|) because themes are self-declared: with the overlap
  coefficient a provider ticking every theme would score 1 against every challenge, while
  Jaccard rewards sets that agree. With the one to three themes teams usually pick, one
  shared theme still gives 1/3 to 1/2.
- languages: 1 when the two teams share at least one working language, else 0 — one
  common language is what working together needs; more add little.
- hours: hours of the challenge owner's working day (work_start–work_end local time on
  the reference date) during which the provider is at work too, on any of its own days,
  divided by the length of the working day. Computed with zoneinfo on that one date, so
  daylight saving time is handled and every run agrees. Time zones are few, so this is a
  table keyed by (zone, zone).
- interest: 1 / (1 + (rank - 1) / 4) for the provider's rank-th stated interest (1.0 for
  the first choice, then 0.8, 0.67, 0.57, ...), 0 when it did not ask for the challenge.
- review: the provider's review score in [0, 1]. When a provider has no review the
  component is absent, not zero: its score is the weighted mean of the other components
  (their weights renormalised), so being unreviewed neither helps nor hurts.

The score of a pair is the weighted mean of its present components, rounded to 6
decimals (so scores that print alike compare alike, and the solver's tolerances never
decide between them).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from matching.engine.model import COMPONENTS, Weights

SCORE_DECIMALS = 6


# --- hours -------------------------------------------------------------------------


def _window(zone: str, day: date, start: time, end: time) -> tuple[float, float]:
    tz = ZoneInfo(zone)
    return (
        datetime.combine(day, start, tzinfo=tz).timestamp(),
        datetime.combine(day, end, tzinfo=tz).timestamp(),
    )


def shared_working_hours(
    challenge_zone: str,
    provider_zone: str,
    *,
    start: time = time(8, 0),
    end: time = time(18, 0),
    on: date = date(2026, 1, 14),
) -> float:
    """Hours of the challenge owner's working day `on` during which the provider is at
    work too (on its day before, same day or day after: Auckland's Thursday morning is
    Honolulu's Wednesday afternoon)."""
    return float(hours_table((challenge_zone, provider_zone), start, end, on)[0, 1])


def hours_table(zones: Sequence[str], start: time, end: time, on: date) -> np.ndarray:
    """Shared working hours for every (challenge zone, provider zone) pair of `zones`."""
    own = np.array([_window(z, on, start, end) for z in zones])
    total = np.zeros((len(zones), len(zones)))
    for shift in (-1, 0, 1):
        other = np.array([_window(z, on + timedelta(days=shift), start, end) for z in zones])
        overlap = np.minimum(own[:, None, 1], other[None, :, 1]) - np.maximum(
            own[:, None, 0], other[None, :, 0]
        )
        total += overlap.clip(min=0)
    return total / 3600


def working_day_hours(start: time, end: time) -> float:
    return (datetime.combine(date.min, end) - datetime.combine(date.min, start)).seconds / 3600


# --- themes and languages ----------------------------------------------------------


class SetPairs:
    """Overlap measures between the sets of one side and the sets of the other.

    Distinct sets get ids and 0/1 incidence rows, so a block of pairs costs a lookup in
    a small (challenge sets × provider sets) table rather than set arithmetic per pair.
    """

    PAIR_BATCH = 65536

    def __init__(self, c_sets: Sequence[tuple[str, ...]], p_sets: Sequence[tuple[str, ...]]):
        items = {
            item: i for i, item in enumerate(sorted({x for s in (*c_sets, *p_sets) for x in s}))
        }
        self.c_ids, self._c_incidence = self._encode(c_sets, items)
        self.p_ids, self._p_incidence = self._encode(p_sets, items)
        self._p_sizes = self._p_incidence.sum(axis=1)

    @staticmethod
    def _encode(sets, items) -> tuple[np.ndarray, np.ndarray]:
        distinct: dict[tuple[str, ...], int] = {}
        ids = np.array([distinct.setdefault(s, len(distinct)) for s in sets], dtype=np.int64)
        incidence = np.zeros((len(distinct), len(items)), dtype=np.float32)
        for s, row in distinct.items():
            incidence[row, [items[x] for x in s]] = 1
        return ids, incidence

    def table(self, measure: str, c_set_ids: np.ndarray) -> np.ndarray:
        """`measure` for the given challenge set ids against every provider set."""
        left = self._c_incidence[c_set_ids]
        shared = left @ self._p_incidence.T
        if measure == "any":
            return (shared > 0).astype(np.float32)
        union = left.sum(axis=1)[:, None] + self._p_sizes[None, :] - shared
        return np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)

    def pairs(self, measure: str, ci: np.ndarray, pi: np.ndarray) -> np.ndarray:
        """`measure` for each (challenge index, provider index) pair."""
        values = np.zeros(len(ci))
        for lo in range(0, len(ci), self.PAIR_BATCH):
            left = self._c_incidence[self.c_ids[ci[lo : lo + self.PAIR_BATCH]]]
            right = self._p_incidence[self.p_ids[pi[lo : lo + self.PAIR_BATCH]]]
            shared = np.einsum("ij,ij->i", left, right)
            if measure == "any":
                values[lo : lo + len(shared)] = shared > 0
                continue
            union = left.sum(axis=1) + right.sum(axis=1) - shared
            values[lo : lo + len(shared)] = np.divide(
                shared, union, out=np.zeros_like(shared), where=union > 0
            )
        return values


# --- interest and the score --------------------------------------------------------


def interest_value(rank: np.ndarray) -> np.ndarray:
    """1.0 for the first choice, decreasing; 0 where rank is 0 (no stated interest)."""
    rank = np.asarray(rank, dtype=np.float64)
    return np.where(rank > 0, 1 / (1 + (rank - 1) / 4), 0.0)


def scores(components: dict[str, np.ndarray], weights: Weights) -> np.ndarray:
    """Weighted mean of the present (non-NaN) components, rounded to SCORE_DECIMALS."""
    total = np.zeros_like(components["text"])
    weight = np.zeros_like(total)
    for name in COMPONENTS:
        value = components[name]
        present = ~np.isnan(value)
        w = getattr(weights, name)
        total += np.where(present, w * np.nan_to_num(value), 0.0)
        weight += np.where(present, w, 0.0)
    mean = np.divide(total, weight, out=np.zeros_like(total), where=weight > 0)
    return np.round(mean.clip(0, 1), SCORE_DECIMALS)
