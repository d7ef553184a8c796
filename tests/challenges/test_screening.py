"""The secretariat's screening desk: the queue and its filters, the CSV export, bulk
moves, and one challenge with its checklist, actions and audit trail."""

import csv
import io

import pytest
from django.urls import reverse

from challenges.models import Challenge
from incubator.models import Notification
from tests.factories import (
    CallFactory,
    ChallengeFactory,
    MembershipFactory,
    OrganisationFactory,
    ThemeFactory,
    UserFactory,
    secretariat_user,
    with_second_factor,
)

pytestmark = pytest.mark.django_db

QUEUE = reverse("challenges:screening_queue")
EXPORT = reverse("challenges:screening_export")
BULK = reverse("challenges:screening_bulk")


def detail_url(challenge):
    return reverse("challenges:screening_detail", kwargs={"pk": challenge.pk})


def act_url(challenge):
    return reverse("challenges:screening_act", kwargs={"pk": challenge.pk})


def move_url(challenge):
    return reverse("challenges:screening_move", kwargs={"pk": challenge.pk})


CONFIRMED = {"confirmed": "yes"}


@pytest.fixture
def secretariat():
    return secretariat_user()


@pytest.fixture
def desk(client_of, secretariat):
    """The test client, signed in as a secretariat member with a second factor."""
    return client_of(secretariat)


def queue_page(client, **params):
    response = client.get(QUEUE, params)
    assert response.status_code == 200
    return response.content.decode()


def exported_rows(client, **params):
    response = client.get(EXPORT, params)
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff"), "spreadsheets need the BOM to read accents"
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


# The queue ------------------------------------------------------------------------------


def test_the_queue_lists_submitted_challenges_but_never_drafts(desk):
    ChallengeFactory(title="Ferries for island schools")
    ChallengeFactory(status="in_review", title="Water metering in small towns")
    ChallengeFactory(status="draft", title="Half-written draft")

    page = queue_page(desk)

    assert "Ferries for island schools" in page
    assert "Water metering in small towns" in page
    assert "Half-written draft" not in page
    assert "2 challenges" in page


def test_a_draft_has_no_page_on_the_desk(desk):
    draft = ChallengeFactory(status="draft")

    assert desk.get(detail_url(draft)).status_code == 404


def _ferries(**kwargs):
    return ChallengeFactory(title="Ferries for island schools", **kwargs)


def _metering(**kwargs):
    return ChallengeFactory(title="Water metering in small towns", **kwargs)


FILTERS = {
    "country": (
        lambda: _ferries(organisation=OrganisationFactory(country="CL")),
        lambda: _metering(organisation=OrganisationFactory(country="PT")),
        {"country": "CL"},
    ),
    "region": (
        lambda: _ferries(organisation=OrganisationFactory(country="JP")),
        lambda: _metering(organisation=OrganisationFactory(country="PT")),
        {"region": "asia"},
    ),
    "level of government": (
        lambda: _ferries(organisation=OrganisationFactory(level="local")),
        lambda: _metering(organisation=OrganisationFactory(level="national")),
        {"level": "local"},
    ),
    "theme": (
        lambda: _ferries(themes=[ThemeFactory(slug="mobility", name="Mobility")]),
        lambda: _metering(themes=[ThemeFactory(slug="water", name="Water")]),
        {"theme": "mobility"},
    ),
    "state": (
        lambda: _ferries(status="screening"),
        lambda: _metering(status="submitted"),
        {"state": "screening"},
    ),
    "language": (
        lambda: _ferries(languages=["es", "fr"]),
        lambda: _metering(languages=["pt", "en"]),
        {"language": "fr"},
    ),
    "sector": (
        lambda: _ferries(sector="transport"),
        lambda: _metering(sector="environment"),
        {"sector": "transport"},
    ),
    "lifecycle stage": (
        lambda: _ferries(lifecycle_stage="implementation"),
        lambda: _metering(lifecycle_stage="evaluation"),
        {"stage": "implementation"},
    ),
    "search word": (
        lambda: _ferries(problem_statement="The winter ferries stop running."),
        lambda: _metering(problem_statement="Meters are read by hand."),
        {"q": "ferries"},
    ),
}


@pytest.mark.parametrize("name", FILTERS)
def test_each_filter_narrows_the_queue(desk, name):
    make_kept, make_left_out, params = FILTERS[name]
    make_kept()
    make_left_out()

    page = queue_page(desk, **params)

    assert "Ferries for island schools" in page
    assert "Water metering in small towns" not in page
    assert "1 challenge" in page


def test_the_call_filter_keeps_the_challenges_of_one_call(desk):
    call = CallFactory(title="Call for challenges 2027")
    _ferries(call=call)
    _metering()

    page = queue_page(desk, call=str(call.pk))

    assert "Ferries for island schools" in page
    assert "Water metering in small towns" not in page


