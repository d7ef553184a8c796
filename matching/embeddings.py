"""Sentence embeddings kept per text, so that each text is embedded once.

A vector is stored under the SHA-256 of the text as matching reads it (`matching_text`)
and the model's name and version: an unchanged text is never embedded again, an edited
one is (its hash changed), and a new model version embeds every text anew. The vectors
of a text's phrases, which the explanations quote, are embedded with it and kept in its
row. The model runs here, in the process that asks (a worker when a submission is saved,
the import command, or a match that finds a text missing).
"""

import hashlib
import mmap
from collections.abc import Callable, Sequence
from contextlib import nullcontext

import numpy as np
import psycopg
from django.conf import settings
from django.db import connection, transaction

from challenges.models import Challenge
from incubator.models import Programme
from matching.engine import embedding
from matching.engine.phrases import phrases
from matching.models import TextEmbedding
from matching.selectors import TAKING_PART
from solutions.models import Solution
from submissions.models import Submission

# Texts embedded and written per transaction, and hashes looked up per query.
BATCH = 256
LOOKUP = 2000
PHRASE_DTYPE = "<f2"

Progress = Callable[[int, int], None]


def matching_text(*parts: str) -> str:
    """The one text of a challenge or proposal that matching compares (its title,
    summary and main answer), the same for TF-IDF and embeddings."""
    return " ".join(parts)


# The answer that says most about each kind, after its title and summary.
MAIN_ANSWER = {Challenge: "problem_statement", Solution: "what_they_did"}


def submission_text(submission: Submission) -> str:
    main = MAIN_ANSWER[type(submission)]
    return matching_text(submission.title, submission.summary, getattr(submission, main))


def round_texts(programme: Programme) -> list[str]:
    """The texts of every challenge and proposal taking part in the round."""
    texts = []
    for model, main in MAIN_ANSWER.items():
        rows = model.objects.filter(call__programme=programme, status__in=TAKING_PART)
        for parts in rows.values_list("title", "summary", main).iterator(chunk_size=LOOKUP):
            texts.append(matching_text(*parts))
    return texts


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def phrases_hash(found: Sequence[str]) -> str:
    """What a text's stored phrase vectors are checked against: the phrases they are of."""
    return text_hash("\n".join(found))


def stored_vectors(hashes: Sequence[str], *, model: str = embedding.MODEL) -> dict:
    """{hash: vector} for those of `hashes` that have a vector under `model`."""
    return {
        digest: vector
        for digests, vectors in stored_blocks(list(dict.fromkeys(hashes)), model=model)
        for digest, vector in zip(digests, vectors, strict=True)
    }


def stored_blocks(hashes: Sequence[str], *, model: str = embedding.MODEL):
    """The stored vectors of `hashes` under `model`, a query at a time: the hashes found
    and their vectors, one float32 row each (made in one step, not a row at a time)."""
    for rows in _rows(("text_hash", "vector"), model, hashes):
        if rows:
            digests, blobs = zip(*rows, strict=True)
            vectors = np.frombuffer(b"".join(blobs), dtype="<f4").reshape(len(blobs), -1)
            yield list(digests), vectors


def _rows(columns: Sequence[str], model: str, hashes: Sequence[str]):
    """`columns` of the rows of `hashes` under `model`, a list per query of LOOKUP hashes."""
    for start in range(0, len(hashes), LOOKUP):
        yield _rows_of(columns, model, hashes[start : start + LOOKUP])


def _rows_of(columns: Sequence[str], model: str, hashes: Sequence[str]) -> list[tuple]:
    """On PostgreSQL in its binary format: a round's 20,000 vectors come in 0.4 s, where
    the text format (each byte spelt in hex, then decoded) takes 1.5 s."""
    if connection.vendor != "postgresql":
        rows = TextEmbedding.objects.filter(model=model, text_hash__in=hashes)
        return list(rows.values_list(*columns))
    table = TextEmbedding._meta.db_table
    sql = f"SELECT {', '.join(columns)} FROM {table} WHERE model = %s AND text_hash = ANY(%s)"
    params = [model, list(hashes)]
    with connection.cursor() as django_cursor, psycopg.Cursor(connection.connection) as cursor:
        # Logged as Django logs its own queries, so that query counts see this one.
        logged = (
            django_cursor.debug_sql(sql, params) if connection.queries_logged else nullcontext()
        )
        with logged:
            cursor.execute(sql, params, binary=True)
        return cursor.fetchall()


