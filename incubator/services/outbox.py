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

from incubator.mail_kinds import choice_of, unsubscribe_url
from incubator.models import MailOptOut, Notification, User
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
    # For someone without an account; an account's own language wins.
    language: str | None = None


def notification_queue(
    *,
    key: str,
    template: str,
    context: dict,
    recipient: User | None = None,
    to_email: str | None = None,
    language: str | None = None,
    secrets: tuple[str, ...] = (),
    secret_lifetime: timedelta = SECRET_LIFETIME,
) -> Notification:
    """Queue an email in the recipient's language and time zone (``language`` for someone
    without an account). Queueing the same key twice queues it once."""
    existing = Notification.objects.filter(key=key).first()
    if existing is not None:
        return existing
    outgoing = Outgoing(
        key, template, context, recipient, to_email, secrets, secret_lifetime, language
    )
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
    kind: str = "",
    secrets: tuple[str, ...] = (),
    secret_lifetime: timedelta = SECRET_LIFETIME,
) -> Notification:
    """Queue an email already rendered (the account emails of allauth)."""
    fields = _fields(
        key=key,
        recipient=recipient,
        to_email=to_email,
        language=language,
        kind=kind,
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
    refused = set(
        MailOptOut.objects.filter(
            user__in=[message.recipient for message in fresh.values() if message.recipient]
        ).values_list("user_id", "choice")
    )
    Notification.objects.bulk_create(
        [Notification(**_rendered(message, refused)) for message in fresh.values()],
        ignore_conflicts=True,
        batch_size=500,
    )
    rows = {row.key: row for row in Notification.objects.filter(key__in=keys)}
    _dispatch_after_commit(
        sorted(rows[key].pk for key in fresh if rows[key].status == NotificationStatus.PENDING)
    )
    return [rows[key] for key in keys]


def _rendered(message: Outgoing, refused: set[tuple[int, str]] | None = None) -> dict:
    """The row of one message; ``refused`` holds the (person, choice) pairs of email
    choices already read, for a fan-out."""
    recipient = message.recipient
    language = recipient.language if recipient else (message.language or settings.LANGUAGE_CODE)
    zone = ZoneInfo(recipient.time_zone if recipient else "UTC")
    context = {"recipient": recipient, "site_url": settings.SITE_URL, **message.context}
    choice = choice_of(message.template)
    if choice and recipient is not None:
        # Every email a person may refuse says how to stop it, in one click (RFC 8058);
        # emails/base.html shows the link in the HTML version.
        context["unsubscribe_url"] = unsubscribe_url(user_id=recipient.pk, choice=choice)
    with translation.override(language), timezone.override(zone):
        content = {
            name: render_to_string(f"emails/{message.template}/{part}", context)
            for name, part in [
                ("subject", "subject.txt"),
                ("body_text", "body.txt"),
                ("body_html", "body.html"),
            ]
        }
        if "unsubscribe_url" in context:
            content["body_text"] += render_to_string("emails/unsubscribe_footer.txt", context)
    return _fields(
        key=message.key,
        recipient=recipient,
        to_email=message.to_email or recipient.email,
        language=language,
        kind=message.template,
        content=content,
        secrets=message.secrets,
        secret_lifetime=message.secret_lifetime,
        refused=refused,
    )


def _fields(
    *, key, recipient, to_email, language, kind, content, secrets, secret_lifetime, refused=None
) -> dict:
    """The row's columns. A message with secrets is stored masked, and sealed whole; its
    link on the notifications page would carry the secret, so it has none."""
    content = {**content, "subject": LINE_BREAKS.sub(" ", content["subject"]).strip()[:300]}
    sealed = ""
    if secrets:
        sealed = seal(content, lifetime_seconds=int(secret_lifetime.total_seconds()))
        content = {name: masked(text, secrets) for name, text in content.items()}
    not_wanted = _not_wanted(recipient, kind, refused)
    return {
        "key": key,
        "recipient": recipient,
        "to_email": to_email,
        "language": language,
        "kind": kind,
        "link": "" if secrets else _link_in(content["body_text"]),
        "status": NotificationStatus.NOT_WANTED if not_wanted else NotificationStatus.PENDING,
        "sealed": sealed,
        **content,
    }


def _link_in(body_text: str) -> str:
    """The first page of the portal an email points to, for the notifications page."""
    found = re.search(re.escape(settings.SITE_URL) + r"(/[^\s<>\"')]*)", body_text)
    return found.group(1)[:500] if found else ""


def _not_wanted(recipient: User | None, kind: str, refused: set | None) -> bool:
    choice = choice_of(kind)
    if not (choice and recipient):
        return False
    if refused is not None:
        return (recipient.pk, choice) in refused
    return MailOptOut.objects.filter(user=recipient, choice=choice).exists()


@transaction.atomic
def _queue_fields(fields: dict) -> Notification:
    key = fields.pop("key")
    notification, created = Notification.objects.get_or_create(key=key, defaults=fields)
    if created and notification.status == NotificationStatus.PENDING:
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
