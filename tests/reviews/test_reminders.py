"""Reminders of overdue reviews: after the due date and before the phase closes, one
email per reviewer listing what is still open, however often the beat task runs."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from incubator.models import Notification
from reviews.services import review_overdue_reminders_send
from reviews.tasks import send_overdue_reminders
from tests.reviews.factories import assign, challenge_under_review, review_call, reviewer

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def overdue_call():
    return review_call(
        opens_at=NOW - timedelta(days=10),
        due_at=NOW - timedelta(hours=2),
        closes_at=NOW + timedelta(days=3),
    )


def test_a_late_reviewer_is_reminded_once_of_everything_still_open():
    call = overdue_call()
    late = reviewer(email="late@board.example")
    assign(challenge_under_review(call, title="Island ferries"), late)
    assign(challenge_under_review(call, title="School meals"), late)
    assign(
        challenge_under_review(call, title="Done already"), late, scores=[3, 3, 3], submitted=True
    )
    punctual = reviewer()
    assign(challenge_under_review(call), punctual, scores=[4, 4, 4], submitted=True)

    assert review_overdue_reminders_send(now=NOW) == 1
    send_overdue_reminders.delay()
    review_overdue_reminders_send(now=NOW + timedelta(hours=1))

    email = Notification.objects.get()
    assert email.to_email == "late@board.example"
    assert email.subject == f"2 reviews for {call.title} are overdue"
    assert "Island ferries" in email.body_text and "School meals" in email.body_text
    assert "Done already" not in email.body_text


def test_nobody_is_reminded_before_the_due_date_or_after_the_phase_closed():
    call = review_call(due_at=NOW + timedelta(days=1))
    assign(challenge_under_review(call), reviewer())
    closed = review_call(
        opens_at=NOW - timedelta(days=10),
        due_at=NOW - timedelta(days=5),
        closes_at=NOW - timedelta(days=1),
    )
    assign(challenge_under_review(closed), reviewer())

    assert review_overdue_reminders_send(now=NOW) == 0
    assert not Notification.objects.exists()


def test_moving_the_due_date_earns_a_late_reviewer_one_more_reminder():
    call = overdue_call()
    assign(challenge_under_review(call), reviewer())
    review_overdue_reminders_send(now=NOW)
    phase = call.review_phase
    phase.due_at = NOW + timedelta(days=1)
    phase.save()

    review_overdue_reminders_send(now=NOW + timedelta(days=2))

    assert Notification.objects.count() == 2


def test_celery_beat_runs_the_reminders_every_hour():
    entry = settings.CELERY_BEAT_SCHEDULE["review-overdue-reminders"]

    assert entry == {"task": "reviews.tasks.send_overdue_reminders", "schedule": 3600.0}