def embeddings_store(*, texts: Sequence[str], progress: Progress | None = None) -> dict:
    """Embed what the texts lack under the current model, in batches, and keep it: the
    vector of a text never embedded, and the phrase vectors of a text whose phrases were
    not (or were cut otherwise). Returns {hash: vector} of the texts embedded now.
    `progress(done, to_do)` is told after each batch of texts."""
    by_hash = {text_hash(text): text for text in texts}
    hashes = list(by_hash)
    kept = {
        digest: (pk, phrasing)
        for rows in _rows(("id", "text_hash", "phrases_hash"), embedding.MODEL, hashes)
        for pk, digest, phrasing in rows
    }
    to_do = [
        digest
        for digest, text in by_hash.items()
        if digest not in kept or kept[digest][1] != phrases_hash(phrases(text))
    ]
    made = {}
    for start in range(0, len(to_do), BATCH):
        batch = {digest: by_hash[digest] for digest in to_do[start : start + BATCH]}
        made.update(_embed_batch(batch, {d: kept[d][0] for d in batch if d in kept}))
        if progress:
            progress(start + len(batch), len(to_do))
    return made


def _embed_batch(batch: dict[str, str], rows: dict[str, int]) -> dict:
    """Embed and keep a batch {hash: text}: a new row for each text, or the phrase
    vectors alone for one with a row (`rows`, {hash: id}). Returns the new texts' vectors."""
    found = {digest: phrases(text) for digest, text in batch.items()}
    new = {digest: text for digest, text in batch.items() if digest not in rows}
    vectors = _vectors_of([*new.values(), *(p for its in found.values() for p in its)])
    with transaction.atomic():
        # Two workers may embed the same new text at once; the first one kept wins.
        TextEmbedding.objects.bulk_create(
            [
                TextEmbedding(
                    text_hash=digest,
                    model=embedding.MODEL,
                    vector=vectors[text].astype("<f4").tobytes(),
                    **phrase_fields(found[digest], vectors),
                )
                for digest, text in new.items()
            ],
            ignore_conflicts=True,
        )
        TextEmbedding.objects.bulk_update(
            [
                TextEmbedding(pk=pk, **phrase_fields(found[digest], vectors))
                for digest, pk in rows.items()
            ],
            ["phrase_vectors", "phrases_hash"],
        )
    return {digest: vectors[text] for digest, text in new.items()}


def _vectors_of(texts: Sequence[str]) -> dict[str, np.ndarray]:
    """{text: vector} of `texts`: those stored read back (a phrase may be a text kept
    before, or have a row of its own, as phrases had before they were kept with their
    text), the others embedded now in one batch."""
    distinct = {text_hash(text): text for text in texts}
    vectors = {
        distinct[digest]: vector for digest, vector in stored_vectors(list(distinct)).items()
    }
    missing = [text for text in distinct.values() if text not in vectors]
    if missing:
        vectors.update(zip(missing, embedding.embed(missing), strict=True))
    return vectors


def phrase_fields(found: Sequence[str], vectors: dict[str, np.ndarray]) -> dict:
    """The fields of a row that keep the vectors of its text's phrases `found`."""
    stacked = np.array([vectors[p] for p in found], dtype=PHRASE_DTYPE)
    return {
        "phrase_vectors": stacked.reshape(len(found), embedding.DIMENSIONS).tobytes(),
        "phrases_hash": phrases_hash(found),
    }


