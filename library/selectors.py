"""Careful reads of the library: the index for lists, and one entry as its public
selector reads it now, with who it was matched with and the entries close in meaning."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from incubator.models import Call, Programme, Theme
from library.access import (
    public_challenges,
    public_matches,
    public_solutions,
    public_stories,
)
from library.index import TEXT_FIELDS
from library.models import EntryKind, LibraryEntry
from library.public.records import record
from library.similar import closest_entries

RELATED = 5
PUBLIC = {
    EntryKind.CHALLENGE: public_challenges,
    EntryKind.SOLUTION: public_solutions,
    EntryKind.MATCH: public_matches,
    EntryKind.STORY: public_stories,
}


def library_entries() -> QuerySet[LibraryEntry]:
    return (
        LibraryEntry.objects.select_related("programme")
        .prefetch_related(Prefetch("themes", Theme.objects.order_by("name")))
        .order_by("-shown_at", "-pk")
    )


@dataclass
class EntryPage:
    kind: str
    record: dict
    programme: dict
    team: dict
    matches: list[dict] = field(default_factory=list)
    stories: list[dict] = field(default_factory=list)
    related: list[LibraryEntry] = field(default_factory=list)


def _programme_of(kind: str, obj) -> Programme:
    if kind in (EntryKind.CHALLENGE, EntryKind.SOLUTION):
        return obj.call.programme
    return obj.programme if kind == EntryKind.MATCH else obj.match.programme


def _matches_of(kind: str, obj) -> list[dict]:
    shown = public_matches()
    if kind == EntryKind.CHALLENGE:
        shown = shown.filter(challenge=obj)
    elif kind == EntryKind.SOLUTION:
        shown = shown.filter(solution=obj)
    else:
        shown = shown.filter(pk=obj.pk if kind == EntryKind.MATCH else obj.match_id)
    return [record("match", match) for match in shown]


def entry_page(*, kind: str, pk: int) -> EntryPage:
    """One public record, or 404 when it is not public (so ids reveal nothing)."""
    if kind not in PUBLIC:
        raise Http404
    obj = get_object_or_404(PUBLIC[kind](), pk=pk)
    public = record(kind, obj)
    matches = _matches_of(kind, obj)
    stories = public_stories().filter(match_id__in=[m["id"] for m in matches])
    team = public["challenge_team"] if kind == EntryKind.MATCH else public["team"]
    text = " ".join(str(public.get(name, "")) for name in ("title", *TEXT_FIELDS[kind]))
    return EntryPage(
        kind=kind,
        record=public,
        programme=record("programme", _programme_of(kind, obj)),
        team=team,
        matches=matches,
        stories=[record("story", story) for story in stories],
        related=closest_entries(
            text=text,
            kinds=list(PUBLIC),
            limit=RELATED,
            not_country=team["country"],
            leave_out=(kind, obj.pk),
        ),
    )


def programme_of_call_id(call_id: str) -> int | None:
    if not call_id.isdigit():
        return None
    return Call.objects.filter(pk=call_id).values_list("programme_id", flat=True).first()


def theme_names() -> dict[str, str]:
    return {theme.slug: theme.name_shown for theme in Theme.objects.all()}
