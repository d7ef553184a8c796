"""The library: every public record of every round, searched and filtered, and one
entry with who it was matched with and what is close to it in other countries."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from challenges.models import LifecycleStage, Sector
from library.filters import LibraryFilter
from library.models import EntryKind, Outcome
from library.selectors import entry_page, library_entries, theme_names

PAGE_SIZE = 20
LABELS = {
    "kind_names": dict(EntryKind.choices),
    "stage_names": dict(LifecycleStage.choices),
    "outcome_names": dict(Outcome.choices),
    "sector_names": dict(Sector.choices),
}


@require_safe
def library_list(request):
    filterset = LibraryFilter(request.GET, queryset=library_entries())
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "library/list.html",
        {
            "form": filterset.form,
            "page": page,
            "query_string": urlencode(filterset.active),
            **LABELS,
        },
    )


@require_safe
def library_entry(request, kind, pk):
    page = entry_page(kind=kind, pk=pk)
    return render(
        request,
        f"library/entry_{kind}.html",
        {"page": page, "entry": page.record, "theme_names": theme_names(), **LABELS},
    )
