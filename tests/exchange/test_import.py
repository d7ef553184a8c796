"""Importing a programme round from an exchange file: what lands where, the whole file
checked before anything is written, every problem named by its JSON path, and the same
file twice changing nothing."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from challenges.models import Challenge
from challenges.selectors import challenges_search
from exchange.services import ExchangeError, programme_import
from incubator.models import AuditEntry, Call, Notification, Organisation, Programme, Theme
from solutions.models import Solution
from tests.exchange.rounds import as_bytes, sample, snapshot
from tests.factories import (
    OrganisationFactory,
    ThemeFactory,
    UserFactory,
    secretariat_user,
)

pytestmark = pytest.mark.django_db


def problems_of(data) -> list[str]:
    with pytest.raises(ExchangeError) as caught:
        programme_import(data=data)
    return caught.value.messages


# What lands where -----------------------------------------------------------------------


def test_the_sample_round_lands_as_a_programme_with_its_teams_challenges_and_proposals():
    summary = programme_import(data=sample())

    assert summary.programme_created
    assert summary.created == {"themes": 4, "organisations": 6, "challenges": 4, "solutions": 5}
    programme = Programme.objects.get(slug="incubator-2025")
    assert programme.name == "Innovation Incubator 2025"
    assert Challenge.objects.filter(call__programme=programme).count() == 4
    assert Solution.objects.filter(call__programme=programme).count() == 5


def test_a_team_keeps_its_country_level_languages_and_time_zone():
    programme_import(data=sample())

    team = Organisation.objects.get(exchange_ref="ke-nairobi")
    assert team.name == "Nairobi City County Innovation Unit"
    assert team.country.code == "KE"
    assert team.level == "local"
    assert team.languages == ["en", "sw"]
    assert team.time_zone == "Africa/Nairobi"


def test_the_description_is_the_problem_statement_of_a_challenge():
    programme_import(data=sample())

    challenge = Challenge.objects.get(exchange_ref="ch-2")
    assert challenge.problem_statement.startswith("Public participation in the county budget")
    assert challenge.organisation.exchange_ref == "ke-nairobi"
    assert challenge.status == "selected"
    assert challenge.submitted_at == datetime(2025, 2, 20, 7, 5, tzinfo=UTC)
    assert sorted(challenge.themes.values_list("slug", flat=True)) == ["citizen-participation"]


def test_the_description_is_what_a_provider_did_and_interests_keep_their_order():
    programme_import(data=sample())

    solution = Solution.objects.get(exchange_ref="so-4")
    assert solution.what_they_did.startswith("Our one-stop citizen shops")
    assert solution.capacity == 2
    assert [challenge.exchange_ref for challenge in solution.ranked_interests()] == ["ch-3", "ch-2"]


def test_each_kind_hangs_on_a_closed_call_made_for_the_import():
    programme_import(data=sample())

    calls = Call.objects.filter(programme__slug="incubator-2025")
    assert sorted(calls.values_list("kind", flat=True)) == ["challenges", "solutions"]
    for call in calls:
        assert call.state == "closed"
        assert call.deadline_time_zone == "UTC"
    challenges_call = calls.get(kind="challenges")
    assert challenges_call.opens_at <= datetime(2025, 2, 14, 10, 30, tzinfo=UTC)


def test_records_join_the_latest_call_of_a_programme_that_has_calls():
    programme_import(data=sample())
    later = Call.objects.create(
        programme=Programme.objects.get(slug="incubator-2025"),
        kind="challenges",
        title="Second call for challenges",
        introduction="More problems.",
        opens_at=timezone.now() - timedelta(days=1),
        closes_at=timezone.now() + timedelta(days=30),
        deadline_time_zone="Europe/Paris",
    )
    data = sample()
    data["challenges"].append({**data["challenges"][0], "ref": "ch-5", "title": "A new one"})

    programme_import(data=data)

    assert Challenge.objects.get(exchange_ref="ch-5").call == later
    assert Challenge.objects.get(exchange_ref="ch-1").call != later


def test_left_out_optional_fields_take_the_defaults_of_the_spec():
    data = sample()
    for record in [*data["challenges"], *data["solutions"]]:
        for name in ("status", "submitted_at", "providers_wanted", "capacity", "interested_in"):
            record.pop(name, None)

    programme_import(data=data)

    challenge = Challenge.objects.get(exchange_ref="ch-1")
    assert challenge.status == "submitted"
    assert challenge.providers_wanted == 2
    assert challenge.submitted_at is not None
    solution = Solution.objects.get(exchange_ref="so-4")
    assert solution.capacity == 1
    assert solution.ranked_interests() == []


def test_themes_and_teams_already_in_the_portal_may_be_named_without_being_carried():
    ThemeFactory(slug="public-health", name="Public health")
    OrganisationFactory(name="Ministry of Health", country="NZ", exchange_ref="nz-health")
    data = sample()
    data["challenges"][0]["themes"] = ["public-health"]
    data["challenges"][0]["organisation"] = "nz-health"

    programme_import(data=data)

    challenge = Challenge.objects.get(exchange_ref="ch-1")
    assert challenge.organisation.name == "Ministry of Health"
    assert list(challenge.themes.values_list("slug", flat=True)) == ["public-health"]


def test_a_file_of_proposals_may_name_challenges_imported_before_and_removes_nothing():
    programme_import(data=sample())
    data = sample()
    data["challenges"] = []
    data["solutions"][0]["interested_in"] = ["ch-1", "ch-3"]

    programme_import(data=data)

    assert Challenge.objects.count() == 4
    interests = Solution.objects.get(exchange_ref="so-1").ranked_interests()
    assert [challenge.exchange_ref for challenge in interests] == ["ch-1", "ch-3"]


def test_an_imported_challenge_is_found_by_the_portals_search():
    programme_import(data=sample())

    found = challenges_search(Challenge.objects.all(), "budget hearings")

    assert [challenge.exchange_ref for challenge in found] == ["ch-2"]


def test_an_import_is_recorded_once_in_the_audit_trail_and_sends_no_email():
    secretariat = secretariat_user()

    programme_import(data=sample(), by=secretariat)

    entry = AuditEntry.objects.get()
    assert entry.action == "programme.imported"
    assert entry.actor == secretariat
    assert entry.details["created"]["challenges"] == 4
    assert Notification.objects.count() == 0


def test_only_the_secretariat_imports():
    with pytest.raises(PermissionDenied):
        programme_import(data=sample(), by=UserFactory())

    assert not Programme.objects.exists()


# The same file twice --------------------------------------------------------------------


def test_importing_the_same_file_twice_changes_nothing():
    programme_import(data=sample())
    before = snapshot()

    summary = programme_import(data=sample())

    after = snapshot()
    assert after.pop("AuditEntry") != before.pop("AuditEntry"), "the second import is recorded"
    assert after == before
    assert not summary.programme_created
    assert summary.created == summary.updated == {}
    assert summary.unchanged == {"themes": 4, "organisations": 6, "challenges": 4, "solutions": 5}


def test_a_changed_record_is_updated_in_place_and_the_others_are_left_alone():
    programme_import(data=sample())
    untouched = Challenge.objects.get(exchange_ref="ch-2").updated_at
    data = sample()
    data["challenges"][0]["title"] = "Older residents who have never used an online service"
    data["solutions"][3]["interested_in"] = ["ch-2"]
    data["organisations"][0]["languages"] = ["en"]

    summary = programme_import(data=data)

    assert summary.updated == {"challenges": 1, "solutions": 1, "organisations": 1}
    assert Challenge.objects.count() == 4
    assert Challenge.objects.get(exchange_ref="ch-1").title.endswith("used an online service")
    assert Challenge.objects.get(exchange_ref="ch-2").updated_at == untouched
    interests = Solution.objects.get(exchange_ref="so-4").ranked_interests()
    assert [challenge.exchange_ref for challenge in interests] == ["ch-2"]
    assert Organisation.objects.get(exchange_ref="ca-bc").languages == ["en"]


def test_a_file_without_states_never_undoes_a_decision_taken_on_the_portal():
    programme_import(data=sample())
    Challenge.objects.filter(exchange_ref="ch-3").update(status="selected")
    data = sample()
    del data["challenges"][2]["status"]

    programme_import(data=data)

    assert Challenge.objects.get(exchange_ref="ch-3").status == "selected"


def test_teams_are_found_by_ref_across_programmes():
    programme_import(data=sample())
    data = sample()
    data["programme"] = {"slug": "incubator-2026", "name": "Innovation Incubator 2026"}

    programme_import(data=data)

    assert Organisation.objects.count() == 6
    assert Challenge.objects.filter(exchange_ref="ch-1").count() == 2


# Rejected whole -------------------------------------------------------------------------


def _unknown_country(data):
    data["organisations"][3]["country"] = "XX"


def _missing_field(data):
    del data["challenges"][1]["title"]


def _unknown_theme(data):
    data["challenges"][0]["themes"].append("space-travel")


def _unknown_organisation(data):
    data["solutions"][2]["organisation"] = "fr-dinum"


def _duplicate_ref(data):
    data["solutions"][4]["ref"] = "so-1"


def _wrong_format(data):
    data["format"] = "incubator-exchange/2"


def _negative_capacity(data):
    data["solutions"][0]["capacity"] = -1


REJECTIONS = [
    (_unknown_country, "organisations[3].country: 'XX' is not a country code"),
    (_missing_field, "challenges[1].title: is required but missing"),
    (
        _unknown_theme,
        "challenges[0].themes[2]: 'space-travel' is not a theme of this file or of the portal",
    ),
    (
        _unknown_organisation,
        "solutions[2].organisation: 'fr-dinum' is not an organisation of this file or of the "
        "portal",
    ),
    (_duplicate_ref, "solutions[4].ref: 'so-1' is used twice (first at solutions[0])"),
    (
        _wrong_format,
        "format: 'incubator-exchange/2' is not a format this portal reads; it reads "
        "'incubator-exchange/1'",
    ),
    (_negative_capacity, "solutions[0].capacity: '-1' is not a whole number from 1 to 32767"),
]


@pytest.mark.parametrize(("spoil", "problem"), REJECTIONS, ids=lambda v: getattr(v, "__name__", ""))
def test_a_file_with_one_bad_record_is_rejected_whole_and_the_database_is_unchanged(spoil, problem):
    programme_import(data=sample())
    before = snapshot()
    data = sample()
    # Changes that would be imported if the file were good, alongside the bad record.
    data["programme"]["name"] = "Renamed round"
    data["challenges"][3]["title"] = "Changed title"
    data["organisations"].append({**data["organisations"][0], "ref": "new-team"})
    spoil(data)

    assert problems_of(data) == [problem]
    assert snapshot() == before


def test_an_empty_portal_stays_empty_when_a_file_is_rejected():
    data = sample()
    _unknown_country(data)

    problems_of(data)

    assert not Programme.objects.exists()
    assert not Organisation.objects.exists()
    assert not Theme.objects.exists()


def test_every_problem_of_the_file_is_listed_not_only_the_first():
    data = sample()
    _unknown_country(data)
    _missing_field(data)
    _negative_capacity(data)
    data["challenges"][2]["providers_wanted"] = 0
    data["organisations"][1]["languages"] = ["es", "xx"]
    data["organisations"][2]["timezone"] = "Europe/Atlantis"
    data["organisations"][4]["level"] = "federal"
    data["challenges"][0]["status"] = "approved"
    data["challenges"][0]["submitted_at"] = "2025-02-14 10:30"
    data["solutions"][1]["interested_in"] = ["ch-9"]
    data["solutions"][1]["summary"] = "We <b>really</b> helped."
    data["solutions"][3]["title"] = "x" * 151
    data["challenges"][3]["deadline"] = "2025-06-01"

    problems = problems_of(data)

    assert problems == [
        "organisations[1].languages[1]: 'xx' is not an ISO 639-1 language code, such as en or fr",
        "organisations[2].timezone: 'Europe/Atlantis' is not an IANA time zone name, such as "
        "Europe/Lisbon",
        "organisations[3].country: 'XX' is not a country code",
        "organisations[4].level: 'federal' is not a level of government; use one of: "
        "supranational, national, regional, local",
        "challenges[0].status: 'approved' is not a lifecycle state; use one of: draft, "
        "submitted, screening, in_review, shortlisted, selected, declined, withdrawn",
        "challenges[0].submitted_at: '2025-02-14 10:30' is not an ISO 8601 date and time with "
        "its offset, such as 2025-03-01T09:30:00+01:00",
        "challenges[1].title: is required but missing",
        "challenges[2].providers_wanted: '0' is not a whole number from 1 to 5",
        "challenges[3].deadline: is not a field of this format",
        "solutions[0].capacity: '-1' is not a whole number from 1 to 32767",
        "solutions[1].summary: Use plain text here: remove the HTML tags (the text between < "
        "and >).",
        "solutions[1].interested_in[0]: 'ch-9' is not a challenge of this file or of the programme",
        "solutions[3].title: is 151 characters long; at most 150 are allowed",
    ]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda data: data["challenges"][0].update(providers_wanted="2"),
            "challenges[0].providers_wanted: '2' is not a whole number from 1 to 5",
        ),
        (
            lambda data: data["solutions"][0].update(capacity=True),
            "solutions[0].capacity: 'true' is not a whole number from 1 to 32767",
        ),
        (
            lambda data: data["challenges"][0].update(themes="digital-inclusion"),
            "challenges[0].themes: must be a list ([…])",
        ),
        (
            lambda data: data["organisations"][0].update(name=42),
            "organisations[0].name: must be text, not '42'",
        ),
        (
            lambda data: data["organisations"][0].update(languages=[]),
            "organisations[0].languages: must name at least one language",
        ),
        (
            lambda data: data["challenges"][0].update(title="   "),
            "challenges[0].title: must not be empty",
        ),
        (
            lambda data: data["challenges"].append("ch-9"),
            "challenges[4]: must be an object ({…})",
        ),
        (
            lambda data: data["themes"][0].update(slug="Digital inclusion"),
            "themes[0].slug: 'Digital inclusion' is not a slug: use letters, numbers, hyphens "
            "and underscores",
        ),
        (
            lambda data: data["organisations"][0].update(ref=" ca-bc"),
            "organisations[0].ref: ' ca-bc' is not a reference: give a non-empty key without "
            "spaces at either end",
        ),
        (
            lambda data: data["challenges"][0].update(title="Nul\x00byte"),
            "challenges[0].title: must not contain the NUL character",
        ),
        (
            lambda data: data.pop("programme"),
            "programme: is required but missing",
        ),
    ],
)
def test_wrong_types_and_values_are_named_by_their_path(change, problem):
    data = sample()
    change(data)

    assert problem in problems_of(data)
    assert not Programme.objects.exists()


def test_a_lower_case_country_code_is_read_as_the_code():
    data = sample()
    data["organisations"][0]["country"] = "ca"

    programme_import(data=data)

    assert Organisation.objects.get(exchange_ref="ca-bc").country.code == "CA"


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (b"", "The file is not valid JSON: Expecting value at line 1, column 1."),
        (
            b'{"format": "incubator-exchange/1",\n "programme": }',
            "The file is not valid JSON: Expecting value at line 2, column 15.",
        ),
        (b"\xff\xfe{}", "The file is not UTF-8 text (byte 0)."),
        (
            b"[1, 2, 3]",
            'The file must hold one JSON object that starts with "format": "incubator-exchange/1".',
        ),
        (b"[" * 100_000 + b"]" * 100_000, "The file is not valid JSON: it is nested too deeply."),
    ],
    ids=["empty", "broken", "not-utf-8", "not-an-object", "too-deep"],
)
def test_a_file_that_is_not_an_exchange_file_gets_one_clear_message(raw, problem):
    assert problems_of(raw) == [problem]


def test_a_file_with_a_byte_order_mark_is_read():
    programme_import(data=b"\xef\xbb\xbf" + as_bytes(sample()))

    assert Programme.objects.filter(slug="incubator-2025").exists()
