from django.db.models import QuerySet
from django.utils import timezone

from incubator.models import Call


def calls_open_or_upcoming(*, now=None) -> QuerySet[Call]:
    """Calls a visitor can still act on, soonest deadline first."""
    now = now or timezone.now()
    return Call.objects.filter(closes_at__gt=now).select_related("programme").order_by("closes_at")


def calls_of_kind(*, kind: str) -> QuerySet[Call]:
    return Call.objects.filter(kind=kind).select_related("programme").order_by("closes_at")
