"""Text similarity: TF-IDF cosine between a challenge's text and a provider's text.

The vectors are scikit-learn's `TfidfVectorizer(sublinear_tf=True)` fitted on all texts
of the round (challenges and providers together), L2-normalised so that a dot product is
the cosine. They are computed here, not by scikit-learn: counting goes through C-speed
builtins rather than the vectorizer's per-token Python loop, and the weighting is a few
array operations (same tokens, same numbers; a test holds them equal to scikit-learn's).

Similarities are produced a block of challenges at a time against every provider. A
sparse product alone is slow for frequent terms (every pair of documents sharing "data"
costs one multiply-add) and a dense product alone is slow for the long tail of rare
terms, so the vocabulary is split: the few terms whose sparse cost would exceed a dense
column's go through a dense float32 matrix product (BLAS), the rest through a sparse one,
and the two are added. The result is exact either way.

Every pair's similarity is kept, in one float32 matrix (400 MB at 10,000 × 10,000) that
pricing reads again. A background thread writes it first, block by block, while the
texts are tokenized (Python, one core): the embedding cosines that the blocks then blend
in, or zeros without an embedder. Either way the kernel maps its pages there, and the
embedding product (1.8 s of CPU at 10,000 × 10,000) is off the scoring pass.

Sentence embeddings can be blended in through `Params.embedder` (see
`matching.engine.embedding`); nothing here requires them. Where the two texts are known
to be written in different languages (`matching.engine.language`), their TF-IDF cosine
only measures shared names and cognates, so the similarity is the embedding cosine alone:
a challenge in Spanish is not ranked below English-language providers for its language.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np
import scipy.sparse as sp

from matching.engine.language import languages_of
from matching.engine.model import Embedder

# scikit-learn's default token pattern is r"(?u)\b\w\w+\b"; on str, \w\w+ matches the same
# tokens (a match can only start where a run of word characters starts) and runs faster.
TOKEN_PATTERN = re.compile(r"\w\w+")

# Relative cost of one multiply-add in a sparse product against one in a dense BLAS
# product, measured on this kind of machine; it decides which terms go dense.
SPARSE_OVER_DENSE_COST = 400.0
MAX_DENSE_TERMS = 1024


def term_counts(texts: Sequence[str]) -> tuple[sp.csr_matrix, list[str]]:
    """How often each term of the vocabulary occurs in each text, and the vocabulary."""
    tokens = [TOKEN_PATTERN.findall(text.lower()) for text in texts]
    vocabulary = sorted(set(itertools.chain.from_iterable(tokens)))
    index = dict(zip(vocabulary, range(len(vocabulary)), strict=True))
    lengths = np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens))
    ids = np.fromiter(
        map(index.__getitem__, itertools.chain.from_iterable(tokens)),
        dtype=np.int32,
        count=int(lengths.sum()),
    )
    indptr = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    counts = sp.csr_matrix(
        (np.ones(ids.size, dtype=np.float64), ids, indptr), shape=(len(texts), len(vocabulary))
    )
    counts.sum_duplicates()
    return counts, vocabulary


def tfidf_vectors(texts: Sequence[str], counts: sp.csr_matrix | None = None) -> sp.csr_matrix:
    """The rows of `TfidfVectorizer(sublinear_tf=True).fit_transform(texts)`, as float32
    (from `term_counts(texts)` when given)."""
    counts = term_counts(texts)[0] if counts is None else counts
    if counts.shape[1] == 0:
        return sp.csr_matrix(counts.shape, dtype=np.float32)
    # TfidfTransformer(sublinear_tf=True)'s arithmetic, written out: importing
    # scikit-learn costs 1.7 s of every process's start, more than the counting itself.
    vectors = counts.astype(np.float64)
    np.log(vectors.data, out=vectors.data)
    vectors.data += 1
    df = np.bincount(vectors.indices, minlength=vectors.shape[1])
    idf = np.log((1 + vectors.shape[0]) / (1 + df)) + 1
    vectors.data *= idf[vectors.indices]
    squares = vectors.multiply(vectors).sum(axis=1).A1
    norms = np.sqrt(squares, out=squares)
    norms[norms == 0] = 1
    vectors.data /= np.repeat(norms, np.diff(vectors.indptr))
    return sp.csr_matrix(vectors, dtype=np.float32)


def text_language(text: str) -> str:
    """The ISO 639-1 code of the language `text` is written in, "" if unclear."""
    return languages_of(*term_counts([text]))[0]


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


class TextSimilarity:
    """Cosine similarities between challenge texts and provider texts, by row blocks of
    `rows` challenges (the blocks the background thread writes)."""

    def __init__(
        self,
        challenge_texts: Sequence[str],
        provider_texts: Sequence[str],
        *,
        embedder: Embedder | None = None,
        blend: float = 0.5,
        rows: int = 256,
    ):
        n_c, n_p = len(challenge_texts), len(provider_texts)
        self.shape = (n_c, n_p)
        #: Every pair's similarity, once `block` has scored its rows.
        self.similarities = np.empty(self.shape, np.float32)
        self._scored = np.zeros(n_c, dtype=bool)
        self.blend = blend if embedder is not None else 0.0
        if self.blend:
            self._left_embedded = _unit_rows(embedder(list(challenge_texts)))
            self._right_embedded_t = np.ascontiguousarray(
                _unit_rows(embedder(list(provider_texts))).T
            )
        self._rows = max(1, rows)
        self._written = self._write_first()

        texts = [*challenge_texts, *provider_texts]
        counts, vocabulary = term_counts(texts)
        vectors = tfidf_vectors(texts, counts)
        #: The language of each challenge text, then of each provider text ("" unknown).
        self.languages = languages_of(counts, vocabulary)
        left, right = vectors[:n_c], vectors[n_c:]
        c_df = np.bincount(left.indices, minlength=vectors.shape[1]).astype(np.float64)
        p_df = np.bincount(right.indices, minlength=vectors.shape[1]).astype(np.float64)
        sparse_cost = c_df * p_df * SPARSE_OVER_DENSE_COST
        order = np.argsort(-sparse_cost, kind="stable")
        n_dense = int(np.count_nonzero(sparse_cost[order] > n_c * n_p))
        dense = np.zeros(vectors.shape[1], dtype=bool)
        dense[order[: min(n_dense, MAX_DENSE_TERMS)]] = True
        self.dense_terms = int(dense.sum())
        self._left_dense = np.ascontiguousarray(left[:, dense].toarray())
        self._right_dense_t = np.ascontiguousarray(right[:, dense].toarray().T)
        self._left_sparse = sp.csr_matrix(left[:, ~dense])
        self._right_sparse_t = sp.csr_matrix(right[:, ~dense].T)
        if self.blend:
            ids = {code: i for i, code in enumerate(sorted(set(self.languages) - {""}), 1)}
            language_ids = np.array([ids.get(code, 0) for code in self.languages], dtype=np.int16)
            self._c_language, self._p_language = language_ids[:n_c], language_ids[n_c:]

    def _write_first(self) -> list[Future]:
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="similarities")
        written = [
            pool.submit(self._first_write, start) for start in range(0, self.shape[0], self._rows)
        ]
        pool.shutdown(wait=False)
        return written

    def _first_write(self, start: int) -> None:
        rows = self.similarities[start : start + self._rows]
        if self.blend:
            left = self._left_embedded[start : start + self._rows]
            np.matmul(left, self._right_embedded_t, out=rows)
            np.maximum(rows, 0, out=rows)
        else:
            rows.fill(0)

    def release(self) -> None:
        """Let go of `similarities` once pricing has read them; `parts` still works."""
        self.similarities = None

    def parts(self, ci: np.ndarray, pi: np.ndarray) -> dict[str, np.ndarray]:
        """The TF-IDF cosine and, with an embedder, the embedding cosine (clipped at 0 as
        in the blend) of each (challenge, provider) pair: what the blend is made of."""
        tfidf = np.einsum("ij,ji->i", self._left_dense[ci], self._right_dense_t[:, pi])
        sparse = self._left_sparse[ci].multiply(self._right_sparse_t[:, pi].T.tocsr())
        found = {"tfidf": tfidf + np.asarray(sparse.sum(axis=1)).ravel()}
        if self.blend:
            embedded = np.einsum("ij,ji->i", self._left_embedded[ci], self._right_embedded_t[:, pi])
            found["embedding"] = embedded.clip(min=0)
        return found

    def block(self, start: int, stop: int) -> np.ndarray:
        """Score challenges start:stop against every provider, once: their rows of
        `similarities`, which until then hold the embedding cosines."""
        if self._scored[start:stop].any():
            raise ValueError(f"Challenges {start}:{stop} are already scored.")
        self._scored[start:stop] = True
        for written in self._written[start // self._rows : -(-stop // self._rows)]:
            written.result()
        out = self.similarities[start:stop]
        text = np.matmul(
            self._left_dense[start:stop], self._right_dense_t, out=None if self.blend else out
        )
        text += (self._left_sparse[start:stop] @ self._right_sparse_t).toarray()
        if self.blend:
            embedded = out
            text *= 1 - self.blend
            text += self.blend * embedded
            left = self._c_language[start:stop, None]
            right = self._p_language[None, :]
            np.copyto(text, embedded, where=(left != right) & (left > 0) & (right > 0))
        return np.clip(text, 0, 1, out=out)
