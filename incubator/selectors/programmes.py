from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from incubator.models import Call, Programme, Theme


def calls_open_or_upcoming(*, now=None) -> QuerySet[Call]:
    """Calls a visitor can still act on, soonest deadline first."""
    now = now or timezone.now()
    return Call.objects.filter(closes_at__gt=now).select_related("programme").order_by("closes_at")


def calls_of_kind(*, kind: str) -> QuerySet[Call]:
    return Call.objects.filter(kind=kind).select_related("programme").order_by("closes_at")


def programme_by_slug(*, slug: str) -> Programme:
    return get_object_or_404(Programme, slug=slug)


def theme_names() -> dict[str, str]:
    """Each theme's name by its slug, as explanations name them."""
    return dict(Theme.objects.values_list("slug", "name"))


def themes_in_order() -> QuerySet[Theme]:
    return Theme.objects.order_by("name")


def programmes_for_desk() -> QuerySet[Programme]:
    """Every programme, newest first, with its calls in the order of their deadlines."""
    return Programme.objects.prefetch_related(
        Prefetch("calls", Call.objects.order_by("closes_at", "pk"))
    ).order_by("-created_at", "-pk")


def call_for_desk(*, pk: int) -> Call:
    return get_object_or_404(Call.objects.select_related("programme"), pk=pk)