def test_the_desk_of_one_call_offers_the_countries_of_that_calls_teams(desk):
    call = CallFactory(title="Call for challenges 2027")
    _ferries(call=call, organisation=OrganisationFactory(country="CL"))
    _metering(organisation=OrganisationFactory(country="PT"))

    one_call = queue_page(desk, call=str(call.pk))
    every_call = queue_page(desk)

    assert '<option value="CL">Chile</option>' in one_call
    assert 'value="PT"' not in one_call
    assert '<option value="PT">Portugal</option>' in every_call


def test_a_language_filter_matches_whole_codes_only(desk):
    _ferries(languages=["en"])
    _metering(languages=["de"])

    assert "Water metering in small towns" not in queue_page(desk, language="en")
    assert "Ferries for island schools" not in queue_page(desk, language="de")


def test_an_unknown_filter_value_is_said_and_not_a_crash(desk):
    _ferries()

    page = queue_page(desk, country="XX")

    assert "There is a problem" in page
    assert "Select a valid choice" in page


def test_pagination_links_keep_the_filters(desk):
    theme = ThemeFactory(slug="mobility", name="Mobility")
    ChallengeFactory.create_batch(51, themes=[theme], call=CallFactory())

    page = queue_page(desk, theme="mobility")

    assert "51 challenges" in page
    assert "?theme=mobility&amp;page=2" in page


def test_the_queue_issues_as_many_queries_with_300_challenges_as_with_3(
    desk, queries_to_render, django_assert_max_num_queries
):
    call = CallFactory()
    themes = [ThemeFactory(slug="scaling", name="Scaling"), ThemeFactory()]
    made = {"call": call, "themes": themes, "problem_statement": "Ferries stop in winter."}
    ChallengeFactory.create_batch(3, **made)
    filtered = f"{QUEUE}?q=ferries&region=europe&theme=scaling&language=en&state=submitted"
    few = {url: queries_to_render(desk, url) for url in (QUEUE, filtered)}

    ChallengeFactory.create_batch(297, **made)

    for url, count in few.items():
        with django_assert_max_num_queries(count):
            page = desk.get(url).content.decode()
        assert "300 challenges" in page


def test_each_row_can_be_ticked_with_a_label_naming_the_challenge(desk):
    challenge = _ferries()

    page = queue_page(desk)

    assert f'name="challenges" value="{challenge.pk}"' in page
    assert "Select “Ferries for island schools”" in page


def test_the_csv_link_carries_the_current_filters(desk):
    _ferries(organisation=OrganisationFactory(country="CL"))

    page = queue_page(desk, country="CL", region="americas")

    assert f'href="{EXPORT}?country=CL&amp;region=americas"' in page


# The CSV export -------------------------------------------------------------------------


def test_the_export_has_a_header_and_one_row_per_filtered_challenge(desk):
    kept = _ferries(organisation=OrganisationFactory(country="CL", name="Ministerio de Educación"))
    kept.contacts.add(UserFactory(email="ana@gob.example"))
    _metering(organisation=OrganisationFactory(country="PT"))
    ChallengeFactory(status="draft", organisation=OrganisationFactory(country="CL"))

    header, *rows = exported_rows(desk, country="CL")

    assert header[:4] == ["ID", "Title", "Summary", "Team"]
    assert "Screening note" in header
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert row["ID"] == str(kept.pk)
    assert row["Team"] == "Ministerio de Educación"
    assert row["Country"] == "Chile"
    assert row["Region"] == "Americas"
    assert row["State"] == "Submitted"
    assert row["Submitted at (UTC)"].endswith("Z")
    assert row["Working languages (ISO 639-1)"] == "pt; en"
    assert row["Contacts"] == "ana@gob.example"


def test_the_export_is_a_dated_csv_download(desk):
    response = desk.get(EXPORT)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="challenges-')
    assert response["Content-Disposition"].endswith('.csv"')


@pytest.mark.parametrize("danger", ['=HYPERLINK("http://evil.example")', "+1", "-1+2", "@SUM(A1)"])
def test_the_export_neutralises_spreadsheet_formulas(desk, danger):
    ChallengeFactory(title=danger, summary="\tTabbed", context="\rCarriage")

    header, row = exported_rows(desk)
    cells = dict(zip(header, row, strict=True))

    assert cells["Title"] == "'" + danger
    assert cells["Summary"] == "'\tTabbed"
    assert cells["Context"] == "'\rCarriage"


# Bulk moves -----------------------------------------------------------------------------


