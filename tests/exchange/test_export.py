"""Exporting a programme round: exactly the exchange format, records made on the portal
named by stable generated refs, and export → import → export giving the same file."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from challenges.models import Challenge
from exchange.services import programme_export, programme_import
from incubator.models import Call, Organisation, Programme, Theme
from solutions.models import Solution, SolutionInterest
from tests.exchange.rounds import sample, snapshot
from tests.factories import (
    CallFactory,
    ChallengeFactory,
    OrganisationFactory,
    ProgrammeFactory,
    ThemeFactory,
)
from tests.solutions.factories import SolutionFactory, SolutionsCallFactory

pytestmark = pytest.mark.django_db


def export(slug: str) -> dict:
    document = programme_export(programme=Programme.objects.get(slug=slug))
    # What the command and the download write: it must be plain JSON.
    return json.loads(json.dumps(document, ensure_ascii=False))


class PortalRound:
    """A round written on the portal, as teams and the secretariat leave it."""

    def __init__(self):
        self.programme = ProgrammeFactory(slug="incubator-2027", name="Innovation Incubator 2027")
        challenges_call = CallFactory(programme=self.programme)
        solutions_call = SolutionsCallFactory(programme=self.programme)
        inclusion = ThemeFactory(slug="digital-inclusion", name="Digital inclusion")
        participation = ThemeFactory(slug="citizen-participation", name="Citizen participation")
        self.owner = OrganisationFactory(
            name="Agência para a Modernização Administrativa", country="PT"
        )
        self.provider = OrganisationFactory(
            name="Riigi Infosüsteemi Amet",
            country="EE",
            level="national",
            languages=["et", "en"],
            time_zone="Europe/Tallinn",
        )
        self.selected = ChallengeFactory(
            call=challenges_call,
            organisation=self.owner,
            status="selected",
            themes=[participation, inclusion],
            providers_wanted=3,
        )
        self.declined = ChallengeFactory(
            call=challenges_call, organisation=self.owner, status="declined", themes=[inclusion]
        )
        self.draft = ChallengeFactory(
            call=challenges_call, organisation=self.owner, status="draft", submitted_at=None
        )
        self.solution = SolutionFactory(
            call=solutions_call,
            organisation=self.provider,
            themes=[inclusion],
            capacity=2,
            interests=[self.declined, self.selected, self.draft],
        )
        self.withdrawn = SolutionFactory(
            call=solutions_call, organisation=self.provider, status="withdrawn", themes=[]
        )
        SolutionFactory(call=solutions_call, organisation=self.provider, status="draft")


def empty_the_portal():
    SolutionInterest.objects.all().delete()
    Solution.objects.all().delete()
    Challenge.objects.all().delete()
    Call.objects.all().delete()
    Programme.objects.all().delete()
    Organisation.objects.all().delete()
    Theme.objects.all().delete()


def test_the_export_of_an_imported_round_is_the_file_that_was_imported():
    programme_import(data=sample())

    assert export("incubator-2025") == sample()


def test_records_made_on_the_portal_get_stable_generated_refs():
    portal = PortalRound()

    document = export("incubator-2027")

    owner_ref = f"agencia-para-a-modernizacao-administrativa-{portal.owner.pk}"
    assert [team["ref"] for team in document["organisations"]] == sorted(
        [owner_ref, f"riigi-infosusteemi-amet-{portal.provider.pk}"]
    )
    assert {challenge["ref"] for challenge in document["challenges"]} == {
        f"ch-{portal.selected.pk}",
        f"ch-{portal.declined.pk}",
    }
    assert document["challenges"][0]["organisation"] == owner_ref
    assert export("incubator-2027") == document


def test_the_export_carries_every_record_but_drafts_with_its_state():
    portal = PortalRound()

    document = export("incubator-2027")

    states = {item["ref"]: item["status"] for item in document["challenges"]}
    assert states == {
        f"ch-{portal.selected.pk}": "selected",
        f"ch-{portal.declined.pk}": "declined",
    }
    assert sorted(item["status"] for item in document["solutions"]) == ["submitted", "withdrawn"]
    solution = next(item for item in document["solutions"] if item["status"] == "submitted")
    # The draft the team asked for is not in the file, so it is not named.
    assert solution["interested_in"] == [f"ch-{portal.declined.pk}", f"ch-{portal.selected.pk}"]
    assert solution["capacity"] == 2
    assert solution["description"] == portal.solution.what_they_did


def test_the_export_is_exactly_the_format_of_the_spec():
    PortalRound()

    document = export("incubator-2027")

    assert list(document) == [
        "format",
        "programme",
        "themes",
        "organisations",
        "challenges",
        "solutions",
    ]
    assert document["format"] == "incubator-exchange/1"
    assert document["programme"] == {"slug": "incubator-2027", "name": "Innovation Incubator 2027"}
    assert document["themes"] == [
        {"slug": "citizen-participation", "name": "Citizen participation"},
        {"slug": "digital-inclusion", "name": "Digital inclusion"},
    ]
    assert list(document["organisations"][0]) == [
        "ref",
        "name",
        "country",
        "level",
        "languages",
        "timezone",
    ]
    challenge = next(item for item in document["challenges"] if item["status"] == "selected")
    assert list(challenge) == [
        "ref",
        "organisation",
        "title",
        "summary",
        "description",
        "themes",
        "providers_wanted",
        "status",
        "submitted_at",
    ]
    assert challenge["themes"] == ["citizen-participation", "digital-inclusion"]
    assert challenge["providers_wanted"] == 3
    assert challenge["submitted_at"].endswith("Z")
    assert list(document["solutions"][0]) == [
        "ref",
        "organisation",
        "title",
        "summary",
        "description",
        "themes",
        "interested_in",
        "capacity",
        "status",
        "submitted_at",
    ]


def test_export_then_import_into_an_empty_portal_then_export_gives_the_same_file():
    PortalRound()
    first = export("incubator-2027")
    empty_the_portal()

    programme_import(data=first)

    assert export("incubator-2027") == first


def test_an_exported_file_imported_back_updates_the_portal_records_instead_of_copying_them():
    portal = PortalRound()
    document = export("incubator-2027")
    before = {model: model.objects.count() for model in (Organisation, Challenge, Solution)}
    document["challenges"][0]["title"] = "Edited in a spreadsheet"

    summary = programme_import(data=document)

    assert {model: model.objects.count() for model in (Organisation, Challenge, Solution)} == before
    assert summary.created == {}
    portal.selected.refresh_from_db()
    assert portal.selected.exchange_ref == f"ch-{portal.selected.pk}"
    assert Challenge.objects.get(exchange_ref=document["challenges"][0]["ref"]).title == (
        "Edited in a spreadsheet"
    )
    assert export("incubator-2027") == document


def test_a_foreign_file_never_takes_over_a_portal_challenge_with_the_same_number():
    portal = PortalRound()
    data = sample()
    data["programme"] = {"slug": "incubator-2027", "name": "Innovation Incubator 2027"}
    data["challenges"][0]["ref"] = f"ch-{portal.selected.pk}"
    data["solutions"][1]["interested_in"] = [f"ch-{portal.selected.pk}"]
    title = portal.selected.title

    programme_import(data=data)

    portal.selected.refresh_from_db()
    assert portal.selected.title == title
    assert portal.selected.exchange_ref == ""


def test_a_generated_ref_that_an_imported_record_holds_is_made_unique():
    portal = PortalRound()
    data = sample()
    data["programme"] = {"slug": "incubator-2027", "name": "Innovation Incubator 2027"}
    data["challenges"][0]["ref"] = f"ch-{portal.selected.pk}"
    data["solutions"][1]["interested_in"] = [f"ch-{portal.selected.pk}"]
    programme_import(data=data)

    document = export("incubator-2027")

    refs = [item["ref"] for item in document["challenges"]]
    assert len(refs) == len(set(refs))
    assert f"ch-{portal.selected.pk}-portal" in refs
    before = snapshot()
    programme_import(data=document)
    after = snapshot()
    assert after["Challenge"] != before["Challenge"], "portal records take their refs"
    assert Challenge.objects.count() == 3 + 4
    assert export("incubator-2027") == document


def test_the_export_takes_the_same_few_queries_for_a_large_round(django_assert_max_num_queries):
    portal = PortalRound()
    with CaptureQueriesContext(connection) as small:
        programme_export(programme=portal.programme)
    call = portal.selected.call
    for _index in range(30):
        challenge = ChallengeFactory(call=call, themes=[ThemeFactory()])
        SolutionFactory(call=portal.solution.call, themes=[ThemeFactory()], interests=[challenge])

    with django_assert_max_num_queries(len(small)):
        programme_export(programme=portal.programme)
