"""The outbox: every email is a row written with the change that caused it, sent after
commit by a Celery task, retried with backoff, and swept up if it got stuck."""

import hashlib
import logging
import re
import smtplib
from datetime import timedelta
from email.utils import formataddr, parseaddr
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import timezone, translation

from incubator.mail_kinds import choice_of, unsubscribe_url
from incubator.models import MailOptOut, Notification, User
from incubator.models.outbox import NotificationStatus
from incubator.services.audit import audit_record

logger = logging.getLogger(__name__)
# A subject is one line; the non-breaking spaces of French typography stay as they are.
LINE_BREAKS = re.compile(r"[ \t\r\n\f\v]+")


class PermanentDeliveryError(Exception):
    """The mail system refused the message for good; retrying cannot help."""


def notification_queue(
    *,
    key: str,
    template: str,
    context: dict,
    recipient: User | None = None,
    to_email: str | None = None,
    language: str | None = None,
) -> Notification:
    """Queue an email rendered from ``templates/emails/<template>/`` in the recipient's
    language and time zone (``language`` for someone without an account). Queueing the
    same key twice queues it once."""
    existing = Notification.objects.filter(key=key).first()
    if existing is not None:
        return existing
    language = recipient.language if recipient else (language or settings.LANGUAGE_CODE)
    zone = ZoneInfo(recipient.time_zone if recipient else "UTC")
    full_context = {"recipient": recipient, "site_url": settings.SITE_URL, **context}
    choice = choice_of(template)
    if choice and recipient is not None:
        # Every email a person may refuse says how to stop it, in one click (RFC 8058);
        # emails/base.html shows the link in the HTML version.
        full_context["unsubscribe_url"] = unsubscribe_url(user_id=recipient.pk, choice=choice)
    with translation.override(language), timezone.override(zone):
        subject = render_to_string(f"emails/{template}/subject.txt", full_context)
        body_text = render_to_string(f"emails/{template}/body.txt", full_context)
        body_html = render_to_string(f"emails/{template}/body.html", full_context)
        if "unsubscribe_url" in full_context:
            body_text += render_to_string("emails/unsubscribe_footer.txt", full_context)
    return notification_queue_rendered(
        key=key,
        recipient=recipient,
        to_email=to_email or recipient.email,
        language=language,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        kind=template,
    )


def _link_in(body_text: str) -> str:
    """The first page of the portal an email points to, for the notifications page."""
    found = re.search(re.escape(settings.SITE_URL) + r"(/[^\s<>\"')]*)", body_text)
    return found.group(1)[:500] if found else ""


def _not_wanted(recipient: User | None, kind: str) -> bool:
    choice = choice_of(kind)
    return bool(
        choice and recipient and MailOptOut.objects.filter(user=recipient, choice=choice).exists()
    )


@transaction.atomic
def notification_queue_rendered(
    *,
    key: str,
    to_email: str,
    language: str,
    subject: str,
    body_text: str,
    body_html: str = "",
    recipient: User | None = None,
    kind: str = "",
) -> Notification:
    not_wanted = _not_wanted(recipient, kind)
    notification, created = Notification.objects.get_or_create(
        key=key,
        defaults={
            "recipient": recipient,
            "to_email": to_email,
            "language": language,
            "subject": LINE_BREAKS.sub(" ", subject).strip()[:300],
            "body_text": body_text,
            "body_html": body_html,
            "kind": kind,
            "link": _link_in(body_text),
            "status": NotificationStatus.NOT_WANTED if not_wanted else NotificationStatus.PENDING,
        },
    )
    if created and not not_wanted:
        _dispatch_after_commit(notification.pk)
    return notification


def _dispatch_after_commit(notification_id: int, countdown: int = 0) -> None:
    from incubator.tasks import send_notification

    # robust: if the broker is down the change still commits; the sweep sends it later.
    transaction.on_commit(
        lambda: send_notification.apply_async(args=[notification_id], countdown=countdown),
        robust=True,
    )


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(60 * 2 ** (attempts - 1), 3600))


