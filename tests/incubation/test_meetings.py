"""Meetings across time zones, as the teams in Tokyo and São Paulo live them: the portal
offers the times inside both teams' working hours or, when there is none, the least bad
ones naming who would be outside; each person answers; the time fixed becomes a meeting
with its invitation (TZID, a stable UID, SEQUENCE up on each change), in each person's
calendar feed, shown in the reader's zone with the zone named."""

from datetime import UTC, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from cohorts.services import calendar_feed_create
from incubation.models import Meeting, MeetingState, SlotAnswer
from incubation.services.hours import working_hours_set
from incubation.services.meetings import meeting_propose
from incubator.models import Notification
from tests.incubation.factories import workspace

pytestmark = pytest.mark.django_db


@pytest.fixture
def ws():
    return workspace()


def url(ws, name, *args):
    return reverse(f"incubation:{name}", args=[ws.incubation.pk, *args])


def widen_so_they_share_an_hour(ws):
    """São Paulo 07:00–20:00 and Tokyo 07:00–18:00: 19:00–20:00 in São Paulo is
    07:00–08:00 the next morning in Tokyo."""
    working_hours_set(
        team=ws.provider_team,
        by=ws.provider,
        weekdays=range(5),
        day_starts=time(7),
        day_ends=time(20),
    )
    working_hours_set(
        team=ws.owner_team, by=ws.owner, weekdays=range(5), day_starts=time(7), day_ends=time(18)
    )


def propose(ws, client, **fields):
    data = {"title": "Kick-off", "duration_minutes": 60, **fields}
    return client.post(url(ws, "meeting_new"), data)


def test_without_shared_hours_the_least_bad_times_are_offered_naming_who_is_outside(ws, client_of):
    client = client_of(ws.owner)

    response = propose(ws, client)
    page = client.get(response.url).content.decode()

    meeting = Meeting.objects.get()
    assert meeting.slots.count() == 12
    assert not meeting.slots.filter(inside=True).exists()
    assert "No time in these two weeks falls inside every team's working hours." in page
    assert "São Paulo Innovation Lab: " in page
    assert "minutes after their day ends" in page or "minutes before their day starts" in page
    assert "Your time (Asia/Tokyo)" in page


def test_with_shared_hours_only_times_inside_both_teams_hours_are_offered(ws, client_of):
    widen_so_they_share_an_hour(ws)

    propose(ws, client_of(ws.owner))

    meeting = Meeting.objects.get()
    slots = list(meeting.slots.all())
    assert slots and all(slot.inside for slot in slots)
    for slot in slots:
        tokyo = slot.starts_at.astimezone(timezone.zoneinfo.ZoneInfo("Asia/Tokyo"))
        sao_paulo = slot.starts_at.astimezone(timezone.zoneinfo.ZoneInfo("America/Sao_Paulo"))
        assert tokyo.time() >= time(7) and sao_paulo.time() >= time(7)
        assert tokyo.weekday() < 5 and sao_paulo.weekday() < 5
    assert meeting.time_zone == "Asia/Tokyo"
    told = Notification.objects.get(key=f"meeting-proposed:{meeting.pk}:{ws.provider.pk}")
    assert "Say which of them you can come to." in told.body_text


def test_both_answer_then_the_time_is_fixed_and_everyone_is_invited(ws, client_of):
    widen_so_they_share_an_hour(ws)
    propose(ws, client_of(ws.owner))
    meeting = Meeting.objects.get()
    first, second = list(meeting.slots.order_by("starts_at"))[:2]
    for person in (ws.owner, ws.provider):
        response = client_of(person).post(
            url(ws, "meeting_answer", meeting.pk), {"available": [first.pk]}, follow=True
        )
        assert "you can come at 1 of the times offered" in response.content.decode()
    assert SlotAnswer.objects.filter(slot=second, available=False).count() == 2

    response = client_of(ws.provider).post(
        url(ws, "meeting_fix", meeting.pk), {"slot": first.pk}, follow=True
    )

    page = response.content.decode()
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.FIXED
    assert (meeting.starts_at, meeting.sequence) == (first.starts_at, 0)
    local = first.starts_at.astimezone(timezone.zoneinfo.ZoneInfo("America/Sao_Paulo"))
    assert f"{local:%H:%M}–" in page
    assert "(America/Sao_Paulo)" in page  # the reader's zone, named
    invitations = Notification.objects.filter(key__startswith=f"meeting-invitation:{meeting.pk}:0:")
    assert sorted(invitations.values_list("to_email", flat=True)) == sorted(
        [ws.owner.email, ws.provider.email]
    )
    tokyo = invitations.get(to_email=ws.owner.email).body_text
    assert "(Asia/Tokyo)" in tokyo  # each email in its reader's zone
    assert f"/meetings/{meeting.pk}/invitation.ics" in tokyo


