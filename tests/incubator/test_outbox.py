import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from incubator.models import Notification
from incubator.models.outbox import NotificationStatus
from incubator.services.outbox import (
    notification_deliver,
    notification_queue,
    notification_retry,
    outbox_sweep,
)
from tests.factories import UserFactory, secretariat_user

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


def test_a_transient_failure_is_retried_later_with_backoff(settings):
    settings.MAILERS = mailer("Unreachable")
    notification = queue_invitation_like(UserFactory())

    notification_deliver(notification_id=notification.pk)

    notification.refresh_from_db()
    assert notification.status == NotificationStatus.PENDING
    assert notification.attempts == 1
    assert notification.next_attempt_at is not None
    assert "Connection refused" in notification.last_error


def test_a_message_still_failing_after_the_last_attempt_ends_as_failed(settings):
    settings.MAILERS = mailer("Unreachable")
    settings.OUTBOX_MAX_ATTEMPTS = 2
    notification = queue_invitation_like(UserFactory())

    notification_deliver(notification_id=notification.pk)
    Notification.objects.filter(pk=notification.pk).update(next_attempt_at=None)
    notification_deliver(notification_id=notification.pk)

    notification.refresh_from_db()
    assert notification.status == NotificationStatus.FAILED
    assert notification.attempts == 2


def test_a_refused_recipient_fails_at_once_without_retrying(settings):
    settings.MAILERS = mailer("RefusesRecipients")
    notification = queue_invitation_like(UserFactory())

    notification_deliver(notification_id=notification.pk)

    notification.refresh_from_db()
    assert notification.status == NotificationStatus.FAILED
    assert notification.attempts == 1


def test_a_sent_message_is_never_sent_again():
    notification = queue_invitation_like(UserFactory())
    notification_deliver(notification_id=notification.pk)
    notification_deliver(notification_id=notification.pk)

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
    notification_deliver(notification_id=notification.pk)
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