def test_bulk_publish_makes_challenges_public_and_queues_the_team_emails(desk):
    first, second = _ferries(), _metering(status="screening")
    for challenge in (first, second):
        MembershipFactory(organisation=challenge.organisation)

    response = desk.post(
        BULK,
        {
            "challenges": [first.pk, second.pk],
            "action": "publish",
            "next": f"{QUEUE}?state=",
            **CONFIRMED,
        },
        follow=True,
    )

    assert "2 challenges moved: Publish. 2 people in 2 teams are told by email." in messages_of(
        response
    )
    for challenge in (first, second):
        challenge.refresh_from_db()
        assert challenge.status == "selected"
        assert challenge.published_at is not None
        assert challenge.is_public
    emailed = Notification.objects.filter(key__startswith="challenge-selected:")
    assert emailed.count() == 2
    assert {n.recipient.organisations.get() for n in emailed} == {
        first.organisation,
        second.organisation,
    }


def test_bulk_decline_without_a_reason_moves_nothing_and_says_why(desk):
    challenge = _ferries()

    response = desk.post(BULK, {"challenges": [challenge.pk], "action": "decline", "reason": " "})

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Give the reason for declining" in page
    assert f'value="{challenge.pk}" id="id_challenges" checked' in page, "the box stays ticked"
    challenge.refresh_from_db()
    assert challenge.status == "submitted"


def test_bulk_decline_with_a_reason_tells_each_team(desk):
    challenge = _ferries()
    member = MembershipFactory(organisation=challenge.organisation).user

    desk.post(
        BULK,
        {
            "challenges": [challenge.pk],
            "action": "decline",
            "reason": "Out of scope this round.",
            **CONFIRMED,
        },
    )

    challenge.refresh_from_db()
    assert challenge.status == "declined"
    assert challenge.decision_reason == "Out of scope this round."
    assert Notification.objects.filter(recipient=member, key__startswith="challenge-declined:")


def test_bulk_moves_report_each_challenge_that_could_not_move(desk):
    movable = _ferries()
    final = _metering(status="declined")

    response = desk.post(
        BULK, {"challenges": [movable.pk, final.pk], "action": "review", **CONFIRMED}, follow=True
    )

    said = messages_of(response)
    assert "1 challenge moved: Move to review." in said
    assert any(m.startswith("Not moved: Water metering in small towns:") for m in said)
    movable.refresh_from_db()
    assert movable.status == "in_review"


def test_after_a_bulk_move_the_queue_comes_back_with_its_filters(desk):
    challenge = _ferries(organisation=OrganisationFactory(country="CL"))
    back_to = f"{QUEUE}?country=CL&page=1"

    response = desk.post(
        BULK, {"challenges": [challenge.pk], "action": "review", "next": back_to, **CONFIRMED}
    )

    assert response.status_code == 302
    assert response.url == back_to


def test_a_bulk_move_never_sends_you_to_another_site(desk):
    challenge = _ferries()

    response = desk.post(
        BULK,
        {
            "challenges": [challenge.pk],
            "action": "review",
            "next": "https://evil.example/",
            **CONFIRMED,
        },
    )

    assert response.url == QUEUE


def test_a_bulk_move_with_nothing_ticked_asks_for_a_tick(desk):
    _ferries()

    page = desk.post(BULK, {"action": "review"}).content.decode()

    assert "Tick at least one challenge in the list." in page


# One challenge --------------------------------------------------------------------------


def test_the_detail_shows_every_answer_and_the_owner_team(desk):
    challenge = _ferries(
        organisation=OrganisationFactory(name="Municipality of Lisbon", level="local"),
        themes=[ThemeFactory(name="Citizen involvement")],
        hoped_outcome="Every island child at school by eight.",
    )

    page = desk.get(detail_url(challenge)).content.decode()

    assert "Municipality of Lisbon" in page
    assert "Portugal" in page
    assert "Local" in page
    assert "Citizen involvement" in page
    for answer in (
        challenge.problem_statement,
        challenge.context,
        challenge.tried,
        challenge.constraints,
        challenge.expertise_sought,
        "Every island child at school by eight.",
        challenge.meeting_windows,
    ):
        assert answer in page


def test_screening_records_the_checklist_and_an_audit_entry_shown_on_the_page(desk, secretariat):
    challenge = _ferries()

    response = desk.post(
        act_url(challenge),
        {"action": "screen", "public_body": "on", "in_scope": "on", "note": "Check the budget."},
        follow=True,
    )

    challenge.refresh_from_db()
    assert challenge.status == "screening"
    assert challenge.eligibility == {
        "public_body": True,
        "in_scope": True,
        "time_commitment": False,
        "no_conflict": False,
    }
    assert challenge.screening_note == "Check the budget."
    page = response.content.decode()
    assert "The screening of “Ferries for island schools” is saved." in page
    trail = page.split("Audit trail", 1)[1]
    assert "Eligibility checklist recorded" in trail
    assert "Submitted by a public-sector body: yes" in trail
    assert "No conflict with an existing OECD engagement: no" in trail
    assert "Note: Check the budget." in trail
    assert str(secretariat) in trail
    assert 'id="id_public_body" checked' in page


