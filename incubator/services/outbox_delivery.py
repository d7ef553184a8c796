"""Sending the outbox. A worker process keeps one connection to the mail server and sends
a batch of rows over it; each row is locked while its message goes out and committed as
sent as soon as the server accepts it, so a worker killed mid-send rolls back to pending
and the window for a duplicate is one UPDATE long. Each message keeps a stable
Message-ID, so a receiving server can recognise a re-delivery.

Only an answer of the server about a message counts as an attempt for it. A server that
cannot be reached, drops the connection or says it is closing (421) pauses the whole
outbox, for longer each time, until it answers again."""

import contextlib
import hashlib
import logging
import smtplib
from datetime import timedelta
from email.utils import formataddr, parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives, mailers
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from incubator.mail_kinds import choice_of, unsubscribe_url
from incubator.models import Notification
from incubator.models.outbox import NotificationStatus
from incubator.sealing import SealExpired, unseal

logger = logging.getLogger(__name__)
PAUSE_KEY = "outbox:paused"
FIRST_PAUSE_SECONDS = 30
DELIVERY_FIELDS = ["status", "attempts", "next_attempt_at", "last_error", "sent_at", "sealed"]


class PermanentDeliveryError(Exception):
    """The mail system refused the message for good; retrying cannot help."""


class DeferredByServer(Exception):
    """The server answered about this message: not now (4xx). It counts as an attempt."""


class MailServerUnavailable(Exception):
    """No answer about the message: the server is unreachable, or gone mid-way."""


def notifications_deliver(*, notification_ids: list[int]) -> int:
    """Send the rows among ``notification_ids`` that are pending and due, over one
    connection. Returns how many the server accepted."""
    if outbox_paused():
        return 0
    due = (
        Notification.objects.filter(pk__in=notification_ids, status=NotificationStatus.PENDING)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=timezone.now()))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    due = list(due)
    if not due:
        return 0
    accepted = 0
    try:
        mailer = _mailer()
        for notification_id in due:
            accepted += _deliver_one(notification_id, mailer)
    except MailServerUnavailable as error:
        _mailer_drop()
        _pause(error)
        return accepted
    _resume()
    return accepted


def _deliver_one(notification_id: int, mailer) -> int:
    with transaction.atomic():
        _commit_without_waiting_for_disk()
        notification = (
            Notification.objects.select_for_update(skip_locked=True)
            .filter(pk=notification_id, status=NotificationStatus.PENDING)
            .first()
        )
        if notification is None:
            return 0  # sent meanwhile, or being sent by another worker
        notification.attempts += 1
        try:
            _send(mailer, _message(notification))
        except PermanentDeliveryError as error:
            notification.status = NotificationStatus.FAILED
            notification.last_error = str(error)[:2000]
        except DeferredByServer as error:
            _retry_later(notification, error)
        else:
            notification.status = NotificationStatus.SENT
            notification.sent_at = timezone.now()
            notification.last_error = ""
            notification.sealed = ""  # delivered: its secret is the recipient's alone now
        notification.save(
            update_fields=[
                "status",
                "attempts",
                "next_attempt_at",
                "last_error",
                "sent_at",
                "sealed",
            ]
        )
        return int(notification.status == NotificationStatus.SENT)


def _commit_without_waiting_for_disk() -> None:
    """The commit after the server's 250 is the window for a duplicate: on PostgreSQL it
    need not wait for the disk. A crash of the database itself may then forget the last
    few sends, which are sent again (a duplicate with the same Message-ID), never lost."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def _retry_later(notification: Notification, error: Exception) -> None:
    logger.warning("The mail server deferred notification %s: %s", notification.pk, error)
    notification.last_error = str(error)[:2000]
    if notification.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        notification.status = NotificationStatus.FAILED
    else:
        # The sweep queues it again once it is due.
        delay = timedelta(seconds=min(60 * 2 ** (notification.attempts - 1), 3600))
        notification.next_attempt_at = timezone.now() + delay


def _message(notification: Notification) -> EmailMultiAlternatives:
    content = {
        "subject": notification.subject,
        "body_text": notification.body_text,
        "body_html": notification.body_html,
    }
    if notification.sealed:
        try:
            content = unseal(notification.sealed)
        except SealExpired as error:
            raise PermanentDeliveryError(
                f"Not sent: {error}; the person must ask again."
            ) from error
    message = EmailMultiAlternatives(
        subject=content["subject"],
        body=content["body_text"],
        from_email=_sender_in(notification.language),
        to=[notification.to_email],
        headers=_headers(notification),
    )
    if content["body_html"]:
        message.attach_alternative(content["body_html"], "text/html")
    return message


def _headers(notification: Notification) -> dict[str, str]:
    headers = {"Message-ID": _message_id(notification)}
    choice = choice_of(notification.kind)
    if choice and notification.recipient_id:
        url = unsubscribe_url(user_id=notification.recipient_id, choice=choice)
        headers["List-Unsubscribe"] = f"<{url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return headers


def _message_id(notification: Notification) -> str:
    digest = hashlib.sha256(notification.key.encode()).hexdigest()[:24]
    host = urlsplit(settings.SITE_URL).hostname or "incubator.invalid"
    return f"<{digest}.{notification.pk}@{host}>"


def _sender_in(language: str) -> str:
    """The From of an email in ``language``: the sender's name in it, the one address."""
    name = settings.EMAIL_SENDER_NAMES.get(language)
    if not name:
        return settings.DEFAULT_FROM_EMAIL
    return formataddr((name, parseaddr(settings.DEFAULT_FROM_EMAIL)[1]))


