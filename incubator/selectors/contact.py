from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from incubator.models import ContactMessage


def contact_messages_for_desk(*, state: str | None) -> QuerySet[ContactMessage]:
    queryset = ContactMessage.objects.defer("body", "answer")
    return queryset.filter(state=state) if state else queryset


def contact_counts() -> dict[str, int]:
    rows = ContactMessage.objects.values("state").annotate(n=Count("id"))
    return {row["state"]: row["n"] for row in rows}


def contact_message(*, pk: int) -> ContactMessage:
    return get_object_or_404(ContactMessage.objects.select_related("answered_by"), pk=pk)
