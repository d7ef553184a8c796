"""The outbox: every email is a row written with the change that caused it, sent after
commit by a Celery task in batches (``incubator/services/outbox_delivery.py``), retried
with backoff, and swept up if it got stuck."""

import re
from dataclasses import dataclass
from datetime import timedelta
from itertools import batched
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import timezone, translation

from incubator.models import Notification, User
from incubator.models.outbox import NotificationStatus
from incubator.sealing import masked, seal
from incubator.selectors.outbox import failed_notifications_of_kind
from incubator.services.audit import audit_record
from incubator.services.outbox_delivery import outbox_paused

# A subject is one line; the non-breaking spaces of French typography stay as they are.
LINE_BREAKS = re.compile(r"[ \t\r\n\f\v]+")
# Reset and confirmation links live 3 days; a message carrying one is useless after.
SECRET_LIFETIME = timedelta(days=3)


@dataclass(frozen=True)
class Outgoing:
    """One email to queue, rendered from ``templates/emails/<template>/``. ``secrets``
    are the strings in it (tokens, codes) that only the recipient may read."""

    key: str
    template: str
    context: dict
    recipient: User | None = None
    to_email: str | None = None
    secrets: tuple[str, ...] = ()
    secret_lifetime: timedelta = SECRET_LIFETIME


def notification_queue(
    *,
    key: str,
    template: str,
    context: dict,
    recipient: User | None = None,
    to_email: str | None = None,
    secrets: tuple[str, ...] = (),
    secret_lifetime: timedelta = SECRET_LIFETIME,
) -> Notification:
    """Queue an email in the recipient's language and time zone. Queueing the same key
    twice queues it once."""
    existing = Notification.objects.filter(key=key).first()
    if existing is not None:
        return existing
    outgoing = Outgoing(key, template, context, recipient, to_email, secrets, secret_lifetime)
    return _queue_fields(_rendered(outgoing))


def notification_queue_rendered(
    *,
    key: str,
    to_email: str,
    language: str,
    subject: str,
    body_text: str,
    body_html: str = "",
    recipient: User | None = None,
    secrets: tuple[str, ...] = (),
    secret_lifetime: timedelta = SECRET_LIFETIME,
) -> Notification:
    """Queue an email already rendered (the account emails of allauth)."""
    fields = _fields(
        key=key,
        recipient=recipient,
        to_email=to_email,
        language=language,
        content={"subject": subject, "body_text": body_text, "body_html": body_html},
        secrets=secrets,
        secret_lifetime=secret_lifetime,
    )
    return _queue_fields(fields)


@transaction.atomic
def notifications_queue(*, messages: list[Outgoing]) -> list[Notification]:
    """Queue many emails at once (a fan-out): the new rows are written together in this
    transaction and sent in batches after commit. Returns the row of each message, in
    order; a key already queued keeps its row."""
    keys = [message.key for message in messages]
    known = set(Notification.objects.filter(key__in=keys).values_list("key", flat=True))
    fresh = {message.key: message for message in messages if message.key not in known}
    Notification.objects.bulk_create(
        [Notification(**_rendered(message)) for message in fresh.values()],
        ignore_conflicts=True,
        batch_size=500,
    )
    rows = {row.key: row for row in Notification.objects.filter(key__in=keys)}
    _dispatch_after_commit(sorted(rows[key].pk for key in fresh))
    return [rows[key] for key in keys]


def _rendered(message: Outgoing) -> dict:
    recipient = message.recipient
    language = recipient.language if recipient else settings.LANGUAGE_CODE
    zone = ZoneInfo(recipient.time_zone if recipient else "UTC")
    context = {"recipient": recipient, "site_url": settings.SITE_URL, **message.context}
    with translation.override(language), timezone.override(zone):
        content = {
            name: render_to_string(f"emails/{message.template}/{part}", context)
            for name, part in [
                ("subject", "subject.txt"),
                ("body_text", "body.txt"),
                ("body_html", "body.html"),
            ]
        }
    return _fields(
        key=message.key,
        recipient=recipient,
        to_email=message.to_email or recipient.email,
        language=language,
        content=content,
        secrets=message.secrets,
        secret_lifetime=message.secret_lifetime,
    )