def _send(mailer, message: EmailMultiAlternatives) -> None:
    """Send one message, and say whose problem a failure is: the message's (permanent or
    deferred) or the connection's (``MailServerUnavailable``)."""
    try:
        mailer.send_messages([message])
    except smtplib.SMTPRecipientsRefused as error:
        codes = [code for code, _text in error.recipients.values()]
        kind = PermanentDeliveryError if min(codes) >= 500 else DeferredByServer
        raise kind(f"{type(error).__name__}: {error}") from error
    except smtplib.SMTPResponseException as error:
        described = f"SMTP {error.smtp_code}: {error.smtp_error!r}"
        if error.smtp_code == 421:  # the server is closing the connection: not about us
            raise MailServerUnavailable(described) from error
        kind = PermanentDeliveryError if error.smtp_code >= 500 else DeferredByServer
        raise kind(described) from error
    except ValueError as error:  # an address that cannot be written in a message
        raise PermanentDeliveryError(str(error)) from error
    except (smtplib.SMTPException, OSError) as error:
        raise MailServerUnavailable(f"{type(error).__name__}: {error}") from error


# One connection per worker process ---------------------------------------------------

_held = {"config": None, "mailer": None}


def _mailer():
    """The process's open mailer, opened (or reopened, if the server dropped it while it
    sat idle) now."""
    config = settings.MAILERS["default"]
    if _held["mailer"] is not None and _held["config"] != config:
        _mailer_drop()
    if _held["mailer"] is None:
        _held["mailer"], _held["config"] = mailers.default, config
    mailer = _held["mailer"]
    try:
        connection = getattr(mailer, "connection", None)
        if isinstance(connection, smtplib.SMTP) and connection.noop()[0] != 250:
            raise smtplib.SMTPServerDisconnected("no answer to NOOP")
    except (smtplib.SMTPException, OSError):
        connection.close()
        mailer.connection = None  # gone while idle: open a new one below
    try:
        mailer.open()
    except (smtplib.SMTPException, OSError) as error:
        _mailer_drop()
        raise MailServerUnavailable(f"{type(error).__name__}: {error}") from error
    return mailer


def _mailer_drop() -> None:
    mailer, _held["mailer"] = _held["mailer"], None
    if mailer is not None:
        with contextlib.suppress(smtplib.SMTPException, OSError):  # already gone
            mailer.close()


def outbox_mailer_close() -> None:
    """Say goodbye to the mail server (a worker process stopping)."""
    _mailer_drop()


# The outbox paused during an outage of the mail server ------------------------------


def outbox_pause() -> dict | None:
    """Since when, until when and why the outbox is paused, or None."""
    try:
        return cache.get(PAUSE_KEY)
    except Exception as error:  # the cache down must not stop the mail
        logger.warning("Cannot read the outbox pause: %s", error)
        return None


def outbox_paused() -> bool:
    pause = outbox_pause()
    return pause is not None and pause["until"] > timezone.now()


def _pause(error: Exception) -> None:
    pause = outbox_pause() or {"since": timezone.now(), "outages": 0}
    pause["outages"] += 1
    seconds = min(
        FIRST_PAUSE_SECONDS * 2 ** (pause["outages"] - 1), settings.OUTBOX_PAUSE_MAX_SECONDS
    )
    pause.update(until=timezone.now() + timedelta(seconds=seconds), error=str(error)[:500])
    logger.warning("Mail server unavailable, outbox paused for %ss: %s", seconds, error)
    try:
        cache.set(PAUSE_KEY, pause, timeout=None)
    except Exception as cache_error:
        logger.warning("Cannot record the outbox pause: %s", cache_error)


def _resume() -> None:
    if outbox_pause() is not None:
        logger.info("Mail server answers again; outbox resumed")
        try:
            cache.delete(PAUSE_KEY)
        except Exception as error:
            logger.warning("Cannot clear the outbox pause: %s", error)
