"""The outbox with everything real: a Celery worker and its beat in another process,
Redis as the broker, PostgreSQL, and an SMTP server that receives the mail."""

import time

import pytest
from django.urls import reverse

from incubator.models import Notification
from incubator.models.outbox import NotificationStatus
from incubator.services.organisations import invitation_send
from tests.factories import MembershipFactory, secretariat_user
from tests.worker.conftest import wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def invite(email: str):
    """A team member invites someone: the event that queues an email."""
    membership = MembershipFactory()
    return invitation_send(organisation=membership.organisation, email=email, by=membership.user)


def outbox_row(invitation) -> Notification:
    return Notification.objects.get(key=f"invitation-sent:{invitation.pk}")


def mail_arrives(smtp_server, address: str, *, timeout: float = 30):
    return wait_until(
        lambda: smtp_server.accepted(to=address),
        timeout=timeout,
        what=f"an email to {address}",
    )


def test_one_invitation_sends_exactly_one_email(worker, smtp_server):
    invitation = invite("newcomer@agency.example")

    received = mail_arrives(smtp_server, "newcomer@agency.example")
    worker.wait_for_sweeps(2)  # time for a duplicate to show up, if there were one

    assert smtp_server.accepted() == received
    assert len(received) == 1
    assert invitation.organisation.name in received[0].subject
    row = outbox_row(invitation)
    assert row.status == NotificationStatus.SENT
    assert row.attempts == 1


def test_an_invitation_made_while_redis_is_down_is_saved_and_sent_once_redis_is_back(
    worker, redis_server, smtp_server
):
    redis_server.stop()

    invitation = invite("patient@agency.example")  # returns normally: no exception

    row = outbox_row(invitation)
    assert row.status == NotificationStatus.PENDING
    assert smtp_server.seen() == []

    redis_server.start()

    received = mail_arrives(smtp_server, "patient@agency.example", timeout=45)
    worker.wait_for_sweeps(2)

    assert smtp_server.accepted() == received
    assert len(received) == 1
    row.refresh_from_db()
    assert row.status == NotificationStatus.SENT


@pytest.mark.timeout(90)  # without a socket timeout the invitation would hang for good
def test_an_invitation_made_while_redis_hangs_is_saved_promptly_and_sent_once_it_answers(
    worker, redis_server, smtp_server
):
    redis_server.pause()

    started = time.monotonic()
    invitation = invite("hurried@agency.example")  # returns normally: no exception
    waited = time.monotonic() - started

    assert waited < 10, f"the invitation took {waited:.1f}s to return"
    assert outbox_row(invitation).status == NotificationStatus.PENDING

    redis_server.resume()

    received = mail_arrives(smtp_server, "hurried@agency.example", timeout=45)
    worker.wait_for_sweeps(2)

    assert smtp_server.accepted() == received
    assert len(received) == 1
    assert outbox_row(invitation).status == NotificationStatus.SENT


def test_a_worker_killed_while_sending_neither_loses_the_email_nor_sends_it_twice(
    start_worker, smtp_server
):
    smtp_server.hold_first_message_to("unlucky@agency.example")
    first_worker = start_worker()
    invitation = invite("unlucky@agency.example")
    wait_until(
        smtp_server.holding.is_set,
        timeout=30,
        what="the worker to send the message and wait for the server's answer",
    )

    first_worker.kill()

    assert smtp_server.accepted() == []
    row = outbox_row(invitation)
    assert row.status == NotificationStatus.PENDING  # the killed send was rolled back

    second_worker = start_worker()
    received = mail_arrives(smtp_server, "unlucky@agency.example")
    second_worker.wait_for_sweeps(2)

    assert len(smtp_server.seen(to="unlucky@agency.example")) == 2  # cut off, then sent
    assert smtp_server.accepted() == received
    assert len(received) == 1
    row.refresh_from_db()
    assert row.status == NotificationStatus.SENT
    assert row.attempts == 1


def test_a_refused_address_ends_failed_and_is_listed_for_the_secretariat(
    worker, smtp_server, client_of
):
    smtp_server.refuse("nobody@bounce.example")

    bounced = invite("nobody@bounce.example")
    delivered = invite("someone@agency.example")

    wait_until(
        lambda: outbox_row(bounced).status == NotificationStatus.FAILED,
        timeout=30,
        what="the refused message to be marked failed",
    )
    mail_arrives(smtp_server, "someone@agency.example")
    worker.wait_for_sweeps(2)

    assert smtp_server.accepted(to="nobody@bounce.example") == []
    row = outbox_row(bounced)
    assert row.status == NotificationStatus.FAILED
    assert row.attempts == 1  # refused for good: not retried
    assert outbox_row(delivered).status == NotificationStatus.SENT

    secretariat = client_of(secretariat_user())
    response = secretariat.get(reverse("incubator:outbox"), {"status": "failed"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "nobody@bounce.example" in page
    assert "Mailbox unknown" in page
    assert "someone@agency.example" not in page