def test_declining_from_the_detail_needs_a_reason_and_keeps_what_was_typed(desk):
    challenge = _ferries()

    page = desk.post(move_url(challenge), {"action": "decline", "reason": ""}).content.decode()

    assert "There is a problem" in page
    assert "Give the reason for declining" in page
    challenge.refresh_from_db()
    assert challenge.status == "submitted"


def test_publishing_from_the_detail_selects_and_publishes(desk):
    challenge = _ferries()

    response = desk.post(move_url(challenge), {"action": "publish", **CONFIRMED})

    assert response.url == detail_url(challenge)
    challenge.refresh_from_db()
    assert challenge.is_public


def test_a_move_the_lifecycle_refuses_is_a_message_and_not_a_crash(desk):
    challenge = _ferries(status="declined")

    response = desk.post(move_url(challenge), {"action": "publish", **CONFIRMED}, follow=True)

    assert response.status_code == 200
    assert any("cannot become" in message for message in messages_of(response))
    challenge.refresh_from_db()
    assert challenge.status == "declined"


def test_the_gate_refuses_other_roles_and_asks_the_secretariat_for_a_second_factor(client_of):
    challenge = _ferries()
    pages = [QUEUE, EXPORT, detail_url(challenge)]

    member = client_of(with_second_factor(UserFactory()))
    assert [member.get(url).status_code for url in pages] == [403, 403, 403]
    assert member.post(move_url(challenge), {"action": "publish", **CONFIRMED}).status_code == 403

    no_second_factor = client_of(secretariat_user(second_factor=False))
    for url in pages:
        response = no_second_factor.get(url)
        assert response.status_code == 302
        assert response.url == reverse("mfa_activate_totp")
    assert Challenge.objects.get(pk=challenge.pk).status == "submitted"


# Every move is confirmed first ----------------------------------------------------------


def test_a_bulk_move_first_shows_what_will_happen_and_who_will_be_emailed(desk):
    ferries = _ferries(organisation=OrganisationFactory(name="Azores Office", country="PT"))
    MembershipFactory(organisation=ferries.organisation)
    MembershipFactory(organisation=ferries.organisation)
    metering = _metering(organisation=OrganisationFactory(name="Empty Office", country="CL"))
    final = ChallengeFactory(title="Already declined", status="declined")

    response = desk.post(
        BULK, {"challenges": [ferries.pk, metering.pk, final.pk], "action": "publish"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Publish 2 challenges?" in page
    assert "“Ferries for island schools”, Azores Office (Portugal), Submitted" in page
    assert "1 team, 2 people will be emailed." in page
    assert "1 team has no members and will not be told: Empty Office." in page
    assert "1 ticked challenge cannot make this move and stays as it is" in page
    assert f'name="challenges" value="{ferries.pk}"' in page, "the ticks are carried"
    assert 'name="confirmed" value="yes"' in page
    ferries.refresh_from_db()
    assert ferries.status == "submitted"
    assert not Notification.objects.exists()


def test_a_bulk_publish_says_how_many_people_were_emailed_and_who_could_not_be(desk):
    ferries = _ferries(organisation=OrganisationFactory(name="Azores Office"))
    MembershipFactory(organisation=ferries.organisation)
    metering = _metering(organisation=OrganisationFactory(name="Empty Office"))

    response = desk.post(
        BULK,
        {"challenges": [ferries.pk, metering.pk], "action": "publish", **CONFIRMED},
        follow=True,
    )

    assert Notification.objects.count() == 1
    assert (
        "2 challenges moved: Publish. 1 person in 1 team is told by email. Nobody in "
        "Empty Office could be told: the team has no members."
    ) in messages_of(response)


def test_a_bulk_move_address_opened_directly_explains_and_offers_no_button(desk):
    page = desk.get(BULK).content.decode()

    assert "No challenge is ticked" in page
    assert 'name="confirmed"' not in page


def test_declining_one_challenge_is_confirmed_first_with_the_reason_and_the_team(desk):
    challenge = _ferries(organisation=OrganisationFactory(name="Empty Office"))

    page = desk.post(
        move_url(challenge), {"action": "decline", "reason": "Out of scope."}
    ).content.decode()

    assert "Decline 1 challenge?" in page
    assert "The reason each team reads: “Out of scope.”" in page
    assert "Nobody will be emailed." in page
    assert "1 team has no members and will not be told: Empty Office." in page
    challenge.refresh_from_db()
    assert challenge.status == "submitted"

    response = desk.post(
        move_url(challenge),
        {"action": "decline", "reason": "Out of scope.", **CONFIRMED},
        follow=True,
    )

    assert (
        "“Ferries for island schools” is declined. Nobody was emailed. Nobody in Empty "
        "Office could be told: the team has no members."
    ) in messages_of(response)