def ics(client, ws, meeting) -> Calendar:
    response = client.get(url(ws, "meeting_invitation", meeting.pk))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def fixed_meeting(ws, client_of):
    widen_so_they_share_an_hour(ws)
    propose(ws, client_of(ws.owner))
    meeting = Meeting.objects.get()
    client_of(ws.owner).post(url(ws, "meeting_fix", meeting.pk), {"slot": meeting.slots.first().pk})
    meeting.refresh_from_db()
    return meeting


def test_the_invitation_parses_with_the_meetings_zone_and_everyone_attending(ws, client_of):
    meeting = fixed_meeting(ws, client_of)

    calendar = ics(client_of(ws.provider), ws, meeting)

    (event,) = calendar.walk("VEVENT")
    assert calendar["METHOD"] == "REQUEST"
    assert event["UID"] == meeting.uid
    assert event["SEQUENCE"] == 0
    assert event["DTSTART"].params["TZID"] == "Asia/Tokyo"
    assert event.decoded("DTSTART").astimezone(UTC) == meeting.starts_at
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Tokyo"]
    attendees = sorted(str(a).removeprefix("mailto:") for a in event.get("ATTENDEE"))
    assert attendees == sorted([ws.owner.email, ws.provider.email])


def test_a_new_time_keeps_the_uid_raises_the_sequence_and_updates_everyone(ws, client_of):
    meeting = fixed_meeting(ws, client_of)
    later = (meeting.starts_at + timedelta(days=2)).astimezone(
        timezone.zoneinfo.ZoneInfo("America/Sao_Paulo")
    )

    response = client_of(ws.provider).post(
        url(ws, "meeting_reschedule", meeting.pk),
        {"starts_on": later.date().isoformat(), "starts_time": f"{later:%H:%M}"},
        follow=True,
    )

    assert "The meeting has its new time." in response.content.decode()
    event = ics(client_of(ws.owner), ws, meeting).walk("VEVENT")[0]
    assert event["UID"] == meeting.uid
    assert event["SEQUENCE"] == 1
    assert event.decoded("DTSTART").astimezone(UTC) == later.astimezone(UTC)
    update = Notification.objects.get(key=f"meeting-invitation:{meeting.pk}:1:{ws.owner.pk}")
    assert update.subject.startswith("New time: Kick-off")


def test_cancelling_sends_the_cancellation_with_a_higher_sequence(ws, client_of):
    meeting = fixed_meeting(ws, client_of)

    client_of(ws.owner).post(url(ws, "meeting_cancel", meeting.pk), {"confirmed": "yes"})

    calendar = ics(client_of(ws.provider), ws, meeting)
    event = calendar.walk("VEVENT")[0]
    assert calendar["METHOD"] == "CANCEL"
    assert (event["STATUS"], event["SEQUENCE"], event["UID"]) == ("CANCELLED", 1, meeting.uid)
    told = Notification.objects.get(key=f"meeting-cancelled:{meeting.pk}:{ws.provider.pk}")
    assert "cancelled the meeting “Kick-off”" in told.body_text


def test_fixed_meetings_join_each_members_personal_calendar_feed(ws, client_of, client):
    meeting = fixed_meeting(ws, client_of)
    feed = calendar_feed_create(user=ws.provider)
    outsider_feed = calendar_feed_create(user=workspace().owner)

    calendar = Calendar.from_ical(
        client.get(reverse("cohorts:feed", kwargs={"token": feed.token})).content
    )
    other = Calendar.from_ical(
        client.get(reverse("cohorts:feed", kwargs={"token": outsider_feed.token})).content
    )

    (event,) = calendar.walk("VEVENT")
    assert (event["UID"], event["SUMMARY"]) == (meeting.uid, "Kick-off")
    assert event["DTSTART"].params["TZID"] == "Asia/Tokyo"
    assert other.walk("VEVENT") == []


