"""The library's pages: search, filters, an entry with who it was matched with and what
came of it, entries close in meaning from other countries, in English and French; the
index following what the services change."""

import pytest
from django.utils import translation

from library.index import library_refresh
from library.models import LibraryEntry
from outcomes.services import consent_withdraw
from tests.factories import ChallengeFactory, OrganisationFactory, ThemeFactory
from tests.outcomes.factories import member_of, shown_match

pytestmark = pytest.mark.django_db


def _rounds():
    theme = ThemeFactory(
        slug="digital-inclusion", name="Digital inclusion", name_fr="Inclusion numérique"
    )
    older = shown_match(challenge__themes=[theme])
    ferry = ChallengeFactory(
        published=True,
        title="Ferry timetables nobody reads",
        summary="Islanders miss the last boat.",
        problem_statement="Timetables change with the tides and nobody is told.",
        context="Twelve islands, one harbour.",
        tried="Posters at the pier.",
        expertise_sought="Timetable data standards.",
        organisation=OrganisationFactory(country="CA", name="Island Transport Office"),
        themes=[ThemeFactory(slug="mobility", name="Mobility")],
    )
    library_refresh()
    return older, ferry


def test_the_list_shows_every_kind_with_round_team_and_partners(client):
    older, _ = _rounds()
    page = client.get("/library/").content.decode()
    assert "4 entries" in page  # two challenges, a proposal, a match; no story yet
    assert older.programme.name in page
    assert f"{older.solution.organisation.name}, Estonia" in page  # matched with
    assert "Incubation outcome" in page


def test_search_and_filters_narrow_the_list(client):
    _, ferry = _rounds()
    page = client.get("/library/?q=tides").content.decode()
    assert "1 entry" in page and ferry.title in page
    page = client.get(
        "/library/?kind=challenge&country=PT&theme=digital-inclusion"
    ).content.decode()
    assert "1 entry" in page and ferry.title not in page
    page = client.get("/library/?outcome=published").content.decode()
    assert "1 entry" in page and ferry.title in page
    assert (
        "2 entries"
        in client.get("/library/?region=europe&stage=developing_proposals").content.decode()
    )


def test_an_entry_shows_the_match_and_close_entries_from_other_countries(client):
    older, ferry = _rounds()
    page = client.get(f"/library/challenge/{older.challenge.pk}/").content.decode()
    assert "Who it was matched with, and what came of it" in page
    owner, provider = older.challenge.organisation.name, older.solution.organisation.name
    assert f"{owner} (Portugal) with {provider} (Estonia)" in page
    related = page.split("Close in meaning, in other countries")[1]
    assert older.solution.title in related  # Estonia, on the same problem
    assert ferry.title not in related  # far in meaning


def test_the_library_speaks_french(client):
    _rounds()
    with translation.override("fr"):
        client.cookies["django_language"] = "fr"
        page = client.get("/library/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Bibliothèque" in page
    assert "Inclusion numérique" in page


def test_a_withdrawn_consent_takes_the_entries_out_when_it_commits(
    client, django_capture_on_commit_callbacks
):
    older, _ = _rounds()
    assert LibraryEntry.objects.filter(kind="solution").count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        consent_withdraw(
            programme=older.programme,
            organisation=older.solution.organisation,
            by=member_of(older.solution.organisation),
        )
    assert not LibraryEntry.objects.filter(kind__in=["solution", "match"]).exists()
    page = client.get(f"/library/challenge/{older.challenge.pk}/").content.decode()
    assert older.solution.organisation.name not in page
