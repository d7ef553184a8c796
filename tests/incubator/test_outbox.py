import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from incubator.models import AuditEntry, Notification
from incubator.models.outbox import NotificationStatus
from incubator.services.outbox import (
    Outgoing,
    notification_queue,
    notification_retry,
    notifications_queue,
    notifications_retry_kind,
    outbox_sweep,
)
from incubator.services.outbox_delivery import notifications_deliver, outbox_paused
from tests.factories import UserFactory, secretariat_user
from tests.incubator import mail_backends

pytestmark = pytest.mark.django_db


def mailer(name):
    return {"default": {"BACKEND": f"tests.incubator.mail_backends.{name}"}}


def queue_invitation_like(recipient, key="test-event:1"):
    from tests.factories import MembershipFactory

    membership = MembershipFactory()
    invitation = membership.organisation.invitations.create(
        email=recipient.email,
        invited_by=membership.user,
        expires_at=timezone.now() + timedelta(days=14),
    )
    return notification_queue(
        key=key,
        template="invitation",
        context={"invitation": invitation, "inviter": membership.user, "link": "/x/"},
        recipient=recipient,
    )


def test_an_event_queues_one_email_that_is_sent_after_commit(django_capture_on_commit_callbacks):
    recipient = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        notification = queue_invitation_like(recipient)

    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [recipient.email]


def test_queueing_the_same_key_twice_sends_once(django_capture_on_commit_callbacks):
    recipient = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        queue_invitation_like(recipient, key="same:1")
        queue_invitation_like(recipient, key="same:1")

    assert Notification.objects.filter(key="same:1").count() == 1
    assert len(mail.outbox) == 1


def test_email_is_written_in_the_recipients_language_and_time_zone():
    recipient = UserFactory(language="fr", time_zone="Asia/Tokyo")
    notification = queue_invitation_like(recipient)

    assert notification.language == "fr"
    assert "(Asia/Tokyo)" in notification.body_text
    assert "JST" in notification.body_text
    assert notification.body_html.startswith("<!DOCTYPE html>")


def deliver(notification):
    return notifications_deliver(notification_ids=[notification.pk])


def test_a_message_the_server_defers_is_retried_later_with_backoff(settings):
    settings.MAILERS = mailer("DefersMessages")
    notification = queue_invitation_like(UserFactory())

    deliver(notification)

    notification.refresh_from_db()
    assert notification.status == NotificationStatus.PENDING
    assert notification.attempts == 1
    assert notification.next_attempt_at is not None
    assert "Try again later" in notification.last_error
    assert not outbox_paused()


def test_a_message_still_deferred_after_the_last_attempt_ends_as_failed(settings):
    settings.MAILERS = mailer("DefersMessages")
    settings.OUTBOX_MAX_ATTEMPTS = 2
    notification = queue_invitation_like(UserFactory())

    deliver(notification)
    Notification.objects.filter(pk=notification.pk).update(next_attempt_at=None)
    deliver(notification)

    notification.refresh_from_db()
    assert notification.status == NotificationStatus.FAILED
    assert notification.attempts == 2


def test_a_refused_recipient_fails_at_once_without_retrying(settings):
    settings.MAILERS = mailer("RefusesRecipients")
    notification = queue_invitation_like(UserFactory())

    deliver(notification)

    notification.refresh_from_db()
    assert notification.status == NotificationStatus.FAILED
    assert notification.attempts == 1


def test_a_sent_message_is_never_sent_again():
    notification = queue_invitation_like(UserFactory())
    deliver(notification)
    deliver(notification)

    assert len(mail.outbox) == 1


def test_the_sweep_sends_rows_whose_task_was_lost(settings):
    settings.OUTBOX_SWEEP_GRACE_SECONDS = 0
    notification = queue_invitation_like(UserFactory())  # on_commit never ran: task lost

    assert outbox_sweep() == 1

    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert len(mail.outbox) == 1


def test_the_sweep_leaves_fresh_rows_to_their_own_task():
    queue_invitation_like(UserFactory())

    assert outbox_sweep() == 0
    assert mail.outbox == []


def test_the_secretariat_can_send_a_failed_message_again(
    settings, django_capture_on_commit_callbacks
):
    settings.MAILERS = mailer("RefusesRecipients")
    notification = queue_invitation_like(UserFactory())
    deliver(notification)
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}

    with django_capture_on_commit_callbacks(execute=True):
        notification_retry(notification=notification, by=secretariat_user())

    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert len(mail.outbox) == 1


def test_refused_recipients_is_a_real_smtp_error():
    # Guards the backends below against drifting from what smtplib raises.
    assert issubclass(smtplib.SMTPRecipientsRefused, smtplib.SMTPException)


