"""Sentence embeddings kept per text, so that each text is embedded once.

A vector is stored under the SHA-256 of the text as matching reads it (`matching_text`)
and the model's name and version: an unchanged text is never embedded again, an edited
one is (its hash changed), and a new model version embeds every text anew. The model
runs here, in the process that asks (a worker when a submission is saved, the import
command, or a match that finds a text missing). A text's phrases, which the explanations
quote, are embedded with it.
"""

import hashlib
import mmap
from collections.abc import Callable, Sequence

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


def with_their_phrases(texts: Sequence[str]) -> list[str]:
    """The texts and the phrases a match's `meaning` reason may quote from them, each
    once. Embedded together when a text is saved or imported, so that a run finds every
    vector stored: a real round's 20,000 texts have up to 160,000 phrases, hours of
    embedding if a run had to make them."""
    return list(dict.fromkeys([*texts, *(p for text in texts for p in phrases(text))]))


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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
    for start in range(0, len(hashes), LOOKUP):
        chunk = hashes[start : start + LOOKUP]
        if connection.vendor == "postgresql":
            rows = _binary_rows(model, chunk)
        else:
            rows = TextEmbedding.objects.filter(model=model, text_hash__in=chunk).values_list(
                "text_hash", "vector"
            )
        if rows:
            digests, blobs = zip(*rows, strict=True)
            vectors = np.frombuffer(b"".join(blobs), dtype="<f4").reshape(len(blobs), -1)
            yield list(digests), vectors


def _binary_rows(model: str, hashes: list[str]) -> list[tuple]:
    """The rows read in PostgreSQL's binary format: a round's 20,000 vectors come in 0.4 s,
    where the text format (each byte spelt in hex, then decoded) takes 1.5 s."""
    connection.ensure_connection()
    table = TextEmbedding._meta.db_table
    with psycopg.Cursor(connection.connection) as cursor:
        cursor.execute(
            f"SELECT text_hash, vector FROM {table} WHERE model = %s AND text_hash = ANY(%s)",
            [model, hashes],
            binary=True,
        )
        return cursor.fetchall()


def embeddings_store(*, texts: Sequence[str], progress: Progress | None = None) -> dict:
    """Embed the texts that have no vector under the current model and keep them, in
    batches; returns {hash: vector} of the texts embedded now (none for known ones).
    `progress(done, to_do)` is told after each batch."""
    by_hash = {text_hash(text): text for text in texts}
    known = stored_vectors(list(by_hash))
    missing = [digest for digest in by_hash if digest not in known]
    made = {}
    for start in range(0, len(missing), BATCH):
        batch = missing[start : start + BATCH]
        vectors = embedding.embed([by_hash[digest] for digest in batch])
        with transaction.atomic():
            # Two workers may embed the same new text at once; the first one kept wins.
            TextEmbedding.objects.bulk_create(
                [
                    TextEmbedding(text_hash=digest, model=embedding.MODEL, vector=vector.tobytes())
                    for digest, vector in zip(batch, vectors.astype("<f4"), strict=True)
                ],
                ignore_conflicts=True,
            )
        made.update(zip(batch, vectors, strict=True))
        if progress:
            progress(start + len(batch), len(missing))
    return made


class StoredEmbedder:
    """The engine's `Params.embedder` in the portal: stored vectors, and the missing
    ones embedded (and kept) now. One serves one run, and reads each vector once
    however often the run asks for its text (a text can be its own only phrase).

    A round's phrases are 160,000 vectors, 570 MB: each is copied once, from the row
    read into the array returned, which the embedder then keeps as its record of what
    it has read. That array is read-only."""

    def __init__(self):
        self._read: dict[str, np.ndarray] = {}

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        hashes = [text_hash(text) for text in texts]
        first_row = {}
        for row, digest in enumerate(hashes):
            first_row.setdefault(digest, row)
        out = _in_small_pages((len(texts), embedding.DIMENSIONS))
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


def _in_small_pages(shape: tuple[int, int]) -> np.ndarray:
    """A float32 array in the kernel's small pages. NumPy asks for huge pages for any
    array over 4 MB, and a host may first compact its memory to give them: 1.0 s for a
    round's 570 MB of phrase vectors here, against 0.2 s in small pages. Written once and
    read a row at a time, this array gains nothing from huge pages."""
    size = shape[0] * shape[1] * 4
    if not size:
        return np.empty(shape, dtype=np.float32)
    memory = mmap.mmap(-1, size, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
    return np.frombuffer(memory, dtype=np.float32).reshape(shape)


def portal_embedder() -> Callable[[Sequence[str]], np.ndarray] | None:
    """The embedder a portal run uses (one per run): stored vectors, unless the
    deployment turned embeddings off (MATCHING_EMBEDDINGS)."""
    return StoredEmbedder() if settings.MATCHING_EMBEDDINGS else None
