"""Workers claim outbox rows a few at a time with a lease, and send them with no row
locked: a row another worker holds is left to it, a row whose worker died is sent once
its lease is over, and each message sent costs one statement."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from incubator.models import Notification
from incubator.models.outbox import NotificationStatus
from incubator.services.outbox import Outgoing, notifications_queue, outbox_sweep
from incubator.services.outbox_delivery import _claim, notifications_deliver, outbox_paused

pytestmark = pytest.mark.django_db


def queued(count: int) -> list[Notification]:
    """A fan-out whose tasks have not run yet."""
    return notifications_queue(
        messages=[
            Outgoing(
                key=f"claims:{number}",
                template="invitation_accepted",
                context={"invitation": None, "member": None},
                to_email=f"reader-{number}@agency.example",
            )
            for number in range(count)
        ]
    )


def ids(rows) -> list[int]:
    return [row.pk for row in rows]


def test_rows_another_worker_has_claimed_are_left_to_it():
    rows = queued(3)
    _claim(ids(rows[:2]))  # another worker is sending these

    assert notifications_deliver(notification_ids=ids(rows)) == 1

    assert [message.to for message in mail.outbox] == [["reader-2@agency.example"]]
    assert Notification.objects.filter(status=NotificationStatus.PENDING).count() == 2


def test_rows_of_a_worker_that_died_are_sent_once_its_lease_is_over(settings):
    settings.OUTBOX_SWEEP_GRACE_SECONDS = 0
    rows = queued(2)
    _claim(ids(rows))  # the worker dies here, before sending anything
    assert outbox_sweep() == 0  # still under its lease

    Notification.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))

    assert outbox_sweep() == 2
    assert sorted(message.to[0] for message in mail.outbox) == [
        "reader-0@agency.example",
        "reader-1@agency.example",
    ]
    assert set(Notification.objects.values_list("status", "attempts", "next_attempt_at")) == {
        (NotificationStatus.SENT, 1, None)
    }


def test_each_message_sent_costs_one_statement_and_each_claim_a_few(
    django_assert_max_num_queries,
):
    rows = queued(60)  # three claims of 25, 25 and 10

    with django_assert_max_num_queries(60 + 3 * 4 + 2):
        assert notifications_deliver(notification_ids=ids(rows)) == 60

    assert len(mail.outbox) == 60
    assert not Notification.objects.exclude(status=NotificationStatus.SENT).exists()


def test_rows_claimed_when_the_server_cannot_be_reached_are_released_at_once(settings):
    settings.MAILERS = {"default": {"BACKEND": "tests.incubator.mail_backends.RefusesConnections"}}
    rows = queued(2)

    assert notifications_deliver(notification_ids=ids(rows)) == 0

    assert outbox_paused()
    assert set(Notification.objects.values_list("status", "attempts", "next_attempt_at")) == {
        (NotificationStatus.PENDING, 0, None)
    }
