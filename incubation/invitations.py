"""Calendar invitations (RFC 5545, with the methods of RFC 5546) for a meeting of an
incubation workspace. Everything comes in as arguments: no database and no Django.

Times are written in the meeting's reference zone with that zone's VTIMEZONE, so every
calendar program shows the right instant on its own clock, across clock changes. A
rescheduled meeting keeps its UID and raises SEQUENCE; so does a cancellation."""

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Event, vCalAddress

PRODUCT = "-//Innovation Incubator//Incubation meetings//EN"
METHODS = {"REQUEST": "CONFIRMED", "CANCEL": "CANCELLED"}  # the event's STATUS for each


@dataclass(frozen=True)
class MeetingInvite:
    uid: str
    sequence: int
    method: str  # "REQUEST" or "CANCEL"
    summary: str
    description: str
    starts_at: datetime
    ends_at: datetime
    time_zone: str  # IANA name of the meeting's reference zone, e.g. the proposer's
    organizer_email: str
    organizer_name: str
    attendees: list[tuple[str, str]]  # (email, name)
    url: str
    location: str = ""

    def __post_init__(self):
        if self.method not in METHODS:
            raise ValueError(f"The method is REQUEST or CANCEL, not {self.method!r}.")
        if self.sequence < 0:
            raise ValueError("The sequence starts at 0.")
        for moment in (self.starts_at, self.ends_at):
            if moment.tzinfo is None or moment.utcoffset() is None:
                raise ValueError("The start and the end must be aware datetimes.")
        if not self.starts_at < self.ends_at:
            raise ValueError("The meeting must start before it ends.")
        try:
            ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"Unknown time zone: {self.time_zone!r}") from None


def invitation_ics(invite: MeetingInvite, *, stamped_at: datetime | None = None) -> bytes:
    """The invitation (or its cancellation) as an iCalendar file. ``stamped_at`` is when
    the file was made (DTSTAMP); now by default."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", invite.method)
    calendar.add_component(invitation_event(invite, stamped_at=stamped_at))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def invitation_event(invite: MeetingInvite, *, stamped_at: datetime | None = None) -> Event:
    """The meeting as a VEVENT alone, for a calendar feed that gathers several: the same
    UID and SEQUENCE as the invitation, so calendars see one meeting, not two."""
    stamped_at = stamped_at or datetime.now(UTC)
    zone = ZoneInfo(invite.time_zone)
    event = Event()
    event.add("uid", invite.uid)
    event.add("dtstamp", stamped_at.astimezone(UTC))
    event.add("sequence", invite.sequence)
    event.add("dtstart", invite.starts_at.astimezone(zone))
    event.add("dtend", invite.ends_at.astimezone(zone))
    event.add("status", METHODS[invite.method])
    event.add("summary", invite.summary)
    event.add("description", invite.description)
    event.add("url", invite.url)
    if invite.location:
        event.add("location", invite.location)
    event.add("organizer", _address(invite.organizer_email, CN=invite.organizer_name))
    for email, name in invite.attendees:
        event.add(
            "attendee",
            _address(
                email,
                CN=name,
                ROLE="REQ-PARTICIPANT",
                PARTSTAT="NEEDS-ACTION",
                RSVP="FALSE",  # answers are given in the workspace, not by calendar reply
            ),
        )
    return event


def _address(email: str, **parameters: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    for name, value in parameters.items():
        if value:
            address.params[name] = value
    return address
