"""Calendar files (RFC 5545) for one session and for a person's subscription feed. Times
are written in the session's reference zone with that zone's VTIMEZONE, so every
calendar program shows the right instant in its own zone, across daylight-saving changes."""

from datetime import UTC, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from cohorts.models import RegistrationStatus, Session

PRODUCT = "-//Innovation Incubator//Cohort sessions//EN"


def _calendar(name: str | None = None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    return calendar


def _uid(session: Session) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "incubator.invalid"
    return f"cohort-session-{session.pk}@{host}"


def session_event(session: Session, *, show_joining_link: bool, status: str | None = None):
    """One session as a VEVENT. ``status`` is the person's registration, if any."""
    zone = ZoneInfo(session.reference_time_zone)
    page = f"{settings.SITE_URL}{session.get_absolute_url()}"
    event = Event()
    event.add("uid", _uid(session))
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("last-modified", session.updated_at.astimezone(UTC))
    # A cancellation is a change calendars must pick up, like a new time.
    event.add("sequence", session.schedule_version + (1 if session.is_cancelled else 0))
    event.add("dtstart", session.starts_at.astimezone(zone))
    event.add("dtend", session.ends_at.astimezone(zone))
    summary = session.title_shown
    if session.is_cancelled:
        summary = _("Cancelled: %(title)s") % {"title": session.title_shown}
        event.add("status", "CANCELLED")
    elif status == RegistrationStatus.WAITLISTED:
        summary = _("Waitlist: %(title)s") % {"title": session.title_shown}
        event.add("status", "TENTATIVE")
    else:
        event.add("status", "CONFIRMED")
    event.add("summary", summary)
    lines = [session.description_shown] if session.description else []
    if session.facilitators:
        lines.append(_("With: %(people)s") % {"people": session.facilitators})
    lines.append(_("Theme: %(theme)s") % {"theme": session.theme.name_shown})
    if show_joining_link and session.joining_link and not session.is_cancelled:
        lines.append(_("Join online: %(link)s") % {"link": session.joining_link})
    lines.append(_("Details: %(page)s") % {"page": page})
    event.add("description", "\n\n".join(lines))
    event.add("url", page)
    location = session.location
    if show_joining_link and session.joining_link and not session.is_cancelled:
        location = f"{location} — {session.joining_link}" if location else session.joining_link
    if location:
        event.add("location", location)
    event.add("categories", [session.theme.name_shown])
    return event


def session_calendar(session: Session, *, show_joining_link: bool) -> bytes:
    calendar = _calendar()
    calendar.add_component(session_event(session, show_joining_link=show_joining_link))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def feed_calendar(sessions, *, name: str, others=()) -> bytes:
    """A person's sessions; each carries ``my_status`` (annotated by the selector).
    ``others``: events of the person's from other parts of the portal, as they are."""
    calendar = _calendar(name)
    # How often subscribed calendars should fetch the feed again.
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    for session in sessions:
        calendar.add_component(
            session_event(
                session,
                show_joining_link=session.my_status == RegistrationStatus.REGISTERED,
                status=session.my_status,
            )
        )
    for event in others:
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
