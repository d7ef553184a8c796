"""Candidate edges: the pairs the solver and the rankings consider.

A pair is a candidate when it is eligible and it is among its challenge's top-k
providers, or among its provider's top-k challenges, or the provider asked for the
challenge, or the secretariat locked it.

Every eligible pair is scored, but never all at once: a block of `chunk_rows` challenges
against every provider at a time, as a float32 matrix (256 × 10,000 is 10 MB), built
from a matrix product for the text and table lookups for the rest (themes and languages
by distinct set, hours by time zone). Blocks run on all cores (BLAS kept to one thread
per block, see `run`). Each block yields its rows' top-k; the providers' top-k are kept
with a running threshold per provider, so only entries that can still make it are
collected.

The top-k here use the score without the interest component: interest is only non-zero
on stated interests, which are candidates anyway, so the union is a superset of the
top-k by full score. Ties are broken by ref order, so the set does not depend on how
blocks were scheduled.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from matching.engine.components import SetPairs
from matching.engine.model import Params, Weights
from matching.engine.prepare import Prepared
from matching.engine.pricing import PairStore
from matching.engine.rules import Eligibility
from matching.engine.text import TextSimilarity


@dataclass(frozen=True, slots=True)
class Edges:
    """Candidate pairs sorted by (challenge, provider), with their text similarity."""

    ci: np.ndarray
    pi: np.ndarray
    text: np.ndarray


class BlockScorer:
    """Scores (without interest) of a block of challenges against every provider."""

    def __init__(
        self,
        prepared: Prepared,
        text: TextSimilarity,
        themes: SetPairs,
        languages: SetPairs,
        hours: np.ndarray,
        weights: Weights,
        eligibility: Eligibility,
    ):
        self.p = prepared
        self.text = text
        self.themes = themes
        self.languages = languages
        self.hours = (weights.hours * hours).astype(np.float32)
        self.weights = weights
        self.eligibility = eligibility
        reviewed = ~np.isnan(prepared.review)
        # An unreviewed provider's components are renormalised without the review weight.
        present_weight = np.where(reviewed, 1.0, 1.0 - weights.review)
        self.scale = np.divide(
            1.0, present_weight, out=np.zeros_like(present_weight), where=present_weight > 0
        ).astype(np.float32)
        self.rescale = bool(np.any(self.scale != 1))
        self.review = (weights.review * np.nan_to_num(prepared.review)).astype(np.float32)

    def _add_table(self, out: np.ndarray, table: np.ndarray, c_ids, p_ids) -> None:
        out += np.take(table[c_ids], p_ids, axis=1)

    def block(self, start: int, stop: int) -> tuple[np.ndarray, np.ndarray]:
        """(text similarity, score) for challenges start:stop × every provider."""
        text = self.text.block(start, stop)
        score = np.multiply(text, np.float32(self.weights.text))
        for pairs, measure, weight in (
            (self.themes, "jaccard", self.weights.themes),
            (self.languages, "any", self.weights.languages),
        ):
            if weight:
                c_sets, local = np.unique(pairs.c_ids[start:stop], return_inverse=True)
                table = (weight * pairs.table(measure, c_sets)).astype(np.float32)
                self._add_table(score, table, local, pairs.p_ids)
        if self.weights.hours:
            self._add_table(score, self.hours, self.p.c_zone[start:stop], self.p.p_zone)
        if self.weights.review:
            score += self.review
        if self.rescale:
            score *= self.scale
        self.eligibility.mask_block(start, score)
        return text, score


def _row_top(score: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(row, column) of each row's k best eligible entries; ties to the lower column.

    The k-th largest of the maxima of 8k column groups is at most the k-th largest entry,
    so it is a safe threshold that lets few others through, and far cheaper to find
    than a partition of the whole row."""
    n = score.shape[1]
    if k <= 0 or n == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    k = min(k, n)
    groups = min(n, 8 * k)
    maxima = np.maximum.reduceat(score, (np.arange(groups) * n) // groups, axis=1)
    kth = np.partition(maxima, groups - k, axis=1)[:, groups - k]
    rows, cols = np.nonzero(score >= np.maximum(kth, 0)[:, None])
    order = np.lexsort((cols, -score[rows, cols], rows))
    rows, cols = rows[order], cols[order]
    keep = np.arange(rows.size) - np.searchsorted(rows, rows, side="left") < k
    return rows[keep], cols[keep]


class ColumnTop:
    """Each provider's k best challenges over all blocks, ties to the lower challenge."""

    def __init__(self, n_columns: int, k: int):
        self.k = k
        self.threshold = np.zeros(n_columns, dtype=np.float32)
        self._parts: list[tuple[np.ndarray, ...]] = []
        self._size = 0
        self._kept = 0
        self._primed = False
        self._lock = threading.Lock()

    def offer(self, start: int, score: np.ndarray, text: np.ndarray) -> None:
        if self.k <= 0:
            return
        threshold = self.threshold
        if not self._primed and len(score) > self.k:
            # The first block sets the thresholds so that later blocks pass little.
            kth = np.partition(score, len(score) - self.k, axis=0)[len(score) - self.k]
            threshold = np.maximum(kth, threshold)
            self._primed = True
        # A stale threshold is lower, so reading it unlocked only lets more through.
        rows, cols = np.nonzero(score >= threshold)
        part = (cols, rows + start, score[rows, cols], text[rows, cols])
        with self._lock:
            self._parts.append(part)
            self._size += rows.size
            if self._size > 2 * self._kept + 4 * len(self.threshold):
                self._prune()

    def _prune(self) -> None:
        cols, rows, scores, texts = (np.concatenate(x) for x in zip(*self._parts, strict=True))
        order = np.lexsort((rows, -scores, cols))
        cols, rows, scores, texts = cols[order], rows[order], scores[order], texts[order]
        place = np.arange(cols.size) - np.searchsorted(cols, cols, side="left")
        keep = place < self.k
        full = place == self.k - 1
        self.threshold[cols[full]] = scores[full]
        self._parts = [(cols[keep], rows[keep], scores[keep], texts[keep])]
        self._size = self._kept = int(keep.sum())

    def result(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(challenge, provider, text) of every kept entry."""
        if self.k <= 0 or not self._parts:
            return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32)
        self._prune()
        cols, rows, _, texts = self._parts[0]
        return rows.astype(np.int64), cols.astype(np.int64), texts


def _workers() -> int:
    return max(1, min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1))


def candidate_edges(
    prepared: Prepared,
    scorer: BlockScorer,
    params: Params,
    extra: tuple[np.ndarray, np.ndarray],
    store: PairStore | None = None,
) -> Edges:
    """The candidate edges; `extra` are pairs always included (stated interests and
    locks), which must be eligible. `store` keeps every pair for pricing."""
    n_c, n_p = prepared.n_challenges, prepared.n_providers
    if n_c == 0 or n_p == 0:
        empty = np.zeros(0, np.int64)
        return Edges(empty, empty, np.zeros(0))
    extra_ci, extra_pi = extra
    extra_order = np.lexsort((extra_pi, extra_ci))
    extra_ci, extra_pi = extra_ci[extra_order], extra_pi[extra_order]
    columns = ColumnTop(n_p, params.top_k_per_provider)
    starts = list(range(0, n_c, params.chunk_rows))

    def run(start: int):
        stop = min(start + params.chunk_rows, n_c)
        text, score = scorer.block(start, stop)
        if store is not None:
            store.keep(start, score)
        rows, cols = _row_top(score, params.top_k_per_challenge)
        lo, hi = np.searchsorted(extra_ci, [start, stop])
        x_rows, x_cols = extra_ci[lo:hi] - start, extra_pi[lo:hi]
        columns.offer(start, score, text)
        rows, cols = np.concatenate([rows, x_rows]), np.concatenate([cols, x_cols])
        return rows + start, cols, text[rows, cols]

    workers = _workers()
    first = run(starts[0])
    if workers > 1 and len(starts) > 2:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            parts = [first, *pool.map(run, starts[1:])]
    else:
        parts = [first, *map(run, starts[1:])]
    column_part = columns.result()
    ci = np.concatenate([p[0] for p in parts] + [column_part[0]]).astype(np.int64)
    pi = np.concatenate([p[1] for p in parts] + [column_part[1]]).astype(np.int64)
    text = np.concatenate([p[2] for p in parts] + [column_part[2]])
    codes, first_seen = np.unique(prepared.codes(ci, pi), return_index=True)
    ci, pi = np.divmod(codes, n_p)
    return Edges(ci, pi, text[first_seen].astype(np.float64))
