"""What cannot be undone asks first: starting closing, closing and cancelling a meeting
show a confirmation page (what will happen, who will be emailed) on a GET or a POST
without the confirmation, and change nothing until confirmed. The other forms of the
workspace send a GET of their address back to the page they are on."""

import pytest
from django.urls import reverse

from incubation.models import IncubationState, MeetingState
from incubation.services.meetings import meeting_cancel, meeting_propose
from incubation.services.workspace import incubation_closing_start
from incubator.models import Membership, Notification
from tests.incubation.factories import workspace
from tests.incubation.pages import said, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def ws():
    return workspace()


def state_of(ws) -> str:
    ws.incubation.refresh_from_db()
    return ws.incubation.state


def page_of(response) -> str:
    return response.content.decode()


def test_starting_closing_asks_first_and_says_who_will_be_emailed(ws, client_of):
    desk = client_of(ws.secretariat)
    title = ws.incubation.challenge.title

    shown = desk.get(url(ws, "closing_start"))
    posted = desk.post(url(ws, "closing_start"))

    for response in (shown, posted):
        page = page_of(response)
        assert response.status_code == 200
        assert f"<h1>Start closing “{title}”?</h1>" in page
        assert "Each team is asked by email to write its closing report." in page
        assert "2 people will be emailed." in page
    assert state_of(ws) == IncubationState.ACTIVE
    assert not Notification.objects.filter(key__startswith="incubation-state:").exists()

    done = desk.post(url(ws, "closing_start"), {"confirmed": "yes"}, follow=True)

    assert state_of(ws) == IncubationState.CLOSING
    assert said(done) == (
        "Closing has started: each team is asked for its closing report. "
        "2 people are told by email."
    )
    assert Notification.objects.filter(key__startswith="incubation-state:").count() == 2


def test_the_confirmation_names_a_team_without_members(ws, client_of):
    Membership.objects.filter(organisation=ws.provider_team.organisation).delete()

    page = page_of(client_of(ws.secretariat).get(url(ws, "closing_start")))

    assert "1 person will be emailed." in page
    assert "1 team has no members and will not be told: São Paulo Innovation Lab." in page


def test_closing_asks_first_then_nothing_can_be_changed(ws, client_of):
    incubation_closing_start(incubation=ws.incubation, by=ws.secretariat)
    Notification.objects.all().delete()
    desk = client_of(ws.secretariat)

    shown = desk.get(url(ws, "close"))

    page = page_of(shown)
    assert f"<h1>Close “{ws.incubation.challenge.title}”?</h1>" in page
    assert "After this nothing in the incubation can be changed" in page
    assert "2 people will be emailed." in page
    assert state_of(ws) == IncubationState.CLOSING
    assert not Notification.objects.exists()

    done = desk.post(url(ws, "close"), {"confirmed": "yes"}, follow=True)

    assert state_of(ws) == IncubationState.CLOSED
    assert said(done) == (
        "The incubation is closed. It stays readable to its people. 2 people are told by email."
    )
    assert Notification.objects.count() == 2


def test_closing_before_closing_started_only_explains(ws, client_of):
    response = client_of(ws.secretariat).get(url(ws, "close"))

    page = page_of(response)
    assert "Only an incubation whose closing has started can be closed." in page
    assert 'name="confirmed"' not in page
    assert "Go back</a>" in page


def test_the_manage_page_leads_to_the_confirmation_pages(ws, client_of):
    desk = client_of(ws.secretariat)

    active = page_of(desk.get(url(ws, "manage")))
    incubation_closing_start(incubation=ws.incubation, by=ws.secretariat)
    closing = page_of(desk.get(url(ws, "manage")))

    assert f'href="{url(ws, "closing_start")}">Start closing</a>' in active
    assert f'href="{url(ws, "close")}">Close the incubation</a>' in closing


def test_cancelling_a_meeting_asks_first_and_says_who_will_be_emailed(ws, client_of):
    meeting = meeting_propose(
        incubation=ws.incubation, by=ws.owner, title="Kick-off", duration_minutes=60
    )
    Notification.objects.all().delete()
    client = client_of(ws.owner)

    shown = client.get(url(ws, "meeting_cancel", meeting.pk))

    page = page_of(shown)
    assert "<h1>Cancel “Kick-off”?</h1>" in page
    assert "It cannot be revived" in page
    assert "1 person will be emailed." in page
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.POLLING
    assert not Notification.objects.exists()

    done = client.post(url(ws, "meeting_cancel", meeting.pk), {"confirmed": "yes"}, follow=True)

    meeting.refresh_from_db()
    assert meeting.state == MeetingState.CANCELLED
    assert said(done) == "The meeting is cancelled. 1 person is told by email."
    assert Notification.objects.filter(key__startswith="meeting-cancelled:").count() == 1


def test_a_cancelled_meeting_cannot_be_cancelled_again(ws, client_of):
    meeting = meeting_propose(
        incubation=ws.incubation, by=ws.owner, title="Kick-off", duration_minutes=60
    )
    meeting_cancel(meeting=meeting, by=ws.owner)

    page = page_of(client_of(ws.owner).get(url(ws, "meeting_cancel", meeting.pk)))

    assert "This meeting was cancelled." in page
    assert 'name="confirmed"' not in page


def test_only_the_members_cancel_a_meeting(ws, client_of):
    meeting = meeting_propose(
        incubation=ws.incubation, by=ws.owner, title="Kick-off", duration_minutes=60
    )

    response = client_of(ws.secretariat).post(
        url(ws, "meeting_cancel", meeting.pk), {"confirmed": "yes"}
    )

    assert response.status_code == 404
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.POLLING


def receivers(ws, meeting, message_pk=1):
    """Each form's address, and the page it is posted from."""
    pk, team = ws.incubation.pk, ws.owner_team.pk
    back = {
        "checkins": reverse("incubation:checkins", args=[pk]),
        "closing": reverse("incubation:closing", args=[pk]),
        "manage": reverse("incubation:manage", args=[pk]),
        "meeting": reverse("incubation:meeting", args=[pk, meeting.pk]),
        "messages": reverse("incubation:messages", args=[pk]),
        "plan": reverse("incubation:plan", args=[pk]),
        "overview": reverse("incubation:overview", args=[pk]),
    }
    return {
        url(ws, "checkin_send", team): back["checkins"],
        url(ws, "closing_report", team): back["closing"],
        url(ws, "mentor"): back["manage"],
        url(ws, "move", "pause"): back["manage"],
        url(ws, "meeting_answer", meeting.pk): back["meeting"],
        url(ws, "meeting_fix", meeting.pk): back["meeting"],
        url(ws, "email_choice"): back["messages"],
        url(ws, "message_pin", message_pk): back["messages"],
        url(ws, "plan_agree", team): back["plan"],
        url(ws, "activate"): back["overview"],
    }


def test_a_get_of_a_form_sends_the_person_back_to_its_page(ws, client_of):
    meeting = meeting_propose(
        incubation=ws.incubation, by=ws.owner, title="Kick-off", duration_minutes=60
    )
    before = Notification.objects.count()
    client = client_of(ws.owner)

    for address, page in receivers(ws, meeting).items():
        response = client.get(address)
        assert (response.status_code, response.url) == (302, page), address

    assert Notification.objects.count() == before
    assert state_of(ws) == IncubationState.ACTIVE
