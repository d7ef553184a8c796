"""The reminder a reviewer gets once their reviews are late."""

from django.db import transaction
from django.utils import timezone

from incubator.services.outbox import notification_queue
from reviews.selectors import late_reviews


def review_overdue_reminders_send(*, now=None) -> int:
    """Remind each reviewer, once, of the reviews still open after the phase's due date
    (and before it closes). The key names the due date: if the secretariat moves it,
    a reviewer still late after the new date is reminded once more."""
    queued = 0
    for late in late_reviews(now=now or timezone.now()):
        phase, reviewer = late.phase, late.reviewer
        with transaction.atomic():
            notification_queue(
                key=f"review-overdue:{phase.pk}:{reviewer.pk}:{phase.due_at:%Y%m%dT%H%M}",
                template="review_overdue",
                context={"items": late.items, "phase": phase, "call": phase.call},
                recipient=reviewer,
            )
        queued += 1
    return queued