def _fields(*, key, recipient, to_email, language, content, secrets, secret_lifetime) -> dict:
    """The row's columns. A message with secrets is stored masked, and sealed whole."""
    content = {**content, "subject": LINE_BREAKS.sub(" ", content["subject"]).strip()[:300]}
    sealed = ""
    if secrets:
        sealed = seal(content, lifetime_seconds=int(secret_lifetime.total_seconds()))
        content = {name: masked(text, secrets) for name, text in content.items()}
    return {
        "key": key,
        "recipient": recipient,
        "to_email": to_email,
        "language": language,
        "sealed": sealed,
        **content,
    }


@transaction.atomic
def _queue_fields(fields: dict) -> Notification:
    key = fields.pop("key")
    notification, created = Notification.objects.get_or_create(key=key, defaults=fields)
    if created:
        _dispatch_after_commit([notification.pk])
    return notification


def _dispatch_after_commit(notification_ids: list[int]) -> None:
    from incubator.tasks import send_notifications

    def dispatch():
        for batch in batched(notification_ids, settings.OUTBOX_BATCH_SIZE):
            send_notifications.delay(list(batch))

    # robust: if the broker is down the change still commits; the sweep sends it later.
    if notification_ids:
        transaction.on_commit(dispatch, robust=True)


def outbox_sweep(*, now=None) -> int:
    """Queue a send for pending rows that are due and have waited past the grace period
    (their task was lost, or their retry is due), the longest waiting first, at most
    ``OUTBOX_SWEEP_LIMIT`` a sweep. Nothing while the outbox is paused."""
    if outbox_paused():
        return 0
    now = now or timezone.now()
    due = Notification.objects.filter(status=NotificationStatus.PENDING).filter(
        Q(next_attempt_at__lte=now)
        | Q(
            next_attempt_at__isnull=True,
            created_at__lte=now - timedelta(seconds=settings.OUTBOX_SWEEP_GRACE_SECONDS),
        )
    )
    ids = list(
        due.order_by(Coalesce("next_attempt_at", "created_at")).values_list("pk", flat=True)[
            : settings.OUTBOX_SWEEP_LIMIT
        ]
    )
    from incubator.tasks import send_notifications

    for batch in batched(ids, settings.OUTBOX_BATCH_SIZE):
        send_notifications.delay(list(batch))
    return len(ids)


@transaction.atomic
def notification_retry(*, notification: Notification, by: User) -> Notification:
    """The secretariat sends a failed message again, from a clean slate."""
    notification.status = NotificationStatus.PENDING
    notification.attempts = 0
    notification.next_attempt_at = None
    notification.save(update_fields=["status", "attempts", "next_attempt_at"])
    audit_record(actor=by, action="notification.retried", target=notification)
    _dispatch_after_commit([notification.pk])
    return notification


@transaction.atomic
def notifications_retry_kind(*, kind: str, by: User) -> int:
    """The secretariat sends every failed message of one kind again (after an outage of
    the mail system, say), from a clean slate. Returns how many were queued."""
    failed = failed_notifications_of_kind(kind=kind).select_for_update()
    ids = list(failed.order_by("pk").values_list("pk", flat=True))
    if not ids:
        return 0
    Notification.objects.filter(pk__in=ids).update(
        status=NotificationStatus.PENDING, attempts=0, next_attempt_at=None
    )
    audit_record(
        actor=by,
        action="notification.kind_retried",
        target=Notification.objects.get(pk=ids[0]),
        details={"kind": kind, "messages": len(ids)},
    )
    _dispatch_after_commit(ids)
    return len(ids)
