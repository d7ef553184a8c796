"""Content the secretariat writes (themes, programmes, calls, rubric criteria, sessions)
has an English and a French version; readers see theirs, and English when none exists."""

import csv
import io

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from incubator.models import Theme
from incubator.translated import shown
from tests.factories import (
    CallFactory,
    ChallengeFactory,
    ProgrammeFactory,
    ThemeFactory,
    secretariat_user,
    with_second_factor,
)

pytestmark = pytest.mark.django_db


def in_french(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    return client


def test_a_french_reader_sees_the_french_version_and_english_where_none_exists():
    written = ThemeFactory(name="Digital inclusion", name_fr="Inclusion numérique")
    untranslated = ThemeFactory(name="Open data")

    with translation.override("fr"):
        assert written.name_shown == "Inclusion numérique"
        assert str(written) == "Inclusion numérique"
        assert untranslated.name_shown == "Open data"
    with translation.override("en"):
        assert written.name_shown == "Digital inclusion"


def test_a_query_reads_the_readers_version_with_english_as_fallback():
    ThemeFactory(slug="inclusion", name="Digital inclusion", name_fr="Inclusion numérique")
    ThemeFactory(slug="open-data", name="Open data")

    with translation.override("fr"):
        names = dict(Theme.objects.values_list("slug", shown("name")))
    with translation.override("en"):
        english = dict(Theme.objects.values_list("slug", shown("name")))

    assert names == {"inclusion": "Inclusion numérique", "open-data": "Open data"}
    assert english == {"inclusion": "Digital inclusion", "open-data": "Open data"}


def test_the_home_page_shows_call_and_programme_texts_in_french(client):
    CallFactory(
        title="Call for challenges 2027",
        title_fr="Appel à défis 2027",
        introduction="Tell us what you are stuck on.",
        introduction_fr="Dites-nous où vous bloquez.",
        programme=ProgrammeFactory(name="Innovation Incubator 2027", name_fr="Incubateur 2027"),
    )

    page = in_french(client).get("/").content.decode()

    assert "Appel à défis 2027" in page
    assert "Dites-nous où vous bloquez." in page
    assert "Incubateur 2027" in page
    assert "Call for challenges 2027" not in page


def test_a_published_challenge_names_its_themes_in_french(client):
    theme = ThemeFactory(name="Digital inclusion", name_fr="Inclusion numérique")
    challenge = ChallengeFactory(themes=[theme], published=True)

    page = in_french(client).get(reverse("challenges:detail", args=[challenge.pk]))

    assert "Inclusion numérique" in page.content.decode()
    assert "Digital inclusion" not in page.content.decode()


def test_the_screening_export_names_call_and_themes_in_the_readers_language(client_of):
    theme = ThemeFactory(name="Digital inclusion", name_fr="Inclusion numérique")
    call = CallFactory(title="Call for challenges", title_fr="Appel à défis")
    ChallengeFactory(call=call, themes=[theme])
    desk = client_of(with_second_factor(secretariat_user(language="fr")))

    response = desk.get(reverse("challenges:screening_export"))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))

    assert "Appel à défis" in rows[1]
    assert "Inclusion numérique" in rows[1]


def test_the_home_page_costs_no_more_queries_in_french(client, queries_to_render):
    theme = ThemeFactory(name_fr="Inclusion numérique")
    for call in CallFactory.create_batch(5, title_fr="Appel"):
        ChallengeFactory(call=call, themes=[theme])
    english = queries_to_render(client, "/")

    assert queries_to_render(in_french(client), "/") == english


def test_a_french_members_email_names_the_call_and_themes_in_french():
    from challenges.services import CHALLENGE_DRAFTING
    from incubator.models import Notification
    from submissions.services.drafting import submission_submit
    from tests.factories import MembershipFactory, UserFactory

    theme = ThemeFactory(name="Digital inclusion", name_fr="Inclusion numérique")
    call = CallFactory(title="Call for challenges", title_fr="Appel à défis")
    member = MembershipFactory(user=UserFactory(language="fr")).user
    draft = ChallengeFactory(
        call=call,
        organisation=member.organisations.get(),
        themes=[theme],
        status="draft",
        submitted_at=None,
    )

    submission_submit(drafting=CHALLENGE_DRAFTING, submission=draft, by=member)

    email = Notification.objects.get(recipient=member)
    assert "Appel\u00a0: Appel à défis" in email.body_text
    assert "Thèmes\u00a0: Inclusion numérique" in email.body_text
    assert "Digital inclusion" not in email.body_text + email.body_html
    assert "Call for challenges" not in email.body_text + email.body_html