def notification_deliver(*, notification_id: int) -> str | None:
    """Send one queued email. The row stays locked while the mail goes out, so a
    worker that dies mid-send rolls back to pending and nothing is marked twice."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(skip_locked=True)
            .filter(pk=notification_id, status=NotificationStatus.PENDING)
            .first()
        )
        if notification is None:
            return None
        now = timezone.now()
        if notification.next_attempt_at and notification.next_attempt_at > now:
            return notification.status
        notification.attempts += 1
        try:
            _send(notification)
        except PermanentDeliveryError as error:
            notification.status = NotificationStatus.FAILED
            notification.last_error = str(error)[:2000]
        except Exception as error:
            logger.warning("Sending notification %s failed: %s", notification.pk, error)
            notification.last_error = f"{type(error).__name__}: {error}"[:2000]
            if notification.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
                notification.status = NotificationStatus.FAILED
            else:
                delay = _backoff(notification.attempts)
                notification.next_attempt_at = now + delay
                _dispatch_after_commit(notification.pk, countdown=int(delay.total_seconds()))
        else:
            notification.status = NotificationStatus.SENT
            notification.sent_at = timezone.now()
            notification.last_error = ""
        notification.save()
        return notification.status


def _message_id(notification: Notification) -> str:
    # Stable per notification, so a receiving server can recognise a re-delivery.
    digest = hashlib.sha256(notification.key.encode()).hexdigest()[:24]
    host = urlsplit(settings.SITE_URL).hostname or "incubator.invalid"
    return f"<{digest}.{notification.pk}@{host}>"


def _sender_in(language: str) -> str:
    """The From of an email in ``language``: the sender's name in it, the one address."""
    name = settings.EMAIL_SENDER_NAMES.get(language)
    if not name:
        return settings.DEFAULT_FROM_EMAIL
    return formataddr((name, parseaddr(settings.DEFAULT_FROM_EMAIL)[1]))


def _headers(notification: Notification) -> dict[str, str]:
    headers = {"Message-ID": _message_id(notification)}
    choice = choice_of(notification.kind)
    if choice and notification.recipient_id:
        url = unsubscribe_url(user_id=notification.recipient_id, choice=choice)
        headers["List-Unsubscribe"] = f"<{url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return headers


def _send(notification: Notification) -> None:
    message = EmailMultiAlternatives(
        subject=notification.subject,
        body=notification.body_text,
        from_email=_sender_in(notification.language),
        to=[notification.to_email],
        headers=_headers(notification),
    )
    if notification.body_html:
        message.attach_alternative(notification.body_html, "text/html")
    try:
        message.send(fail_silently=False)
    except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused) as error:
        raise PermanentDeliveryError(f"{type(error).__name__}: {error}") from error
    except smtplib.SMTPResponseException as error:
        if 500 <= error.smtp_code < 600:
            raise PermanentDeliveryError(f"SMTP {error.smtp_code}: {error.smtp_error!r}") from error
        raise


def outbox_sweep(*, now=None) -> int:
    """Queue a send for every pending row that is due and has waited past the grace
    period: its task was lost (broker down, worker killed) or its retry is due."""
    now = now or timezone.now()
    due = Notification.objects.filter(status=NotificationStatus.PENDING).filter(
        Q(next_attempt_at__lte=now)
        | Q(
            next_attempt_at__isnull=True,
            created_at__lte=now - timedelta(seconds=settings.OUTBOX_SWEEP_GRACE_SECONDS),
        )
    )
    ids = list(due.order_by(Coalesce("next_attempt_at", "created_at")).values_list("pk", flat=True))
    from incubator.tasks import send_notification

    for notification_id in ids:
        send_notification.delay(notification_id)
    return len(ids)


@transaction.atomic
def notification_retry(*, notification: Notification, by: User) -> Notification:
    """The secretariat sends a failed message again, from a clean slate."""
    notification.status = NotificationStatus.PENDING
    notification.attempts = 0
    notification.next_attempt_at = None
    notification.save(update_fields=["status", "attempts", "next_attempt_at"])
    audit_record(actor=by, action="notification.retried", target=notification)
    _dispatch_after_commit(notification.pk)
    return notification
