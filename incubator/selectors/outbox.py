from django.db.models import Count, QuerySet

from incubator.models import Notification


def notifications_for_desk(*, status: str | None) -> QuerySet[Notification]:
    queryset = Notification.objects.select_related("recipient").defer("body_text", "body_html")
    return queryset.filter(status=status) if status else queryset


def notification_counts() -> dict[str, int]:
    rows = Notification.objects.values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in rows}
