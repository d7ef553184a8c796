"""A fixed or cancelled meeting as calendars read it: the invitation file people download
and the events of the personal calendar feed (the cohort track's feed, which asks for
them through its signal). Both carry the same UID and SEQUENCE."""

from email.utils import parseaddr
from urllib.parse import urlsplit
from uuid import uuid4

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from incubation.invitations import MeetingInvite, invitation_event, invitation_ics
from incubation.models import Meeting, MeetingState
from incubation.selectors.meetings import meetings_for_feed
from incubation.selectors.people import people_of
from incubator.models import User


def new_meeting_uid() -> str:
    host = urlsplit(settings.SITE_URL).hostname or "incubator.invalid"
    return f"incubation-meeting-{uuid4()}@{host}"


def meeting_url(meeting: Meeting) -> str:
    path = reverse(
        "incubation:meeting", kwargs={"pk": meeting.incubation_id, "meeting_pk": meeting.pk}
    )
    return f"{settings.SITE_URL}{path}"


def meeting_invite(meeting: Meeting, *, attendees: list[User]) -> MeetingInvite:
    cancelled = meeting.state == MeetingState.CANCELLED
    organizer = meeting.proposed_by
    portal_name, portal_email = parseaddr(settings.DEFAULT_FROM_EMAIL)
    url = meeting_url(meeting)
    lines = [meeting.agenda] if meeting.agenda else []
    if meeting.joining_link and not cancelled:
        lines.append(_("Join online: %(link)s") % {"link": meeting.joining_link})
    lines.append(_("Details: %(page)s") % {"page": url})
    return MeetingInvite(
        uid=meeting.uid,
        sequence=meeting.sequence,
        method="CANCEL" if cancelled else "REQUEST",
        summary=_("Cancelled: %(title)s") % {"title": meeting.title}
        if cancelled
        else meeting.title,
        description="\n\n".join(lines),
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        time_zone=meeting.time_zone,
        organizer_email=organizer.email if organizer else portal_email,
        organizer_name=str(organizer) if organizer else portal_name,
        attendees=[(person.email, str(person)) for person in attendees],
        url=url,
        location="" if cancelled else meeting.joining_link,
    )


def meeting_ics(meeting: Meeting) -> bytes:
    return invitation_ics(meeting_invite(meeting, attendees=list(people_of(meeting.incubation))))


def meeting_feed_events(*, user: User, since) -> list:
    """The meetings of the person's incubations, for their personal calendar feed."""
    return [
        invitation_event(meeting_invite(meeting, attendees=[]))
        for meeting in meetings_for_feed(user=user, since=since)
    ]
