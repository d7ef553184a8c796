"""The reminders before each session, 24 hours and 1 hour before it starts."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from cohorts.models import Registration, Session
from cohorts.selectors import queued_keys, registrations_to_remind
from incubator.services.outbox import notification_queue

# name, how long before the start it goes out; the later one wins when both are due.
REMINDERS = (("24h", timedelta(hours=24)), ("1h", timedelta(hours=1)))


def _reminder_key(name: str, registration: Registration, session: Session) -> str:
    return f"session-reminder-{name}:{registration.pk}:v{session.schedule_version}"


def session_reminders_send(*, now=None) -> int:
    """Queue the reminders that are due: 24 hours and 1 hour before each session, to each
    registered person still in the cohort, in their language and zone. The outbox key
    makes each go out once however often this runs; a cancelled registration or session
    gets none. Returns how many were queued."""
    now = now or timezone.now()
    due = []
    for registration in registrations_to_remind(now=now, within=REMINDERS[0][1]):
        session = registration.session
        left = session.starts_at - now
        name = next(name for name, before in reversed(REMINDERS) if left <= before)
        due.append((_reminder_key(name, registration, session), name, registration))
    already = queued_keys(keys=[key for key, _n, _r in due])
    queued = 0
    for key, name, registration in due:
        if key in already:
            continue
        with transaction.atomic():
            notification_queue(
                key=key,
                template="session_reminder",
                context={
                    "session": registration.session,
                    "registration": registration,
                    "soon": name == "1h",
                },
                recipient=registration.user,
            )
        queued += 1
    return queued
