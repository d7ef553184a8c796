"""After each action that emails people, the message says how many: the people whose
email the action put in the outbox, and the teams nobody could be told in because they
have no members. For a message in the conversation, the people the periodic emails will
tell, and when, as each chose."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from incubation.models import CheckIn, EmailChoice, IncubationState, Meeting, MemberInbox
from incubation.services.checkins import checkin_send
from incubation.services.mail import message_emails_send
from incubation.services.plan import milestone_add
from incubator.models import Membership, Notification
from tests.incubation.factories import member, reviewer, workspace
from tests.incubation.pages import people_in, said, url

pytestmark = pytest.mark.django_db

EMPTY = "Nobody in São Paulo Innovation Lab could be told: the team has no members."


@pytest.fixture
def ws():
    return workspace()


def without_members(team):
    Membership.objects.filter(organisation=team.organisation).delete()


def queued(prefix: str) -> int:
    return Notification.objects.filter(key__startswith=prefix).count()


def url_desk_answer(checkin):
    return reverse("incubation:desk_checkin_answer", args=[checkin.pk])


def test_pausing_says_how_many_people_were_emailed(ws, client_of):
    response = client_of(ws.secretariat).post(
        url(ws, "move", "pause"), {"reason": "Elections."}, follow=True
    )

    assert said(response) == "The work is paused. 2 people are told by email."
    assert people_in(said(response)) == queued("incubation-state:") == 2


def test_a_team_without_members_is_named_as_not_told(ws, client_of):
    without_members(ws.provider_team)

    response = client_of(ws.secretariat).post(
        url(ws, "move", "pause"), {"reason": "Elections."}, follow=True
    )

    assert said(response) == f"The work is paused. 1 person is told by email. {EMPTY}"
    assert queued("incubation-state:") == 1


def test_resuming_and_starting_say_how_many_were_emailed(client_of):
    ws = workspace(state=IncubationState.STARTING)
    desk = client_of(ws.secretariat)
    desk.post(url(ws, "move", "pause"), {"reason": "Elections."}, follow=True)

    resumed = desk.post(url(ws, "move", "resume"), follow=True)
    Notification.objects.all().delete()
    ws.incubation.goal = "Ten letters."
    ws.incubation.save()
    started = client_of(ws.owner).post(url(ws, "activate"), follow=True)

    assert said(resumed) == "The work resumes. 2 people are told by email."
    assert said(started) == "The work has started. 2 people are told by email."
    assert people_in(said(started)) == queued("incubation-state:") == 2


def test_attaching_a_mentor_counts_everyone_told_with_the_mentor(ws, client_of):
    mentor = reviewer(display_name="Ingrid Solberg")

    response = client_of(ws.secretariat).post(url(ws, "mentor"), {"mentor": mentor.pk}, follow=True)

    assert said(response) == "Ingrid Solberg is the mentor now. 3 people are told by email."
    assert people_in(said(response)) == queued("incubation-mentor:") == 3


def test_proposing_and_fixing_a_meeting_count_the_emails(ws, client_of):
    client = client_of(ws.owner)
    proposed = client.post(
        url(ws, "meeting_new"), {"title": "Kick-off", "duration_minutes": 60}, follow=True
    )
    meeting = Meeting.objects.get()

    fixed = client.post(
        url(ws, "meeting_fix", meeting.pk), {"slot": meeting.slots.first().pk}, follow=True
    )

    assert said(proposed) == (
        "The meeting is proposed. The others are asked which times suit them. "
        "1 person is told by email."
    )
    assert queued("meeting-proposed:") == 1
    assert said(fixed) == (
        "The meeting is fixed. It joins everyone’s personal calendar feed. "
        "2 people are told by email."
    )
    assert people_in(said(fixed)) == queued("meeting-invitation:") == 2


def test_saving_the_plan_and_a_milestone_done_count_the_other_teams_emails(ws, client_of):
    without_members(ws.provider_team)
    member(ws.owner_team.organisation)  # a colleague of the owner, told of the change
    milestone = milestone_add(
        incubation=ws.incubation,
        by=ws.owner,
        team=ws.owner_team,
        title="Letters",
        due_on=timezone.localdate() + timedelta(days=3),
    )
    client = client_of(ws.owner)

    saved = client.post(
        url(ws, "plan_edit"), {"goal": "Ten letters.", "deliverables": "Letters."}, follow=True
    )
    done = client.post(url(ws, "milestone_done", milestone.pk), {"note": "Sent."}, follow=True)

    assert said(saved) == (
        "The plan is saved: the other teams are asked to agree to it. "
        f"1 person is told by email. {EMPTY}"
    )
    assert said(done) == f"The milestone is done. 1 person is told by email. {EMPTY}"
    assert queued("milestone-done:") == 1


def test_answering_a_check_in_counts_the_teams_emails(ws, client_of):
    checkin_send(
        team=ws.owner_team, by=ws.owner, progress="Good", blockers="", help_wanted="", confidence=4
    )
    checkin = CheckIn.objects.get()
    member(ws.owner_team.organisation)

    response = client_of(ws.secretariat).post(
        url_desk_answer(checkin), {"answer": "Thank you."}, follow=True
    )

    assert said(response) == (
        "Your answer to Tokyo Digital Office is saved. 2 people in 1 team are told by email."
    )
    assert people_in(said(response)) == queued("checkin-answered:") == 2


def test_answering_the_check_in_of_a_team_without_members_says_nobody_was_told(ws, client_of):
    checkin_send(
        team=ws.provider_team,
        by=ws.provider,
        progress="Good",
        blockers="",
        help_wanted="",
        confidence=4,
    )
    without_members(ws.provider_team)

    response = client_of(ws.secretariat).post(
        url_desk_answer(CheckIn.objects.get()), {"answer": "Thank you."}, follow=True
    )

    assert (
        said(response)
        == f"Your answer to São Paulo Innovation Lab is saved. Nobody was emailed. {EMPTY}"
    )
    assert queued("checkin-answered:") == 0


def test_a_message_says_who_will_be_emailed_and_when_and_the_emails_agree(ws, client_of):
    soon = member(ws.owner_team.organisation)
    quiet = member(ws.provider_team.organisation)
    mentor = reviewer()
    ws.incubation.mentor = mentor
    ws.incubation.save()
    for person, choice in ((ws.provider, EmailChoice.DAILY), (quiet, EmailChoice.NONE)):
        MemberInbox.objects.create(incubation=ws.incubation, user=person, email_choice=choice)

    response = client_of(ws.owner).post(url(ws, "messages"), {"body": "Hello"}, follow=True)

    assert said(response) == (
        "Your message is posted. 2 people will be emailed about it within the hour. "
        "1 person will read it in their daily digest. "
        "1 person chose not to be emailed about messages."
    )
    now = timezone.now()
    message_emails_send(now=now)
    within_the_hour = Notification.objects.filter(key__startswith="incubation-messages:")
    assert {n.recipient for n in within_the_hour} == {soon, mentor}
    zone = ZoneInfo(ws.provider.time_zone)
    tomorrow = now.astimezone(zone).date() + timedelta(days=1)
    message_emails_send(now=datetime.combine(tomorrow, time(9), tzinfo=zone))
    digest = Notification.objects.filter(key__startswith="incubation-digest:")
    assert [n.recipient for n in digest] == [ws.provider]
    assert not Notification.objects.filter(recipient=quiet).exists()


def test_a_message_nobody_will_be_emailed_about_says_so(ws, client_of):
    without_members(ws.provider_team)

    response = client_of(ws.owner).post(url(ws, "messages"), {"body": "Hello"}, follow=True)

    assert said(response) == f"Your message is posted. Nobody will be emailed about it. {EMPTY}"
