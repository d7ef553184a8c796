"""Closeness in meaning between a text and the library's entries. ``meaning_scores`` is
the one function that decides it (TF-IDF cosine today); stored sentence embeddings can
take its place without the callers changing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from django.db.models import Count, Max, Prefetch, QuerySet

from incubator.models import Theme
from library.models import LibraryEntry

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import TfidfVectorizer

# Below this, two texts share little more than common words.
MIN_SCORE = 0.1


@dataclass
class Corpus:
    key: tuple
    ids: list[int]
    kinds: list[str]
    object_ids: list[int]
    countries: list[str]
    vectorizer: TfidfVectorizer | None
    matrix: object


_cache: dict[str, Corpus] = {}


def _corpus() -> Corpus:
    """Every entry's text, fitted once per change of the index (one query when unchanged)."""
    key = tuple(
        LibraryEntry.objects.aggregate(
            n=Count("pk"), last=Max("pk"), written=Max("indexed_at")
        ).values()
    )
    cached = _cache.get("corpus")
    if cached is not None and cached.key == key:
        return cached
    rows = list(
        LibraryEntry.objects.order_by("pk").values_list(
            "pk", "kind", "object_id", "country", "title", "summary", "body"
        )
    )
    texts = [" ".join(row[4:]) for row in rows]
    # Imported on first use: scikit-learn takes 1.6 s to import, at every process's start.
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english") if rows else None
    matrix = vectorizer.fit_transform(texts) if rows else None
    corpus = Corpus(
        key,
        [r[0] for r in rows],
        [r[1] for r in rows],
        [r[2] for r in rows],
        [r[3] for r in rows],
        vectorizer,
        matrix,
    )
    _cache["corpus"] = corpus
    return corpus


def meaning_scores(text: str, corpus: Corpus) -> np.ndarray:
    """How close the text is to each entry of the corpus, from 0 to 1."""
    if corpus.vectorizer is None or not text.strip():
        return np.zeros(len(corpus.ids))
    query = corpus.vectorizer.transform([text])
    return np.asarray((corpus.matrix @ query.T).todense()).ravel()


def closest_entries(
    *,
    text: str,
    kinds: Sequence[str],
    limit: int,
    not_country: str = "",
    leave_out: tuple[str, int] | None = None,
    within: QuerySet[LibraryEntry] | None = None,
) -> list[LibraryEntry]:
    """The entries of these kinds closest in meaning to the text, best first; none from
    ``not_country`` and never the entry ``leave_out`` (kind, object id) itself."""
    corpus = _corpus()
    scores = meaning_scores(text, corpus)
    allowed = None if within is None else set(within.values_list("pk", flat=True))
    chosen = []
    for index in np.argsort(-scores, kind="stable"):
        if scores[index] < MIN_SCORE or len(chosen) == limit:
            break
        pk, kind = corpus.ids[index], corpus.kinds[index]
        if kind not in kinds or (not_country and corpus.countries[index] == not_country):
            continue
        if leave_out == (kind, corpus.object_ids[index]) or (
            allowed is not None and pk not in allowed
        ):
            continue
        chosen.append(pk)
    found = (
        LibraryEntry.objects.select_related("programme")
        .prefetch_related(Prefetch("themes", Theme.objects.order_by("name")))
        .in_bulk(chosen)
    )
    return [found[pk] for pk in chosen if pk in found]
