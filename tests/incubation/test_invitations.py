"""Meeting invitations as calendar files: they parse, name the right instant in the
meeting's zone (in summer time, and at +05:45 and +08:45) with that zone's definition in
the file, keep their UID when the meeting moves or is cancelled while SEQUENCE rises, and
carry text in any language and with any punctuation unchanged."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar

from incubation.invitations import MeetingInvite, invitation_ics

STARTS = datetime(2030, 6, 12, 13, 0, tzinfo=UTC)
STAMPED = datetime(2030, 6, 1, 8, 30, tzinfo=UTC)

INVITE = MeetingInvite(
    uid="incubation-meeting-42@incubator.example.org",
    sequence=0,
    method="REQUEST",
    summary="Kick-off: digital identity pilot",
    description="First meeting of the workspace.",
    starts_at=STARTS,
    ends_at=STARTS + timedelta(hours=1),
    time_zone="Europe/Paris",
    organizer_email="amelie.dupont@example.fr",
    organizer_name="Amélie Dupont",
    attendees=[("kenji.sato@example.jp", "Kenji Sato"), ("ana.souza@example.br", "Ana Souza")],
    url="https://incubator.example.org/incubation/workspaces/7/meetings/42/",
)


def event_of(content: bytes):
    calendar = Calendar.from_ical(content)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def instant_from_the_files_own_zone(calendar, prop) -> datetime:
    """The instant as the VTIMEZONE in the file defines it, without asking the zone
    database by name: what a calendar program that reads only the file computes."""
    (definition,) = [
        tz for tz in calendar.walk("VTIMEZONE") if str(tz["TZID"]) == prop.params["TZID"]
    ]
    wall = prop.dt.replace(tzinfo=None)
    return wall.replace(tzinfo=definition.to_tz(lookup_tzid=False)).astimezone(UTC)


def test_an_invitation_is_a_calendar_request_with_organizer_and_attendees():
    content = invitation_ics(INVITE, stamped_at=STAMPED)

    calendar, event = event_of(content)
    assert str(calendar["PRODID"]) == "-//Innovation Incubator//Incubation meetings//EN"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == INVITE.uid
    assert event["DTSTAMP"].dt == STAMPED
    assert event["SEQUENCE"] == 0
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["URL"]) == INVITE.url
    assert "LOCATION" not in event
    organizer = event["ORGANIZER"]
    assert str(organizer) == "mailto:amelie.dupont@example.fr"
    assert organizer.params["CN"] == "Amélie Dupont"
    attendees = event["ATTENDEE"]
    assert [str(attendee) for attendee in attendees] == [
        "mailto:kenji.sato@example.jp",
        "mailto:ana.souza@example.br",
    ]
    for attendee, (_, name) in zip(attendees, INVITE.attendees, strict=True):
        assert dict(attendee.params) == {
            "CN": name,
            "ROLE": "REQ-PARTICIPANT",
            "PARTSTAT": "NEEDS-ACTION",
            "RSVP": "FALSE",
        }


@pytest.mark.parametrize(
    ("zone", "wall_clock"),
    [
        ("Europe/Paris", "20300612T150000"),  # summer time, UTC+2
        ("Asia/Kathmandu", "20300612T184500"),  # UTC+05:45
        ("Australia/Eucla", "20300612T214500"),  # UTC+08:45
        ("America/Sao_Paulo", "20300612T100000"),  # UTC-3
    ],
)
def test_the_start_and_end_are_written_in_the_meetings_zone_with_its_definition(zone, wall_clock):
    content = invitation_ics(replace(INVITE, time_zone=zone), stamped_at=STAMPED)

    assert f"DTSTART;TZID={zone}:{wall_clock}".encode() in content
    calendar, event = event_of(content)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == [zone]
    for prop, instant in [(event["DTSTART"], INVITE.starts_at), (event["DTEND"], INVITE.ends_at)]:
        assert prop.params["TZID"] == zone
        assert prop.dt.astimezone(UTC) == instant
        assert instant_from_the_files_own_zone(calendar, prop) == instant


def at(starts_at: datetime, invite: MeetingInvite = INVITE, **changes) -> MeetingInvite:
    return replace(invite, starts_at=starts_at, ends_at=starts_at + timedelta(hours=1), **changes)


@pytest.mark.parametrize(
    ("starts_at", "written"),
    [
        (datetime(2030, 10, 25, 7, tzinfo=UTC), b"DTSTART;TZID=Europe/Paris:20301025T090000"),
        (datetime(2030, 10, 28, 8, tzinfo=UTC), b"DTSTART;TZID=Europe/Paris:20301028T090000"),
    ],
    ids=["before", "after"],
)
def test_09_00_in_paris_is_the_right_instant_on_both_sides_of_its_clock_change(starts_at, written):
    # Paris puts its clocks back on 27 October 2030: 09:00 is 07:00 UTC before, 08:00 after.
    content = invitation_ics(at(starts_at))

    assert written in content
    calendar, event = event_of(content)
    assert instant_from_the_files_own_zone(calendar, event["DTSTART"]) == starts_at


def test_a_rescheduled_meeting_keeps_its_uid_and_raises_the_sequence():
    moved_to = STARTS + timedelta(days=1, hours=2)
    moved = at(moved_to, sequence=INVITE.sequence + 1)

    _, first = event_of(invitation_ics(INVITE))
    _, second = event_of(invitation_ics(moved))

    assert str(second["UID"]) == str(first["UID"])
    assert second["SEQUENCE"] == first["SEQUENCE"] + 1 == 1
    assert second["DTSTART"].dt.astimezone(UTC) == moved_to


def test_a_cancellation_says_cancel_and_cancelled():
    cancelled = replace(INVITE, method="CANCEL", sequence=2)

    content = invitation_ics(cancelled)

    assert b"METHOD:CANCEL\r\n" in content
    calendar, event = event_of(content)
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == INVITE.uid and event["SEQUENCE"] == 2


def test_text_with_punctuation_line_breaks_and_any_language_comes_back_unchanged():
    summary = "Réunion de lancement ; pilote « identité numérique », phase 1"
    description = (
        "Ordre du jour : présentations, calendrier; questions.\n"
        "議題：デジタル身分証明書の試験運用、日程。\n"
        "Pauta: apresentações, cronograma; próximos passos.\n"
        "Chemin : C:\\partage\\notes"
    )
    location = "Salle Lumière, 3ᵉ étage; 東京会議室; São Paulo"
    invite = replace(
        INVITE,
        summary=summary,
        description=description,
        location=location,
        organizer_name="Dupont, Amélie",
        attendees=[("kenji.sato@example.jp", "佐藤 健二"), ("ana.souza@example.br", "Souza; Ana")],
    )

    content = invitation_ics(invite)

    assert all(len(line) <= 75 for line in content.split(b"\r\n"))  # folded by octets
    _, event = event_of(content)
    assert str(event["SUMMARY"]) == summary
    assert str(event["DESCRIPTION"]) == description
    assert str(event["LOCATION"]) == location
    assert event["ORGANIZER"].params["CN"] == "Dupont, Amélie"
    assert [attendee.params["CN"] for attendee in event["ATTENDEE"]] == ["佐藤 健二", "Souza; Ana"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"method": "PUBLISH"}, "REQUEST or CANCEL"),
        ({"starts_at": datetime(2030, 6, 12, 13)}, "aware"),
        ({"ends_at": STARTS}, "start before it ends"),
        ({"time_zone": "Europe/Atlantis"}, "Unknown time zone"),
        ({"sequence": -1}, "sequence"),
    ],
)
def test_an_invitation_that_cannot_be_is_refused(changes, message):
    with pytest.raises(ValueError, match=message):
        replace(INVITE, **changes)
