"""The workspace's periodic emails, sent by Celery beat every few minutes: new messages
(at most one email an hour per person and incubation, or a daily digest at 08:00 on the
person's clock, as each chose), overdue milestones (at most once a week each), check-in
requests (every few weeks, as the programme sets) and meeting reminders (a day before).

Each email is decided in its own transaction, with its row locked and an outbox key
that names it: a worker killed halfway leaves the ones done done and the rest to the
next run, and nothing goes out twice."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from incubation.access import standing_of
from incubation.models import CheckIn, EmailChoice, IncubationTeam, Meeting, Milestone
from incubation.selectors.mail import (
    checkin_due,
    inbox_of,
    incubations_with_recent_messages,
    new_messages_for,
    overdue_milestones,
    teams_due_for_checkin,
)
from incubation.selectors.meetings import meetings_to_remind
from incubation.selectors.people import people_of, people_of_team, people_to_tell
from incubation.services.common import tell
from incubator.models import User
from incubator.services.audit import audit_record
from incubator.services.outbox import notification_queue

MESSAGE_GAP = timedelta(hours=1)
DIGEST_AT = time(8, 0)
REMINDER_GAP = timedelta(days=7)
MEETING_NOTICE = timedelta(hours=24)


def incubation_mail_send(*, now: datetime | None = None) -> dict[str, int]:
    """Queue every email that is due; how many of each kind."""
    now = now or timezone.now()
    return {
        "messages": message_emails_send(now=now),
        "milestones": milestone_reminders_send(now=now),
        "checkins": checkin_requests_send(now=now),
        "meetings": meeting_reminders_send(now=now),
    }


# Messages ---------------------------------------------------------------------------------


def message_emails_send(*, now: datetime) -> int:
    queued = 0
    for incubation in incubations_with_recent_messages(now=now):
        for person in people_to_tell(incubation):
            queued += _message_email(incubation, person, now)
    return queued


def _digest_due(inbox, person: User, now: datetime) -> str | None:
    """The digest's day (its key) when a daily digest is due now, else None."""
    local = now.astimezone(ZoneInfo(person.time_zone))
    if local.time() < DIGEST_AT:
        return None
    last = inbox.last_emailed_at
    if last is not None and last.astimezone(ZoneInfo(person.time_zone)).date() >= local.date():
        return None
    return local.date().isoformat()


@transaction.atomic
def _message_email(incubation, person: User, now: datetime) -> int:
    if standing_of(person, incubation) is None:
        return 0
    inbox = inbox_of(incubation=incubation, user=person)
    if inbox.email_choice == EmailChoice.NONE:
        return 0
    if inbox.email_choice == EmailChoice.DAILY:
        day = _digest_due(inbox, person, now)
        if day is None:
            return 0
        key = f"incubation-digest:{inbox.pk}:{day}"
    else:
        if inbox.last_emailed_at and now - inbox.last_emailed_at < MESSAGE_GAP:
            return 0
        key = None
    messages = new_messages_for(inbox=inbox, now=now)
    if not messages:
        return 0
    last_id = messages[-1].pk
    notification_queue(
        key=key or f"incubation-messages:{inbox.pk}:{last_id}",
        template="incubation_messages",
        context={
            "incubation": incubation,
            "messages": messages,
            "digest": inbox.email_choice == EmailChoice.DAILY,
        },
        recipient=person,
    )
    inbox.emailed_up_to_id, inbox.last_emailed_at = last_id, now
    inbox.save(update_fields=["emailed_up_to_id", "last_emailed_at"])
    return 1


# Milestones -------------------------------------------------------------------------------


def milestone_reminders_send(*, now: datetime) -> int:
    return sum(
        _milestone_reminder(milestone.pk, now)
        for milestone in overdue_milestones(now=now, gap=REMINDER_GAP)
    )


@transaction.atomic
def _milestone_reminder(milestone_id: int, now: datetime) -> int:
    milestone = (
        Milestone.objects.select_for_update(of=("self",))
        .select_related("team__organisation", "incubation__challenge")
        .get(pk=milestone_id)
    )
    today = now.astimezone(ZoneInfo(milestone.team.organisation.time_zone)).date()
    recent = milestone.last_reminded_at and milestone.last_reminded_at > now - REMINDER_GAP
    if not milestone.is_overdue_on(today) or recent:
        return 0
    milestone.reminders_sent += 1
    milestone.last_reminded_at = now
    milestone.save(update_fields=["reminders_sent", "last_reminded_at"])
    tell(
        people=people_of_team(milestone.team),
        key=f"milestone-overdue:{milestone.pk}:{milestone.reminders_sent}",
        template="milestone_overdue",
        context={
            "incubation": milestone.incubation,
            "milestone": milestone,
            "days_late": (today - milestone.due_on).days,
        },
    )
    return 1


# Check-ins --------------------------------------------------------------------------------


def checkin_requests_send(*, now: datetime) -> int:
    return sum(_checkin_request(team.pk, now) for team in teams_due_for_checkin(now=now))


@transaction.atomic
def _checkin_request(team_id: int, now: datetime) -> int:
    team = (
        IncubationTeam.objects.select_for_update(of=("self",))
        .select_related("incubation__challenge", "organisation")
        .get(pk=team_id)
    )
    # Another run may have asked since the list was read: ask once per interval.
    if not checkin_due(team=team, now=now):
        return 0
    checkin = CheckIn.objects.create(incubation=team.incubation, team=team, requested_at=now)
    audit_record(
        actor=None,
        action="checkin.requested",
        target=team.incubation,
        details={"checkin": checkin.pk, "team": team.organisation.name},
    )
    tell(
        people=people_of_team(team),
        key=f"checkin-request:{checkin.pk}",
        template="checkin_request",
        context={"incubation": team.incubation, "checkin": checkin, "team": team},
    )
    return 1


# Meetings ---------------------------------------------------------------------------------


def meeting_reminders_send(*, now: datetime) -> int:
    return sum(
        _meeting_reminder(meeting.pk, now)
        for meeting in meetings_to_remind(now=now, within=MEETING_NOTICE)
    )


@transaction.atomic
def _meeting_reminder(meeting_id: int, now: datetime) -> int:
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("incubation__challenge")
        .get(pk=meeting_id)
    )
    if not meeting.is_fixed:
        return 0
    reminded = tell(
        people=people_of(meeting.incubation),
        key=f"meeting-reminder:{meeting.pk}:{meeting.sequence}",
        template="meeting_reminder",
        context={"incubation": meeting.incubation, "meeting": meeting},
    )
    return len(reminded.people)