class StoredEmbedder:
    """The engine's `Params.embedder` in the portal: stored vectors, and the missing
    ones embedded (and kept) now. One serves one run, and reads each vector once
    however often the run asks for its text. `phrase_vectors` gives the explanations
    each text's phrase vectors from its row.

    The arrays returned are read-only: the embedder keeps the text vectors it gave as
    its record of what it has read, without a copy."""

    def __init__(self):
        self._read: dict[str, np.ndarray] = {}

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        hashes = [text_hash(text) for text in texts]
        first_row = {}
        for row, digest in enumerate(hashes):
            first_row.setdefault(digest, row)
        out = _in_small_pages((len(texts), embedding.DIMENSIONS), np.float32)
        earlier = {digest for digest in first_row if digest in self._read}
        unread = [digest for digest in first_row if digest not in earlier]
        for digests, vectors in stored_blocks(unread):
            self._keep(out, first_row, digests, vectors)
        missing = [texts[first_row[digest]] for digest in unread if digest not in self._read]
        if missing:
            made = embeddings_store(texts=missing)
            self._keep(out, first_row, list(made), np.array(list(made.values())))
        # Rows read now are in place already; repeats and earlier reads are copied.
        for row, digest in enumerate(hashes):
            if digest in earlier or first_row[digest] != row:
                out[row] = self._read[digest]
        out.flags.writeable = False
        return out

    def _keep(self, out: np.ndarray, first_row: dict, digests: list, vectors) -> None:
        rows = [first_row[digest] for digest in digests]
        out[rows] = vectors
        self._read.update(zip(digests, (out[row] for row in rows), strict=True))

    def phrase_vectors(self, found: Sequence[tuple[str, Sequence[str]]]) -> np.ndarray:
        """The vectors of the phrases of distinct texts, text after text, in float16;
        `found` is (text, its phrases) as `matching.engine.phrases` cuts them. A round's
        160,000 phrases come from 20,000 rows; a text whose row lacks them (or has
        those of other phrases) is embedded now, and kept."""
        texts, places, expected, total = {}, {}, {}, 0
        for text, its in found:
            digest = text_hash(text)
            texts[digest], places[digest] = text, (total, len(its))
            expected[digest] = phrases_hash(its)
            total += len(its)
        out = _in_small_pages((total, embedding.DIMENSIONS), np.float16)
        missing = _fill_phrases(out, places, expected)
        if missing:
            embeddings_store(texts=[texts[digest] for digest in missing])
            _fill_phrases(out, {digest: places[digest] for digest in missing}, expected)
        out.flags.writeable = False
        return out


def _fill_phrases(out: np.ndarray, places: dict, expected: dict) -> list[str]:
    """Copy the stored phrase vectors of the texts {hash: (first row, phrases)} into
    their rows of `out`; returns the hashes of the texts that had none to copy."""
    hashes, filled = list(places), set()
    columns = ("text_hash", "phrases_hash", "phrase_vectors")
    for rows in _rows(columns, embedding.MODEL, hashes):
        for digest, phrasing, blob in rows:
            if blob is not None and phrasing == expected[digest]:
                first, count = places[digest]
                vectors = np.frombuffer(blob, dtype=PHRASE_DTYPE)
                out[first : first + count] = vectors.reshape(count, embedding.DIMENSIONS)
                filled.add(digest)
    return [digest for digest in hashes if digest not in filled]


def _in_small_pages(shape: tuple[int, int], dtype) -> np.ndarray:
    """An array in the kernel's small pages. NumPy asks for huge pages for any array
    over 4 MB, and a host may first compact its memory to give them: 1.0 s for a
    round's 570 MB of phrase vectors here, against 0.2 s in small pages. Written once and
    read a row at a time, these arrays gain nothing from huge pages."""
    size = shape[0] * shape[1] * np.dtype(dtype).itemsize
    if not size:
        return np.empty(shape, dtype=dtype)
    memory = mmap.mmap(-1, size, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
    return np.frombuffer(memory, dtype=dtype).reshape(shape)


def portal_embedder() -> Callable[[Sequence[str]], np.ndarray] | None:
    """The embedder a portal run uses (one per run): stored vectors, unless the
    deployment turned embeddings off (MATCHING_EMBEDDINGS)."""
    return StoredEmbedder() if settings.MATCHING_EMBEDDINGS else None
