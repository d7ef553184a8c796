"""Calendar files: one session's file and the personal subscription feed parse with the
icalendar library and name the right instant for members in UTC-3 and UTC+9, on both
sides of a daylight-saving change in the session's reference zone. The feed's secret
address is the only key to it, and a revoked one stops at once."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from cohorts.models import CalendarFeed, RegistrationStatus
from cohorts.services import calendar_feed_create, calendar_feed_revoke, registration_create
from tests.cohorts.factories import (
    CohortFactory,
    EnrolmentFactory,
    RegistrationFactory,
    SessionFactory,
    cohort_member,
)

pytestmark = pytest.mark.django_db

SAO_PAULO = "America/Sao_Paulo"  # UTC-3 all year
TOKYO = "Asia/Tokyo"  # UTC+9 all year
PARIS = ZoneInfo("Europe/Paris")  # clocks go forward on Sunday 31 March 2030

# Both at 14:00 on the Paris clock: before the change that is 13:00 UTC, after it 12:00.
BEFORE_CHANGE = datetime(2030, 3, 29, 14, 0, tzinfo=PARIS)
AFTER_CHANGE = datetime(2030, 4, 5, 14, 0, tzinfo=PARIS)

EXPECTED_LOCAL = {
    SAO_PAULO: {"before": "2030-03-29 10:00", "after": "2030-04-05 09:00"},
    TOKYO: {"before": "2030-03-29 22:00", "after": "2030-04-05 21:00"},
}


def sessions_around_the_change(cohort):
    return {
        "before": SessionFactory(
            cohort=cohort,
            title="Before the clocks change",
            starts_at=BEFORE_CHANGE,
            ends_at=BEFORE_CHANGE + timedelta(minutes=90),
        ),
        "after": SessionFactory(
            cohort=cohort,
            title="After the clocks change",
            starts_at=AFTER_CHANGE,
            ends_at=AFTER_CHANGE + timedelta(minutes=90),
        ),
    }


def events_of(content: bytes) -> dict:
    calendar = Calendar.from_ical(content)
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def instant_from_the_files_own_zone(content: bytes, event) -> datetime:
    """The start as the VTIMEZONE in the file defines it, without asking the zone
    database by name: what a calendar program that only reads the file computes."""
    calendar = Calendar.from_ical(content)
    start = event["DTSTART"]
    tzid = start.params["TZID"]
    (definition,) = [tz for tz in calendar.walk("VTIMEZONE") if str(tz["TZID"]) == tzid]
    zone = definition.to_tz(lookup_tzid=False)
    wall = start.dt.replace(tzinfo=None)
    return wall.replace(tzinfo=zone).astimezone(UTC)


def on_the_clock_of(moment: datetime, zone: str) -> str:
    return moment.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M")


@pytest.mark.parametrize("zone", [SAO_PAULO, TOKYO])
def test_a_sessions_calendar_file_names_the_right_instant_across_the_change(client_of, zone):
    cohort = CohortFactory()
    member = cohort_member(cohort, time_zone=zone)
    sessions = sessions_around_the_change(cohort)
    client = client_of(member)

    for when, session in sessions.items():
        response = client.get(reverse("cohorts:session_ics", kwargs={"pk": session.pk}))
        assert response.status_code == 200
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        event = events_of(response.content)[session.title]
        start = event["DTSTART"].dt

        assert start.astimezone(UTC) == session.starts_at
        assert event["DTEND"].dt.astimezone(UTC) == session.ends_at
        assert instant_from_the_files_own_zone(response.content, event) == session.starts_at
        assert on_the_clock_of(start, zone) == EXPECTED_LOCAL[zone][when]


@pytest.mark.parametrize("zone", [SAO_PAULO, TOKYO])
def test_the_subscription_feed_names_the_right_instants_across_the_change(client, zone):
    cohort = CohortFactory()
    member = cohort_member(cohort, time_zone=zone)
    sessions = sessions_around_the_change(cohort)
    for session in sessions.values():
        RegistrationFactory(session=session, user=member)
    feed = calendar_feed_create(user=member)

    # Calendar programs fetch the feed without signing in.
    response = client.get(reverse("cohorts:feed", kwargs={"token": feed.token}))

    assert response.status_code == 200
    events = events_of(response.content)
    assert len(events) == 2
    for when, session in sessions.items():
        event = events[session.title]
        assert event["DTSTART"].dt.astimezone(UTC) == session.starts_at
        assert instant_from_the_files_own_zone(response.content, event) == session.starts_at
        assert on_the_clock_of(event["DTSTART"].dt, zone) == EXPECTED_LOCAL[zone][when]


def test_the_joining_link_is_in_the_calendar_file_only_for_people_registered(client_of):
    session = SessionFactory()
    registration = RegistrationFactory(session=session)
    waiting = cohort_member(session.cohort)
    RegistrationFactory(session=session, user=waiting, status=RegistrationStatus.WAITLISTED)
    url = reverse("cohorts:session_ics", kwargs={"pk": session.pk})

    registered_file = client_of(registration.user).get(url).content.decode()
    waiting_file = client_of(waiting).get(url).content.decode()

    assert "secret-room-42" in registered_file
    assert "secret-room-42" not in waiting_file


def test_the_feed_holds_the_sessions_the_member_registered_or_waits_for(client):
    cohort = CohortFactory()
    member = cohort_member(cohort)
    registered = SessionFactory(cohort=cohort, title="Registered session")
    waiting = SessionFactory(cohort=cohort, title="Waiting session")
    SessionFactory(cohort=cohort, title="Not registered")
    given_up = SessionFactory(cohort=cohort, title="Given up")
    cancelled = SessionFactory(
        cohort=cohort,
        title="Called off",
        cancelled_at=timezone.now(),
        cancellation_reason="Expert unavailable.",
    )
    RegistrationFactory(session=registered, user=member)
    RegistrationFactory(session=waiting, user=member, status=RegistrationStatus.WAITLISTED)
    RegistrationFactory(session=given_up, user=member, status=RegistrationStatus.CANCELLED)
    RegistrationFactory(session=cancelled, user=member)
    feed = calendar_feed_create(user=member)

    content = client.get(reverse("cohorts:feed", kwargs={"token": feed.token})).content
    events = events_of(content)

    assert set(events) == {
        "Registered session",
        "Waitlist: Waiting session",
        "Cancelled: Called off",
    }
    assert str(events["Registered session"]["STATUS"]) == "CONFIRMED"
    assert str(events["Waitlist: Waiting session"]["STATUS"]) == "TENTATIVE"
    assert str(events["Cancelled: Called off"]["STATUS"]) == "CANCELLED"
    assert "secret-room-42" in content.decode()
    assert "secret-room-42" not in str(events["Waitlist: Waiting session"].get("DESCRIPTION"))


def test_a_moved_session_keeps_its_uid_and_raises_its_sequence(client_of):
    from cohorts.services import session_update
    from tests.factories import secretariat_user

    session = SessionFactory()
    member = cohort_member(session.cohort)
    url = reverse("cohorts:session_ics", kwargs={"pk": session.pk})
    before = events_of(client_of(member).get(url).content)[session.title]

    session_update(
        session=session,
        by=secretariat_user(),
        starts_at=session.starts_at + timedelta(days=1),
        ends_at=session.ends_at + timedelta(days=1),
    )
    after = events_of(client_of(member).get(url).content)[session.title]

    assert str(after["UID"]) == str(before["UID"])
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1


def test_a_revoked_feed_address_stops_at_once_and_a_new_one_works(client, client_of):
    session = SessionFactory()
    registration = RegistrationFactory(session=session)
    member = registration.user
    old = calendar_feed_create(user=member)
    old_url = reverse("cohorts:feed", kwargs={"token": old.token})
    assert client.get(old_url).status_code == 200

    asked = client_of(member).post(reverse("cohorts:calendar_revoke")).content.decode()
    assert "Revoke your calendar address?" in asked
    assert client.get(old_url).status_code == 200, "nothing is revoked before the answer"
    response = client_of(member).post(
        reverse("cohorts:calendar_revoke"), {"confirmed": "yes"}, follow=True
    )

    assert "The address is revoked" in response.content.decode()
    client.logout()
    assert client.get(old_url).status_code == 404
    client_of(member).post(reverse("cohorts:calendar_new"))
    new = CalendarFeed.objects.get(user=member, revoked_at__isnull=True)
    client.logout()
    assert new.token != old.token
    assert client.get(old_url).status_code == 404
    assert client.get(reverse("cohorts:feed", kwargs={"token": new.token})).status_code == 200


def test_an_unknown_or_made_up_feed_address_answers_404(client):
    assert (
        client.get(reverse("cohorts:feed", kwargs={"token": "not-a-real-token"})).status_code == 404
    )


def test_a_member_who_leaves_the_cohort_stops_seeing_its_sessions_in_the_feed(client):
    cohort = CohortFactory()
    member = cohort_member(cohort)
    RegistrationFactory(session=SessionFactory(cohort=cohort, title="Citizen juries"), user=member)
    feed = calendar_feed_create(user=member)
    url = reverse("cohorts:feed", kwargs={"token": feed.token})
    assert "Citizen juries" in events_of(client.get(url).content)

    member.memberships.all().delete()

    assert events_of(client.get(url).content) == {}


def test_the_calendar_page_gives_the_member_their_address(client_of):
    member = cohort_member(CohortFactory())
    client = client_of(member)

    first = client.get(reverse("cohorts:calendar")).content.decode()
    client.post(reverse("cohorts:calendar_new"))
    client.post(reverse("cohorts:calendar_new"))
    second = client.get(reverse("cohorts:calendar")).content.decode()

    feed = CalendarFeed.objects.get(user=member)
    assert "Make my calendar address" in first
    assert feed.token in second
    assert f"webcal://testserver/cohort/calendar/{feed.token}.ics" in second


def test_a_feed_never_shows_another_cohorts_sessions_even_if_registered(client):
    cohort, other = CohortFactory(), CohortFactory()
    member = cohort_member(cohort)
    elsewhere = SessionFactory(cohort=other, title="Another cohort's session")
    EnrolmentFactory(cohort=other, organisation=member.organisations.get())
    registration_create(session=elsewhere, user=member)
    member.organisations.get().enrolments.filter(cohort=other).delete()
    feed = calendar_feed_create(user=member)

    content = client.get(reverse("cohorts:feed", kwargs={"token": feed.token})).content

    assert "Another cohort" not in content.decode()


def test_revoking_twice_is_harmless():
    member = cohort_member(CohortFactory())
    calendar_feed_create(user=member)

    assert calendar_feed_revoke(user=member) == 1
    assert calendar_feed_revoke(user=member) == 0
