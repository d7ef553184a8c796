"""Check-ins and the secretariat's desk: a team tells how the work goes, the secretariat
sees all check-ins of a programme with the incubations at risk first and answers each;
the desk lists every incubation with its state, activity, next meeting, milestones,
confidence and risks, filtered, sorted and as CSV; each page holds its queries as the
incubations grow."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from incubation.models import CheckIn, Incubation, Milestone
from incubation.selectors.risk import incubations_at_risk, incubations_at_risk_count
from incubation.services.checkins import checkin_send
from incubator.models import Notification
from tests.incubation.factories import workspace

pytestmark = pytest.mark.django_db


@pytest.fixture
def ws():
    return workspace()


def url(ws, name, *args):
    return reverse(f"incubation:{name}", args=[ws.incubation.pk, *args])


def desk_url(ws, name, *args):
    return reverse(f"incubation:{name}", args=[ws.incubation.programme.slug, *args])


def checkin_data(team, **changes) -> dict:
    data = {
        "progress": "Two letters rewritten.",
        "blockers": "",
        "help_wanted": "",
        "confidence": "4",
    }
    return {f"team-{team.pk}-{name}": value for name, value in {**data, **changes}.items()}


def test_a_team_sends_its_check_in_and_the_secretariat_answers_it(ws, client_of):
    team = ws.owner_team
    response = client_of(ws.owner).post(
        url(ws, "checkin_send", team.pk),
        checkin_data(team, blockers="Legal approval."),
        follow=True,
    )
    assert f"The check-in of {team.organisation.name} is sent to the secretariat." in (
        response.content.decode()
    )
    checkin = CheckIn.objects.get()

    desk = client_of(ws.secretariat)
    page = desk.get(desk_url(ws, "desk_checkins")).content.decode()
    assert "Legal approval." in page
    assert "4/5" in page
    answered = desk.post(
        reverse("incubation:desk_checkin_answer", args=[checkin.pk]),
        {"answer": "We will introduce you to Estonia's lawyers."},
        follow=True,
    )

    assert (
        f"Your answer to {team.organisation.name} is saved. 1 person in 1 team is told by email."
        in answered.content.decode()
    )
    told = Notification.objects.get(key=f"checkin-answered:{checkin.pk}:{ws.owner.pk}")
    assert "We will introduce you to Estonia's lawyers." in told.body_text
    mine = client_of(ws.owner).get(url(ws, "checkins")).content.decode()
    assert "We will introduce you to Estonia&#x27;s lawyers." in mine


def test_a_teams_check_ins_are_not_shown_to_the_partner_team(ws, client_of):
    checkin_send(
        team=ws.owner_team,
        by=ws.owner,
        progress="Private worry",
        blockers="",
        help_wanted="",
        confidence=2,
    )

    partner = client_of(ws.provider).get(url(ws, "checkins")).content.decode()

    assert "Private worry" not in partner


def test_a_check_in_answers_the_open_request_of_the_team(ws, client_of):
    request = CheckIn.objects.create(
        incubation=ws.incubation, team=ws.owner_team, requested_at=timezone.now()
    )

    page = client_of(ws.owner).get(url(ws, "checkins")).content.decode()
    client_of(ws.owner).post(url(ws, "checkin_send", ws.owner_team.pk), checkin_data(ws.owner_team))

    assert "The secretariat asked for a check-in on" in page
    request.refresh_from_db()
    assert request.is_submitted and CheckIn.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field", "problem"),
    [
        ({"progress": ""}, "progress", "This field is required."),
        ({"confidence": "9"}, "confidence_0", "Select a valid choice."),
        ({"confidence": ""}, "confidence_0", "Choose how confident you are, from 1 to 5."),
        ({"blockers": "<img src=x onerror=alert(1)>"}, "blockers", "Use plain text here"),
        ({"help_wanted": "x" * 2001}, "help_wanted", "Keep this to 2,000 characters or fewer"),
    ],
)
def test_bad_check_ins_are_refused_with_a_summary_and_kept(ws, client_of, change, field, problem):
    team = ws.owner_team

    response = client_of(ws.owner).post(
        url(ws, "checkin_send", team.pk), checkin_data(team, **change)
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert f'<a href="#id_team-{team.pk}-{field}">' in page
    assert problem in page
    assert "Two letters rewritten." in page or change.get("progress") == ""
    assert not CheckIn.objects.exists()


def test_an_answer_to_a_check_in_is_given_once(ws, client_of):
    checkin = checkin_send(
        team=ws.owner_team, by=ws.owner, progress="Fine", blockers="", help_wanted="", confidence=4
    )
    desk = client_of(ws.secretariat)
    answer = reverse("incubation:desk_checkin_answer", args=[checkin.pk])
    desk.post(answer, {"answer": "Thanks"})

    empty = desk.post(reverse("incubation:desk_checkin_answer", args=[checkin.pk]), {"answer": ""})
    again = desk.post(answer, {"answer": "Again"})

    assert empty.status_code == 400
    assert "This check-in is answered already." in again.content.decode()


def make_at_risk(ws):
    """A low confidence, an overdue milestone, an unsent request and no meeting for weeks."""
    checkin_send(
        team=ws.owner_team, by=ws.owner, progress="Stuck", blockers="", help_wanted="", confidence=1
    )
    Milestone.objects.create(
        incubation=ws.incubation,
        team=ws.provider_team,
        title="Late",
        due_on=timezone.localdate() - timedelta(days=3),
    )
    CheckIn.objects.create(
        incubation=ws.incubation,
        team=ws.provider_team,
        requested_at=timezone.now() - timedelta(days=10),
    )
    Incubation.objects.filter(pk=ws.incubation.pk).update(
        created_at=timezone.now() - timedelta(weeks=8)
    )


def test_an_incubation_at_risk_says_why_and_comes_first(ws, client_of):
    calm = workspace()
    Incubation.objects.filter(pk=calm.incubation.pk).update(programme=ws.incubation.programme)
    make_at_risk(ws)

    page = client_of(ws.secretariat).get(desk_url(ws, "desk_checkins")).content.decode()
    desk = client_of(ws.secretariat).get(desk_url(ws, "desk")).content.decode()

    for words in (
        "check-in not sent",
        "low confidence",
        "overdue milestones",
        "no meeting in six weeks",
    ):
        assert words in page and words in desk
    assert page.index(ws.incubation.challenge.title) < page.index(calm.incubation.challenge.title)
    programme = ws.incubation.programme
    assert [i.pk for i in incubations_at_risk(programme=programme)] == [ws.incubation.pk]
    assert incubations_at_risk_count(programme=programme) == 1


def test_a_later_good_check_in_clears_the_low_confidence(ws):
    checkin_send(
        team=ws.owner_team, by=ws.owner, progress="Stuck", blockers="", help_wanted="", confidence=1
    )
    checkin_send(
        team=ws.owner_team,
        by=ws.owner,
        progress="Better",
        blockers="",
        help_wanted="",
        confidence=4,
    )

    (row,) = incubations_at_risk(programme=ws.incubation.programme) or [None]

    assert row is None


def test_the_desk_filters_sorts_and_exports_what_it_shows(ws, client_of):
    other = workspace(state="paused")
    Incubation.objects.filter(pk=other.incubation.pk).update(programme=ws.incubation.programme)
    make_at_risk(ws)
    desk = client_of(ws.secretariat)

    paused = desk.get(desk_url(ws, "desk"), {"state": "paused"}).content.decode()
    risky = desk.get(desk_url(ws, "desk"), {"at_risk": "on"}).content.decode()
    csv = desk.get(desk_url(ws, "desk_csv"), {"sort": "challenge"})
    rows = b"".join(csv.streaming_content).decode("utf-8-sig").splitlines()

    assert other.incubation.challenge.title in paused
    assert ws.incubation.challenge.title not in paused
    assert ws.incubation.challenge.title in risky and other.incubation.challenge.title not in risky
    assert rows[0].startswith("Challenge,Teams,State,Last activity (UTC)")
    assert len(rows) == 3
    assert any("low confidence" in row and ws.incubation.challenge.title in row for row in rows)
    bad = desk.get(desk_url(ws, "desk"), {"state": "exploded", "sort": "'; DROP"})
    assert bad.status_code == 200


def test_the_check_in_interval_is_set_per_programme(ws, client_of):
    desk = client_of(ws.secretariat)

    refused = desk.post(desk_url(ws, "desk_interval"), {"interval_weeks": "0"})
    saved = desk.post(desk_url(ws, "desk_interval"), {"interval_weeks": "6"}, follow=True)

    assert refused.status_code == 400
    assert '<a href="#id_interval_weeks">' in refused.content.decode()
    assert "Teams are asked for a check-in every 6 weeks." in saved.content.decode()


def grow(programme, n):
    for _index in range(n):
        more = workspace()
        Incubation.objects.filter(pk=more.incubation.pk).update(programme=programme)
        make_at_risk(more)


def test_the_desk_and_the_check_ins_page_hold_their_queries_as_incubations_grow(
    ws, client_of, queries_to_render, django_assert_max_num_queries
):
    make_at_risk(ws)
    desk = client_of(ws.secretariat)
    pages = [desk_url(ws, "desk"), desk_url(ws, "desk_checkins")]
    few = {page: queries_to_render(desk, page) for page in pages}

    grow(ws.incubation.programme, 12)

    for page, count in few.items():
        with django_assert_max_num_queries(count):
            assert desk.get(page).status_code == 200


def test_my_incubations_holds_its_queries_as_a_person_joins_more(
    client_of, queries_to_render, django_assert_max_num_queries
):
    from incubator.models import Membership

    ws = workspace()
    client = client_of(ws.owner)
    few = queries_to_render(client, reverse("incubation:mine"))
    for _index in range(8):
        more = workspace()
        Membership.objects.create(organisation=more.owner_team.organisation, user=ws.owner)
        make_at_risk(more)

    with django_assert_max_num_queries(few):
        page = client.get(reverse("incubation:mine")).content.decode()
    assert "You work in 9 incubations" in page
