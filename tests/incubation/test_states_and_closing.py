"""The life of an incubation, one action per change: starting, active, paused and back,
closing, closed; a mentor attached by the secretariat; and the closing reports, which
feed the team's follow-up survey and story and, with consent, the public showcase."""

import pytest
from django.urls import reverse

from incubation.models import IncubationState
from incubation.services.closing import closing_report_save
from incubation.services.workspace import incubation_closing_start
from incubator.models import AuditEntry, Notification
from outcomes.models import Survey
from tests.incubation.factories import reviewer, workspace
from tests.outcomes.factories import consent

pytestmark = pytest.mark.django_db


def url(ws, name, *args):
    return reverse(f"incubation:{name}", args=[ws.incubation.pk, *args])


def test_the_teams_start_the_work_once_the_plan_has_a_goal(client_of):
    ws = workspace(state=IncubationState.STARTING)
    client = client_of(ws.owner)

    refused = client.post(url(ws, "activate"), follow=True)
    ws.incubation.goal = "Ten letters."
    ws.incubation.save()
    started = client.post(url(ws, "activate"), follow=True)

    assert "Write the goal of the joint work plan before starting." in refused.content.decode()
    assert "The work has started." in started.content.decode()
    ws.incubation.refresh_from_db()
    assert ws.incubation.state == IncubationState.ACTIVE
    told = Notification.objects.filter(key__startswith="incubation-state:")
    assert told.count() == 2
    assert "The work has started" in told.first().body_text


def test_the_secretariat_pauses_with_a_reason_the_teams_read_and_resumes(client_of):
    ws = workspace()
    desk = client_of(ws.secretariat)

    empty = desk.post(url(ws, "move", "pause"), {"reason": ""})
    desk.post(url(ws, "move", "pause"), {"reason": "Elections in March."})
    email = Notification.objects.get(key__startswith="incubation-state:", to_email=ws.owner.email)
    desk.post(url(ws, "move", "resume"))

    assert empty.status_code == 400
    assert '<a href="#id_reason">' in empty.content.decode()
    assert "The reason given: Elections in March." in email.body_text
    ws.incubation.refresh_from_db()
    assert ws.incubation.state == IncubationState.ACTIVE
    assert list(
        AuditEntry.objects.filter(action__startswith="incubation.").values_list("action", flat=True)
    )[:2] == ["incubation.active", "incubation.paused"]


def test_an_impossible_move_is_refused_in_words(client_of):
    ws = workspace()

    response = client_of(ws.secretariat).post(url(ws, "close"), {"confirmed": "yes"}, follow=True)
    unknown = client_of(ws.secretariat).post(url(ws, "move", "explode"))

    assert "An incubation that is “Active” cannot become “Closed”." in response.content.decode()
    assert unknown.status_code == 404


def test_the_secretariat_attaches_a_mentor_from_the_advisory_board_only(client_of):
    ws = workspace()
    mentor = reviewer(display_name="Ingrid Solberg")
    desk = client_of(ws.secretariat)

    refused = desk.post(url(ws, "mentor"), {"mentor": ws.owner.pk})
    attached = desk.post(url(ws, "mentor"), {"mentor": mentor.pk}, follow=True)

    assert refused.status_code == 400
    assert "Choose a member of the advisory board from the list." in refused.content.decode()
    assert "Ingrid Solberg is the mentor now." in attached.content.decode()
    assert Notification.objects.filter(key__contains="incubation-mentor:", to_email=mentor.email)


def report_data(team, **changes) -> dict:
    data = {
        "what_tried": "Rewriting with recipients.",
        "what_changed": "Calls about letters fell by a third.",
        "advice": "Test with people who call the helpline.",
        "keep_doing": "Testing every new letter.",
        "written_in": "en",
        "share_on_showcase": "on",
    }
    return {f"team-{team.pk}-{name}": value for name, value in {**data, **changes}.items()}


def closing(ws):
    incubation_closing_start(incubation=ws.incubation, by=ws.secretariat)
    ws.incubation.refresh_from_db()