def test_an_email_to_a_french_reader_comes_from_the_french_sender_name(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        queue_invitation_like(UserFactory(language="fr"), key="test-event:fr")
        queue_invitation_like(UserFactory(language="en"), key="test-event:en")

    senders = {message.to[0]: message.from_email for message in mail.outbox}
    english, french = (n.to_email for n in Notification.objects.order_by("key"))
    assert senders[english] == "Innovation Incubator <incubator@example.org>"
    assert senders[french] == "Incubateur d'innovation <incubator@example.org>"


@pytest.mark.parametrize("outage", ["Unreachable", "ClosingService"])
def test_a_long_outage_of_the_mail_server_pauses_the_outbox_without_failing_a_message(
    settings, outage
):
    settings.MAILERS = mailer(outage)
    settings.OUTBOX_SWEEP_GRACE_SECONDS = 0
    notification = queue_invitation_like(UserFactory())

    for _hour in range(48):  # far more tries than OUTBOX_MAX_ATTEMPTS
        cache.clear()  # as if each pause had run out
        deliver(notification)
        outbox_sweep()

    notification.refresh_from_db()
    assert notification.status == NotificationStatus.PENDING
    assert notification.attempts == 0
    assert outbox_paused()
    assert outbox_sweep() == 0  # paused: nothing requeued

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    cache.clear()  # the pause is over
    assert outbox_sweep() == 1
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert notification.attempts == 1
    assert not outbox_paused()


def fan_out(count, prefix="fan-out"):
    people = UserFactory.create_batch(count)
    return notifications_queue(
        messages=[
            Outgoing(
                key=f"{prefix}:{person.pk}",
                template="invitation_accepted",
                context={"invitation": None, "member": person},
                recipient=person,
            )
            for person in people
        ]
    )


def test_a_fan_out_is_queued_in_one_go_and_sent_in_batches_over_one_connection(
    settings, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    settings.MAILERS = mailer("CountsConnections")
    settings.OUTBOX_BATCH_SIZE = 4
    mail_backends.CountsConnections.made = 0
    people = UserFactory.create_batch(10)
    messages = [
        Outgoing(
            key=f"fan-out:{person.pk}",
            template="invitation_accepted",
            context={"invitation": None, "member": person},
            recipient=person,
        )
        for person in people
    ]

    # Not one query per message:
    with django_assert_max_num_queries(6), django_capture_on_commit_callbacks() as dispatches:
        rows = notifications_queue(messages=messages)
    for dispatch in dispatches:
        dispatch()

    assert [row.to_email for row in rows] == [person.email for person in people]
    assert sorted(message.to[0] for message in mail.outbox) == sorted(p.email for p in people)
    assert Notification.objects.filter(status=NotificationStatus.SENT).count() == 10
    assert mail_backends.CountsConnections.made == 1  # 3 batches, one connection
    assert len({message.extra_headers["Message-ID"] for message in mail.outbox}) == 10


def test_queueing_a_fan_out_again_queues_nothing_more(django_capture_on_commit_callbacks):
    first = fan_out(3)
    with django_capture_on_commit_callbacks(execute=True):
        again = notifications_queue(
            messages=[
                Outgoing(row.key, "invitation_accepted", {"member": row.recipient}, row.recipient)
                for row in first
            ]
        )

    assert [row.pk for row in again] == [row.pk for row in first]
    assert mail.outbox == []  # their own dispatch (not run here) sends them, not this one


def test_the_sweep_requeues_in_bounded_batches(settings):
    settings.OUTBOX_SWEEP_GRACE_SECONDS = 0
    settings.OUTBOX_SWEEP_LIMIT = 5
    fan_out(8)  # their dispatch never ran: lost tasks

    assert outbox_sweep() == 5
    assert outbox_sweep() == 3
    assert Notification.objects.filter(status=NotificationStatus.SENT).count() == 8


def test_the_secretariat_sends_every_failed_message_of_a_kind_again(
    settings, django_capture_on_commit_callbacks
):
    settings.MAILERS = mailer("RefusesRecipients")
    settings.OUTBOX_SWEEP_GRACE_SECONDS = 0
    fan_out(3, prefix="survey-due")
    fan_out(2, prefix="other-kind")
    outbox_sweep()
    assert Notification.objects.filter(status=NotificationStatus.FAILED).count() == 5
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    secretariat = secretariat_user()

    with django_capture_on_commit_callbacks(execute=True):
        queued = notifications_retry_kind(kind="survey-due", by=secretariat)

    assert queued == 3
    assert len(mail.outbox) == 3
    statuses = dict(Notification.objects.values_list("key", "status"))
    assert {s for k, s in statuses.items() if k.startswith("survey-due:")} == {"sent"}
    assert {s for k, s in statuses.items() if k.startswith("other-kind:")} == {"failed"}
    entry = AuditEntry.objects.get(action="notification.kind_retried")
    assert entry.actor == secretariat
    assert entry.details == {"kind": "survey-due", "messages": 3}
