"""Text similarity is scikit-learn's TF-IDF cosine, exact through the dense/sparse split,
and the candidate edges hold every pair that is in its challenge's or its provider's
top-k, every stated interest and every lock."""

import random

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from matching.engine import Challenge, Params, Problem, Provider, match
from matching.engine.text import TextSimilarity, tfidf_vectors

VOCABULARY = [f"w{i}" for i in range(400)] + ["the", "and", "données", "Participação"]


def texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    weights = [1 / (rank + 1) for rank in range(len(VOCABULARY))]
    return [
        " ".join(rng.choices(VOCABULARY, weights=weights, k=rng.randint(0, 60))) + ", a I."
        for _ in range(count)
    ]


def test_tfidf_vectors_equal_scikit_learns_vectorizer():
    sample = [*texts(50, seed=1), "Ünïcode façade — l'État", ""]
    expected = TfidfVectorizer(sublinear_tf=True).fit_transform(sample).toarray()

    assert np.allclose(tfidf_vectors(sample).toarray(), expected, atol=1e-6)


def test_block_similarities_are_the_cosines_whether_terms_go_dense_or_sparse():
    left, right = texts(70, seed=2), texts(90, seed=3)
    similarity = TextSimilarity(left, right)
    vectors = TfidfVectorizer(sublinear_tf=True).fit_transform(left + right)
    expected = (vectors[:70] @ vectors[70:].T).toarray()
    block = similarity.block(10, 40)

    assert 0 < similarity.dense_terms < vectors.shape[1]
    assert np.allclose(block, expected[10:40], atol=1e-5)


def test_an_embedder_is_blended_in_when_given():
    def embedder(batch):
        return np.array([[len(t), t.count("w1")] for t in batch], dtype=float)

    left, right = texts(5, seed=4), texts(6, seed=5)
    plain = TextSimilarity(left, right).block(0, 5)
    blended = TextSimilarity(left, right, embedder=embedder, blend=0.5).block(0, 5)

    assert not np.allclose(plain, blended)
    assert blended.min() >= 0 and blended.max() <= 1


def test_blocks_blend_each_pairs_tfidf_and_embedding_cosines_computed_in_the_background():
    def embedder(batch):
        # Signed features, so that some cosines are negative and the blend clips them.
        return np.array([[t.count("w1") - t.count("w2"), t.count("w3") - 1] for t in batch], float)

    left, right = texts(45, seed=6), texts(30, seed=7)
    similarity = TextSimilarity(left, right, embedder=embedder, blend=0.3, rows=8)
    scored = np.concatenate([similarity.block(start, start + 15) for start in (0, 15, 30)])
    ci, pi = (grid.ravel() for grid in np.indices(similarity.shape))
    parts = similarity.parts(ci, pi)
    expected = (0.7 * parts["tfidf"] + 0.3 * parts["embedding"]).clip(0, 1)

    assert np.allclose(scored.ravel(), expected, atol=1e-5)
    assert np.array_equal(similarity.similarities, scored)


def test_a_block_is_scored_once_since_its_rows_held_the_embedding_cosines_before():
    similarity = TextSimilarity(texts(10, seed=8), texts(10, seed=9), rows=4)
    similarity.block(0, 4)

    with pytest.raises(ValueError, match="already scored"):
        similarity.block(2, 6)


def random_round(seed: int, size: int = 40) -> Problem:
    rng = random.Random(seed)
    countries = ["PT", "FR", "KE", "CL", "JP"]
    zones = ["Europe/Lisbon", "Europe/Paris", "Africa/Nairobi", "America/Santiago", "Asia/Tokyo"]
    words = texts(2 * size, seed)

    def team(i):
        k = rng.randrange(5)
        return {
            "country": countries[k],
            "themes": rng.sample(["a", "b", "c", "d"], rng.randint(1, 2)),
            "languages": rng.sample(["en", "fr", "pt"], rng.randint(1, 2)),
            "timezone": zones[k],
            "text": words[i],
        }

    challenges = [Challenge(f"c{i:02}", **team(i)) for i in range(size)]
    providers = [
        Provider(
            f"p{i:02}",
            capacity=rng.randint(1, 3),
            interested_in=[f"c{rng.randrange(size):02}"],
            review_score=rng.choice([None, rng.random()]),
            **team(size + i),
        )
        for i in range(size)
    ]
    return Problem(challenges, providers, locks=[("c00", "p01")], exclusions=[("c01", "p02")])


@pytest.mark.parametrize("seed", range(3))
def test_candidates_hold_each_sides_top_k_every_interest_and_every_lock(seed):
    problem = random_round(seed)
    everything = match(problem, params=Params(top_k_per_challenge=1000))
    weights = everything.weights

    def without_interest(candidate):
        present = 1 if "review" in candidate.components else 1 - weights.review
        return candidate.score - weights.interest * candidate.components["interest"] / present

    scores = {
        (c, k.provider): without_interest(k)
        for c, ranked in everything.rankings.items()
        for k in ranked
    }
    result = match(problem, params=Params(top_k_per_challenge=3, top_k_per_provider=2))
    kept = {(c, k.provider) for c, ranked in result.rankings.items() for k in ranked}

    for side, k in ((0, 3), (1, 2)):
        for ref in {pair[side] for pair in scores}:
            own = sorted((s for pair, s in scores.items() if pair[side] == ref), reverse=True)
            threshold = own[min(k, len(own)) - 1] + 1e-4
            assert {p for p, s in scores.items() if p[side] == ref and s > threshold} <= kept
    interests = {
        (c, p.ref) for p in problem.providers for c in p.interested_in if (c, p.ref) in scores
    }
    assert interests <= kept
    assert ("c00", "p01") in kept or ("c00", "p01") not in scores
    assert len(kept) < len(scores)


def test_every_component_is_in_the_unit_interval_and_review_is_absent_when_not_reviewed():
    result = match(random_round(9), params=Params(top_k_per_challenge=1000))
    reviewed = {p.ref: p.review_score is not None for p in random_round(9).providers}

    for ranked in result.rankings.values():
        for candidate in ranked:
            assert all(0 <= v <= 1 for v in candidate.components.values())
            assert ("review" in candidate.components) == reviewed[candidate.provider]
            assert 0 <= candidate.score <= 1
