"""The secretariat writes themes, calls, rubric criteria and sessions in English and in
French; a missing French version is said plainly, and English is shown in its place."""

import pytest
from django.urls import reverse
from django.utils import translation

from cohorts.models import Session
from incubator.models import Theme
from reviews.models import Criterion
from tests.cohorts.factories import CohortFactory, SessionFactory, cohort_member
from tests.cohorts.test_desk import new_session_url, session_fields
from tests.factories import CallFactory, ThemeFactory, secretariat_user, with_second_factor
from tests.reviews.test_setting_up import criterion_row, rubric_data

pytestmark = pytest.mark.django_db

NO_FRENCH = "No French version: English is shown."


@pytest.fixture
def desk(client_of):
    return client_of(with_second_factor(secretariat_user(time_zone="Europe/Paris")))


def test_the_theme_form_asks_for_both_and_says_when_french_is_missing(desk):
    page = desk.get(reverse("admin:incubator_theme_add")).content.decode()

    assert "Name in French" in page
    assert NO_FRENCH in page

    desk.post(
        reverse("admin:incubator_theme_add"),
        {"slug": "inclusion", "name": "Digital inclusion", "name_fr": "Inclusion numérique"},
    )

    theme = Theme.objects.get(slug="inclusion")
    assert (theme.name, theme.name_fr) == ("Digital inclusion", "Inclusion numérique")


def test_the_theme_list_shows_which_themes_have_no_french_name(desk):
    ThemeFactory(name="Open data")
    ThemeFactory(name="Digital inclusion", name_fr="Inclusion numérique")

    page = desk.get(reverse("admin:incubator_theme_changelist")).content.decode()

    assert "Inclusion numérique" in page
    assert page.count(NO_FRENCH) == 1


def test_the_rubric_keeps_a_french_version_of_each_criterion(desk):
    call = CallFactory()
    row = criterion_row(
        "Relevance",
        name_fr="Pertinence",
        description_fr="Ce que le problème représente.",
        **{f"anchor_fr_{point}": f"Pertinence {point}" for point in range(1, 6)},
    )

    desk.post(reverse("reviews:rubric", kwargs={"call_pk": call.pk}), rubric_data([row]))

    criterion = Criterion.objects.get(call=call)
    assert (criterion.name_fr, criterion.description_fr) == (
        "Pertinence",
        "Ce que le problème représente.",
    )
    with translation.override("fr"):
        assert (criterion.name_shown, criterion.anchor(2)) == ("Pertinence", "Pertinence 2")
    with translation.override("en"):
        assert (criterion.name_shown, criterion.anchor(2)) == ("Relevance", "Relevance 2")


def test_the_default_rubric_comes_with_its_french_version(desk):
    page = desk.get(reverse("reviews:rubric", kwargs={"call_pk": CallFactory().pk}))

    text = page.content.decode()
    assert 'value="Relevance"' in text
    assert 'value="Pertinence"' in text


def test_a_session_is_planned_with_a_french_title_that_french_members_read(desk, client_of):
    cohort = CohortFactory()
    fields = session_fields(ThemeFactory(), title_fr="Mener une expérimentation ouverte")

    desk.post(new_session_url(cohort), fields)

    session = Session.objects.get()
    member = cohort_member(cohort, language="fr")
    page = client_of(member).get(reverse("cohorts:session", args=[session.pk])).content.decode()
    assert "Mener une expérimentation ouverte" in page


def test_the_session_form_says_when_a_session_has_no_french_title(desk):
    session = SessionFactory(title_fr="")

    form = desk.get(reverse("cohorts:desk_session_edit", args=[session.pk])).content.decode()
    page = desk.get(reverse("cohorts:desk_session", args=[session.pk])).content.decode()

    assert "Title in French" in form
    assert NO_FRENCH in form
    assert NO_FRENCH in page
