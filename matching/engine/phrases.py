"""The phrases of two texts closest in meaning: what the semantic reason quotes.

A text is cut into sentences, and a long sentence at its commas, so that a quote is short
enough to read in a list of reasons yet still says something. Every phrase of the texts
being explained is embedded once, in one batch; the best pairs are then taken greedily,
each phrase quoted at most once, so two quotes never repeat the same words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from matching.engine.model import Embedder

# A sentence ends at a line break, or at one of these marks followed by a space.
_SENTENCE_END = re.compile(r"[.!?;:]\s+")
# A sentence longer than this is cut at its commas; a piece shorter than MIN_WORDS joins
# the one before it, since two words out of context mean little.
MAX_WORDS = 16
MIN_WORDS = 4
# The first phrases of a text carry its point; beyond these, quoting costs more than it
# tells (each phrase is one more text to embed).
MAX_PHRASES = 8
# Pairs less alike than this are not quoted: a weak pair would mislead more than help.
MIN_SIMILARITY = 0.3
# Pairs of texts compared per product (512 × 8 phrases × 896 floats each side: 29 MB).
BATCH = 512


def _sentences(text: str):
    """The sentences of `text`, one at a time, so that a long text is read only as far
    as the phrases kept from it."""
    for line in text.split("\n"):
        start = 0
        for end in _SENTENCE_END.finditer(line):
            yield line[start : end.start()]
            start = end.end()
        yield line[start:]


def phrases(text: str) -> list[str]:
    """The phrases of `text`, in order, without their closing punctuation."""
    found: list[str] = []
    for sentence in _sentences(text):
        if len(found) >= MAX_PHRASES:
            break  # later sentences only add phrases, never change these
        sentence = sentence.strip().strip(" .;:!?")
        if not sentence:
            continue
        pieces = [sentence] if _words(sentence, MAX_WORDS) <= MAX_WORDS else sentence.split(",")
        start = len(found)
        for piece in (p.strip() for p in pieces):
            if len(found) > start and _words(piece, MIN_WORDS) < MIN_WORDS:
                found[-1] = f"{found[-1]}, {piece}"
            elif piece:
                found.append(piece)
    return found[:MAX_PHRASES]


def _words(text: str, most: int) -> int:
    """How many words `text` has, counted up to `most` + 1: a round's long sentences are
    not split whole only to learn that they are long."""
    return len(text.split(maxsplit=most))


def _inverse_norms(vectors: np.ndarray) -> np.ndarray:
    """1 / the length of each of a batch's vectors (0 for a vector of length 0)."""
    norms = np.sqrt(np.einsum("bij,bij->bi", vectors, vectors))
    return np.divide(1, norms, out=np.zeros_like(norms), where=norms > 0)


def _quoted(phrase: str) -> str:
    """A phrase as a reason quotes it: one with no comma to cut it at is cut after
    MAX_WORDS words, so that a reason stays a line, not a paragraph."""
    words = phrase.split(maxsplit=MAX_WORDS)
    return phrase if len(words) <= MAX_WORDS else " ".join(words[:MAX_WORDS]) + "…"


class PhraseIndex:
    """The phrases of some texts and their embeddings, looked up by text.

    An embedder that keeps each text's phrase vectors (`phrase_vectors`, as the
    portal's stored one does) gives them text by text; any other embeds the distinct
    phrases in one batch. Vectors may come in float16: each batch is compared in
    float32, by cosine."""

    def __init__(self, texts: Sequence[str], embedder: Embedder):
        self._phrases = {text: phrases(text) for text in texts}
        kept = getattr(embedder, "phrase_vectors", None)
        if kept is not None:
            self._vectors = kept(list(self._phrases.items()))
            self._rows, first = {}, 0
            for text, found in self._phrases.items():
                self._rows[text] = list(range(first, first + len(found)))
                first += len(found)
        else:
            distinct = sorted({p for found in self._phrases.values() for p in found})
            row = {phrase: i for i, phrase in enumerate(distinct)}
            vectors = embedder(distinct) if distinct else np.zeros((0, 1))
            self._vectors = np.asarray(vectors, dtype=np.float32)
            self._rows = {text: [row[p] for p in found] for text, found in self._phrases.items()}

    def closest(
        self, pairs: Sequence[tuple[str, str]], limit: int
    ) -> list[list[tuple[str, str, float]]]:
        """For each (left text, right text): up to `limit` (phrase of left, phrase of
        right, cosine) pairs, closest first. Many pairs at once, a batch per product:
        a round explains 20,000 matches."""
        if not len(self._vectors):
            return [[] for _ in pairs]
        found = []
        for start in range(0, len(pairs), BATCH):
            found += self._closest(pairs[start : start + BATCH], limit)
        return found

    def _closest(self, pairs, limit):
        # Each text's phrases padded to the batch's most with places that never win.
        lefts = [self._rows.get(left, ()) for left, _ in pairs]
        rights = [self._rows.get(right, ()) for _, right in pairs]
        width = max(1, *map(len, lefts), *map(len, rights))
        rows = np.full((len(pairs), width), -1, dtype=np.int64)
        columns = rows.copy()
        for b, (left, right) in enumerate(zip(lefts, rights, strict=True)):
            rows[b, : len(left)] = left
            columns[b, : len(right)] = right
        left = self._vectors[rows].astype(np.float32, copy=False)
        right = self._vectors[columns].astype(np.float32, copy=False)
        similarity = np.matmul(left, right.transpose(0, 2, 1))
        similarity *= _inverse_norms(left)[:, :, None] * _inverse_norms(right)[:, None, :]
        similarity[(rows < 0)[:, :, None] | (columns < 0)[:, None, :]] = -np.inf
        quoted = [[] for _ in pairs]
        going = np.ones(len(pairs), dtype=bool)
        every = np.arange(len(pairs))
        for _ in range(limit):
            best = similarity.reshape(len(pairs), -1).argmax(axis=1)
            i, j = np.divmod(best, width)
            value = similarity[every, i, j]
            going &= value >= MIN_SIMILARITY
            for b in np.flatnonzero(going).tolist():
                left, right = pairs[b]
                quoted[b].append(
                    (
                        _quoted(self._phrases[left][i[b]]),
                        _quoted(self._phrases[right][j[b]]),
                        round(float(value[b]), 4),
                    )
                )
            # Each phrase is quoted once.
            similarity[every[going], i[going], :] = -np.inf
            similarity[every[going], :, j[going]] = -np.inf
        return quoted
