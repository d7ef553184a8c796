"""Sending the outbox. A task names a batch of rows; the worker claims them a few at a
time (``SELECT … FOR UPDATE SKIP LOCKED`` in a short transaction that gives the claimed
rows a lease), then sends them over the process's one connection to the mail server,
with no transaction open and no row locked while the server answers. Each message is
committed as sent by one UPDATE as soon as the server accepts it, so the window for a
duplicate (a worker killed between the server's 250 and that UPDATE reaching the
database) is a few microseconds of Python. A worker killed mid-batch leaves its claimed,
unsent rows pending: the sweep sends them once their lease is over. Each message keeps a
stable Message-ID, so a receiving server can recognise a re-delivery.

Only an answer of the server about a message counts as an attempt for it. A server that
cannot be reached, drops the connection or says it is closing (421) pauses the whole
outbox, for longer each time, until it answers again."""

import contextlib
import functools
import hashlib
import logging
import smtplib
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import formataddr, parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives, mailers
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from incubator.mail_kinds import choice_of, unsubscribe_url
from incubator.models import Notification
from incubator.models.outbox import NotificationStatus
from incubator.sealing import SealExpired, unseal

logger = logging.getLogger(__name__)
PAUSE_KEY = "outbox:paused"
FIRST_PAUSE_SECONDS = 30
# Rows claimed at once: few enough that a killed worker strands little for its lease.
CLAIM_SIZE = 25


class PermanentDeliveryError(Exception):
    """The mail system refused the message for good; retrying cannot help."""


class DeferredByServer(Exception):
    """The server answered about this message: not now (4xx). It counts as an attempt."""


class MailServerUnavailable(Exception):
    """No answer about the message: the server is unreachable, or gone mid-way."""


@dataclass(frozen=True)
class Claim:
    """Rows this worker alone may send until ``until`` (their ``next_attempt_at``)."""

    rows: list[Notification]
    until: datetime
    # No send starts after this (monotonic clock): the lease then still covers it.
    send_by: float


def notifications_deliver(*, notification_ids: list[int]) -> int:
    """Send the rows among ``notification_ids`` that are pending and due, over one
    connection. Returns how many the server accepted."""
    if outbox_paused():
        return 0
    waiting = sorted(set(notification_ids))
    accepted, claimed = 0, False
    try:
        with _commits_without_waiting_for_disk():
            while waiting and (claim := _claim(waiting)).rows:
                claimed = True
                sent, handled = _send_claimed(claim)
                accepted += sent
                if not handled:
                    break  # a lease too short to start one send: the sweep comes back
                waiting = [pk for pk in waiting if pk not in handled]
    except MailServerUnavailable as error:
        _mailer_drop()
        _pause(error)
        return accepted
    if claimed:
        _resume()
    return accepted


def _due(rows):
    return rows.filter(status=NotificationStatus.PENDING).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=timezone.now())
    )


def _claim(notification_ids: list[int]) -> Claim:
    """Claim the first due rows among ``notification_ids`` that no other worker holds.
    The lease keeps them from the sweep and from other workers; only this short
    transaction locks them."""
    lease = settings.OUTBOX_CLAIM_SECONDS
    with transaction.atomic():
        rows = list(
            _due(Notification.objects.filter(pk__in=notification_ids))
            .select_for_update(skip_locked=True)
            .order_by("pk")[:CLAIM_SIZE]
        )
        until = timezone.now() + timedelta(seconds=lease)
        if rows:
            Notification.objects.filter(pk__in=[row.pk for row in rows]).update(
                next_attempt_at=until
            )
    return Claim(rows=rows, until=until, send_by=time.monotonic() + lease / 2)


def _send_claimed(claim: Claim) -> tuple[int, set[int]]:
    """Send the claimed rows in order over the process's connection. Returns how many
    the server accepted and which rows are done with; the others (the lease nearly over,
    or the server gone) are released at once, to be claimed again."""
    sent, handled = 0, set()
    try:
        mailer = _mailer()
        for notification in claim.rows:
            if time.monotonic() > claim.send_by:
                break
            sent += _deliver_one(notification, mailer)
            handled.add(notification.pk)
    finally:
        _release([row.pk for row in claim.rows if row.pk not in handled], claim.until)
    return sent, handled


def _release(notification_ids: list[int], until: datetime) -> None:
    """Make rows still under this worker's lease due again."""
    if notification_ids:
        Notification.objects.filter(
            pk__in=notification_ids, status=NotificationStatus.PENDING, next_attempt_at=until
        ).update(next_attempt_at=None)


def _deliver_one(notification: Notification, mailer) -> int:
    try:
        _send(mailer, _message(notification))
    except PermanentDeliveryError as error:
        _record(notification, status=NotificationStatus.FAILED, last_error=str(error)[:2000])
        return 0
    except DeferredByServer as error:
        _record(notification, **_retry_later(notification, error))
        return 0
    _mark_sent(notification.pk)
    return 1


def _mark_sent(notification_id: int) -> None:
    """Commit the sent state. The time from the server's 250 until this statement is on
    the wire is the window for a duplicate, so the statement is written once, ahead of
    time: compiling an ORM update here would take ten times longer. Once sent, the
    database commits it even if the worker dies before the answer."""
    with connection.cursor() as cursor:
        cursor.execute(_sent_sql(), [NotificationStatus.SENT, timezone.now(), notification_id])


@functools.cache
def _sent_sql() -> str:
    # The sealed copy goes: delivered, its secret is the recipient's alone now.
    return (
        f"UPDATE {connection.ops.quote_name(Notification._meta.db_table)} SET status = %s,"
        " attempts = attempts + 1, sent_at = %s, next_attempt_at = NULL, last_error = '',"
        " sealed = '' WHERE id = %s"
    )


def _record(notification: Notification, **fields) -> None:
    """What the server said about a message it did not accept; one attempt more."""
    Notification.objects.filter(pk=notification.pk).update(
        attempts=F("attempts") + 1, **{"next_attempt_at": None, **fields}
    )


@contextlib.contextmanager
def _commits_without_waiting_for_disk():
    """Each sent state is its own commit; on PostgreSQL it need not wait for the disk.
    A crash of the database itself may then forget the last few sends, which are sent
    again (a duplicate with the same Message-ID), never lost."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        with contextlib.suppress(Exception), connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def _retry_later(notification: Notification, error: Exception) -> dict:
    """The row's new fields after the server deferred it: due again later with backoff,
    or failed after the last attempt."""
    logger.warning("The mail server deferred notification %s: %s", notification.pk, error)
    attempts = notification.attempts + 1
    if attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        return {"status": NotificationStatus.FAILED, "last_error": str(error)[:2000]}
    # The sweep queues it again once it is due.
    delay = timedelta(seconds=min(60 * 2 ** (attempts - 1), 3600))
    return {"next_attempt_at": timezone.now() + delay, "last_error": str(error)[:2000]}


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
