from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from incubator.models import Notification
from incubator.models.outbox import NotificationStatus


def notifications_for_desk(*, status: str | None) -> QuerySet[Notification]:
    queryset = Notification.objects.select_related("recipient").defer("body_text", "body_html")
    return queryset.filter(status=status) if status else queryset


def notification_counts() -> dict[str, int]:
    rows = Notification.objects.values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in rows}


def failed_notification(*, pk: int) -> Notification:
    """A message that failed for good, or 404."""
    return get_object_or_404(Notification, pk=pk, status=NotificationStatus.FAILED)
