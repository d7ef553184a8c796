from django.db.models import Case, Count, F, Max, Q, QuerySet, Value, When
from django.db.models.functions import Left, StrIndex
from django.http import Http404
from django.shortcuts import get_object_or_404

from incubator.models import Notification
from incubator.models.outbox import NotificationStatus

# The kind of a message is the event its key names: "invitation-sent:42" → "invitation-sent".
MESSAGE_KIND = Case(
    When(key__contains=":", then=Left("key", StrIndex("key", Value(":")) - 1)),
    default=F("key"),
)


def notifications_for_desk(*, status: str | None) -> QuerySet[Notification]:
    queryset = Notification.objects.select_related("recipient").defer(
        "body_text", "body_html", "sealed"
    )
    return queryset.filter(status=status) if status else queryset


def notification_counts() -> dict[str, int]:
    rows = Notification.objects.values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in rows}


def failed_notification(*, pk: int) -> Notification:
    """A message that failed for good, or 404."""
    return get_object_or_404(Notification, pk=pk, status=NotificationStatus.FAILED)


def failed_kinds() -> list[dict]:
    """Each kind of message with failed ones: ``message_kind``, ``failed`` (how many) and
    ``latest`` (when the last was queued), the most failed first."""
    return list(
        Notification.objects.filter(status=NotificationStatus.FAILED)
        .annotate(message_kind=MESSAGE_KIND)
        .values("message_kind")
        .annotate(failed=Count("id"), latest=Max("created_at"))
        .order_by("-failed", "message_kind")
    )


def failed_notifications_of_kind(*, kind: str) -> QuerySet[Notification]:
    return Notification.objects.filter(
        Q(key__startswith=f"{kind}:") | Q(key=kind), status=NotificationStatus.FAILED
    )


def failed_of_kind(*, kind: str) -> dict:
    """How many messages of ``kind`` failed, and the subject of the last one; 404 if none."""
    failed = failed_notifications_of_kind(kind=kind)
    last = failed.order_by("-created_at", "-pk").only("subject").first()
    if last is None:
        raise Http404("No failed message of this kind.")
    return {"kind": kind, "failed": failed.count(), "subject": last.subject}