def test_each_team_writes_its_closing_report_once_closing_starts(client_of):
    ws = workspace()
    team = ws.owner_team
    early = client_of(ws.owner).post(url(ws, "closing_report", team.pk), report_data(team))
    assert early.status_code == 404  # no closing page before closing starts
    closing(ws)
    asked = Notification.objects.get(key__startswith="incubation-state:", to_email=ws.owner.email)

    response = client_of(ws.owner).post(
        url(ws, "closing_report", team.pk), report_data(team), follow=True
    )

    assert "Each team is asked for its closing report" in asked.body_text
    assert "The closing report of" in response.content.decode()
    page = client_of(ws.provider).get(url(ws, "closing")).content.decode()
    assert "Calls about letters fell by a third." in page


@pytest.mark.parametrize(
    ("change", "field"),
    [({"advice": ""}, "advice"), ({"what_tried": "<b>bold</b>"}, "what_tried")],
)
def test_bad_closing_reports_are_refused_with_a_summary_and_kept(client_of, change, field):
    ws = workspace()
    closing(ws)
    team = ws.owner_team

    response = client_of(ws.owner).post(
        url(ws, "closing_report", team.pk), report_data(team, **change)
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert f'<a href="#id_team-{team.pk}-{field}">' in page
    assert "Calls about letters fell by a third." in page


def test_a_closing_report_fills_in_the_follow_up_survey_and_the_story(client_of):
    ws = workspace()
    closing(ws)
    closing_report_save(
        team=ws.owner_team,
        by=ws.owner,
        what_tried="Tried",
        what_changed="Calls fell by a third.",
        advice="Test with the helpline's callers.",
        keep_doing="Testing each letter.",
        share_on_showcase=False,
        written_in="en",
    )
    match = ws.incubation.challenge.matches.get()
    survey = Survey.objects.create(
        match=match, organisation=ws.owner_team.organisation, milestone=3, due_at=match.decided_at
    )

    survey_page = client_of(ws.owner).get(reverse("outcomes:survey_answer", args=[survey.pk]))
    story_page = client_of(ws.owner).get(
        reverse("outcomes:story_edit", args=[match.pk, ws.owner_team.organisation.pk])
    )

    text = survey_page.content.decode()
    assert "filled in from your team's closing report" in text
    assert "Calls fell by a third.</textarea>" in text
    assert "Test with the helpline&#x27;s callers.</textarea>" in text
    assert (
        "Calls fell by a third.\n\nTesting each letter.</textarea>" in story_page.content.decode()
    )


def test_the_showcase_shows_the_advice_of_teams_that_agreed_only(client):
    ws = workspace()
    closing(ws)
    match = ws.incubation.challenge.matches.get()
    consent(match.programme, match.challenge.organisation, match.solution.organisation)
    for team, person, share in (
        (ws.owner_team, ws.owner, True),
        (ws.provider_team, ws.provider, False),
    ):
        closing_report_save(
            team=team,
            by=person,
            what_tried="T",
            what_changed="C",
            advice=f"Advice of {team.organisation.name}",
            keep_doing="K",
            share_on_showcase=share,
            written_in="en",
        )

    page = client.get(
        reverse("outcomes:showcase_case", args=[match.programme.slug, match.pk])
    ).content.decode()

    assert f"Advice of {ws.owner_team.organisation.name}" in page
    assert f"Advice of {ws.provider_team.organisation.name}" not in page


def test_a_closed_incubation_stays_readable_to_its_members(client_of):
    ws = workspace()
    closing(ws)
    client_of(ws.secretariat).post(url(ws, "close"), {"confirmed": "yes"})

    page = client_of(ws.provider).get(url(ws, "overview"))

    assert page.status_code == 200
    assert "This incubation is closed." in page.content.decode()
    assert client_of(ws.provider).get(url(ws, "meeting_new")).status_code == 200
    refused = client_of(ws.provider).post(
        url(ws, "meeting_new"), {"title": "Late", "duration_minutes": 60}
    )
    assert "This incubation is closed" in refused.content.decode()
