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
        pieces = [sentence] if len(sentence.split()) <= MAX_WORDS else sentence.split(",")
        start = len(found)
        for piece in (p.strip() for p in pieces):
            if len(found) > start and len(piece.split()) < MIN_WORDS:
                found[-1] = f"{found[-1]}, {piece}"
            elif piece:
                found.append(piece)
    return found[:MAX_PHRASES]


class PhraseIndex:
    """The phrases of some texts and their embeddings, looked up by text."""

    def __init__(self, texts: Sequence[str], embedder: Embedder):
        self._phrases = {text: phrases(text) for text in texts}
        distinct = sorted({p for found in self._phrases.values() for p in found})
        row = {phrase: i for i, phrase in enumerate(distinct)}
        vectors = np.asarray(embedder(distinct), dtype=np.float32) if distinct else np.zeros((0, 1))
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        self._vectors = np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)
        self._rows = {text: [row[p] for p in found] for text, found in self._phrases.items()}

    def closest(self, left: str, right: str, limit: int) -> list[tuple[str, str, float]]:
        """Up to `limit` (phrase of left, phrase of right, cosine) pairs, closest first."""
        rows, columns = self._rows.get(left, []), self._rows.get(right, [])
        if not rows or not columns:
            return []
        similarity = self._vectors[rows] @ self._vectors[columns].T
        pairs = []
        while len(pairs) < limit:
            i, j = np.unravel_index(int(np.argmax(similarity)), similarity.shape)
            if similarity[i, j] < MIN_SIMILARITY:
                break
            pairs.append(
                (self._phrases[left][i], self._phrases[right][j], round(float(similarity[i, j]), 4))
            )
            similarity[i, :] = -np.inf
            similarity[:, j] = -np.inf
        return pairs