@pytest.mark.parametrize(
    ("fields", "field", "problem"),
    [
        ({"title": ""}, "id_title", "This field is required."),
        ({"title": "<script>alert(1)</script>"}, "id_title", "Use plain text here"),
        ({"title": "x" * 201}, "id_title", "Keep this to 200 characters or fewer"),
        ({"earliest_on": "2020-01-01"}, "id_earliest_on", "That day has passed."),
        ({"duration_minutes": "17"}, "id_duration_minutes_0", "Select a valid choice."),
        ({"joining_link": "javascript:alert(1)"}, "id_joining_link", "Enter a valid URL."),
    ],
)
def test_bad_proposals_are_refused_with_a_summary_and_kept(ws, client_of, fields, field, problem):
    response = propose(ws, client_of(ws.owner), **fields)

    page = response.content.decode()
    assert response.status_code == 400
    assert f'<a href="#{field}">' in page
    assert problem in page
    assert not Meeting.objects.exists()


def test_a_new_time_in_the_past_is_refused(ws, client_of):
    meeting = fixed_meeting(ws, client_of)

    response = client_of(ws.owner).post(
        url(ws, "meeting_reschedule", meeting.pk),
        {"starts_on": "2020-01-01", "starts_time": "10:00"},
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert '<a href="#id_starts_on">' in page
    assert "That time has passed. Choose a time to come." in page
    assert 'value="2020-01-01"' in page


def test_a_time_the_clocks_skip_is_refused(ws, client_of):
    ws.owner.time_zone = "Europe/Paris"
    ws.owner.save()
    meeting = fixed_meeting(ws, client_of)
    march = datetime(timezone.now().year + 1, 3, 31)
    skipped = march - timedelta(days=(march.weekday() + 1) % 7)  # the last Sunday of March

    response = client_of(ws.owner).post(
        url(ws, "meeting_reschedule", meeting.pk),
        {"starts_on": skipped.date().isoformat(), "starts_time": "02:30"},
    )

    assert response.status_code == 400
    assert "That time does not exist in Europe/Paris" in response.content.decode()


def test_an_answer_after_the_time_was_fixed_is_refused_with_a_summary(ws, client_of):
    meeting = fixed_meeting(ws, client_of)
    slot = meeting.slots.last()

    response = client_of(ws.provider).post(
        url(ws, "meeting_answer", meeting.pk), {"available": [slot.pk]}
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in page
    assert "already fixed: answers can no longer change it" in page
    assert not SlotAnswer.objects.filter(slot=slot).exists()


def test_a_forged_slot_of_another_meeting_is_refused(ws, client_of):
    widen_so_they_share_an_hour(ws)
    mine = meeting_propose(incubation=ws.incubation, by=ws.owner, title="A", duration_minutes=60)
    other_ws = workspace()
    theirs = meeting_propose(
        incubation=other_ws.incubation, by=other_ws.owner, title="B", duration_minutes=60
    )
    forged = theirs.slots.first().pk

    answer = client_of(ws.owner).post(url(ws, "meeting_answer", mine.pk), {"available": [forged]})
    fix = client_of(ws.owner).post(url(ws, "meeting_fix", mine.pk), {"slot": forged})

    for response in (answer, fix):
        page = response.content.decode()
        assert response.status_code == 400
        assert "Choose" in page and "times offered for this meeting." in page
    theirs.refresh_from_db()
    assert theirs.state == MeetingState.POLLING
    assert not SlotAnswer.objects.exists()


def test_a_slot_that_has_passed_cannot_be_fixed(ws, client_of):
    meeting = meeting_propose(
        incubation=ws.incubation,
        by=ws.owner,
        title="Soon",
        duration_minutes=30,
        now=timezone.now() - timedelta(days=20),
    )
    slot = meeting.slots.first()

    response = client_of(ws.owner).post(url(ws, "meeting_fix", meeting.pk), {"slot": slot.pk})

    assert response.status_code == 400
    assert "This time has passed." in response.content.decode()
