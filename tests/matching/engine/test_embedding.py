"""The NumPy runtime is the same model as the reference implementation: its vectors for
61 fixed texts (several languages, empty, one past the 256-token limit) point the same
way as sentence-transformers' (bench/embedding_reference.py made them)."""

import base64
import json
import pathlib

import numpy as np

from matching.engine.embedding import DIMENSIONS, MODEL, embed

REFERENCE = pathlib.Path(__file__).with_name("embedding_reference.json")


def reference() -> tuple[list[str], np.ndarray]:
    document = json.loads(REFERENCE.read_text(encoding="utf-8"))
    assert document["model"] == MODEL
    raw = base64.b64decode(document["vectors_float16_base64"])
    vectors = np.frombuffer(raw, dtype="<f2").reshape(-1, document["dimensions"])
    return document["texts"], vectors.astype(np.float32)


def test_vectors_match_the_reference_implementation_for_every_text():
    texts, expected = reference()
    vectors = embed(texts)
    expected /= np.linalg.norm(expected, axis=1, keepdims=True)
    cosines = (vectors * expected).sum(axis=1)

    assert len(texts) >= 50
    assert cosines.min() >= 0.999, [texts[i] for i in np.flatnonzero(cosines < 0.999)]


def test_vectors_are_unit_length_float32_rows_in_the_order_given():
    texts = ["Flood warnings reach villages too late.", "", "Tax letters in plain language."]
    vectors = embed(texts)

    assert vectors.shape == (3, DIMENSIONS) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)
    assert np.allclose(embed(texts[::-1])[::-1], vectors, atol=1e-6)
    assert embed([]).shape == (0, DIMENSIONS)


def test_texts_with_the_same_purpose_are_closer_than_texts_that_share_words():
    challenge, same_purpose, shared_words = embed(
        [
            "Our permit office takes nine months to approve a small business licence.",
            "We cut licence approval times from months to weeks with one online form.",
            "Office buildings need nine months of small repairs to approve.",
        ]
    )

    assert challenge @ same_purpose > challenge @ shared_words
