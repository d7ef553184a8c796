"""Writing the library's index from the public records: every entry is made from the
fields of ``library.public.records`` alone, never from the models directly."""

from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction

from incubator.models import Theme
from incubator.regions import region_of
from library.access import (
    public_challenges,
    public_matches,
    public_solutions,
    public_stories,
)
from library.models import EntryKind, LibraryEntry, Outcome
from library.public.records import record

TEXT_FIELDS = {
    EntryKind.CHALLENGE: ("summary", "problem_statement", "context", "tried", "expertise_sought"),
    EntryKind.SOLUTION: ("summary", "comparable_problem", "what_they_did", "evidence", "lessons"),
    EntryKind.MATCH: ("challenge_summary", "solution_title", "solution_summary"),
    EntryKind.STORY: ("expectations", "learned", "pain_points"),
}
OUTCOME_ORDER = [Outcome.PUBLISHED, Outcome.MATCHED, Outcome.INCUBATING, Outcome.COMPLETED]


@dataclass
class Found:
    """An entry to write and the slugs of its themes."""

    entry: LibraryEntry
    themes: list[str] = field(default_factory=list)


def _furthest(outcomes) -> str:
    return max(outcomes, key=OUTCOME_ORDER.index, default=Outcome.PUBLISHED)


def _found(kind, public: dict, *, programme_id, team, year, stage, partners, outcome, title):
    body = [public[name] for name in TEXT_FIELDS[kind]]
    body += [advice["advice"] for advice in public.get("advice", ())]
    shown_at = public.get("published_at") or public.get("selected_at")
    entry = LibraryEntry(
        kind=kind,
        object_id=public["id"],
        programme_id=programme_id,
        title=title[:300],
        summary=(public.get("summary") or public.get("solution_title") or "")[:300],
        body="\n".join(text for text in body if text),
        team_name=team["name"],
        country=team["country"],
        region=region_of(team["country"]) or "",
        year=year,
        stage=stage,
        outcome=outcome,
        partners=[{"name": p["name"], "country": p["country"]} for p in partners],
        shown_at=shown_at or public.get("confirmed_at"),
    )
    return Found(entry, public["themes"])


def _matches(programme_ids):
    matches = public_matches().select_related("challenge__call")
    if programme_ids is not None:
        matches = matches.filter(programme__in=programme_ids)
    return [(match, record("match", match)) for match in matches]


def _challenge_entries(programme_ids, matches):
    challenges = public_challenges()
    if programme_ids is not None:
        challenges = challenges.filter(call__programme__in=programme_ids)
    for challenge in challenges:
        public = record("challenge", challenge)
        shown = [m for match, m in matches if match.challenge_id == challenge.pk]
        yield _found(
            EntryKind.CHALLENGE,
            public,
            programme_id=challenge.call.programme_id,
            team=public["team"],
            year=challenge.call.opens_at.year,
            stage=public["lifecycle_stage"],
            partners=[m["solution_team"] for m in shown],
            outcome=_furthest(m["outcome"] for m in shown),
            title=public["title"],
        )


def _solution_entries(programme_ids, matches):
    solutions = public_solutions().select_related("call")
    if programme_ids is not None:
        solutions = solutions.filter(call__programme__in=programme_ids)
    for solution in solutions:
        public = record("solution", solution)
        shown = [m for match, m in matches if match.solution_id == solution.pk]
        yield _found(
            EntryKind.SOLUTION,
            public,
            programme_id=solution.call.programme_id,
            team=public["team"],
            year=solution.call.opens_at.year,
            stage="",
            partners=[m["challenge_team"] for m in shown],
            outcome=_furthest(m["outcome"] for m in shown),
            title=public["title"],
        )


def _match_entries(matches):
    for match, public in matches:
        yield _found(
            EntryKind.MATCH,
            public,
            programme_id=match.programme_id,
            team=public["challenge_team"],
            year=match.challenge.call.opens_at.year,
            stage=public["lifecycle_stage"],
            partners=[public["solution_team"]],
            outcome=public["outcome"],
            title=public["challenge_title"],
        )


def _story_entries(programme_ids, matches):
    outcome_of = {match.pk: public["outcome"] for match, public in matches}
    stories = public_stories().select_related("match__challenge__call")
    if programme_ids is not None:
        stories = stories.filter(match__programme__in=programme_ids)
    for story in stories:
        public = record("story", story)
        yield _found(
            EntryKind.STORY,
            public,
            programme_id=story.match.programme_id,
            team=public["team"],
            year=story.match.challenge.call.opens_at.year,
            stage=story.match.challenge.lifecycle_stage,
            partners=[],
            outcome=outcome_of.get(story.match_id, Outcome.MATCHED),
            title=public["title"] or story.match.challenge.title,
        )


def library_entries_found(*, programme_ids=None) -> list[Found]:
    """What the index should hold, for these programmes or for all."""
    matches = _matches(programme_ids)
    return [
        *_challenge_entries(programme_ids, matches),
        *_solution_entries(programme_ids, matches),
        *_match_entries(matches),
        *_story_entries(programme_ids, matches),
    ]


def search_vector() -> SearchVector:
    return (
        SearchVector("title", weight="A", config="simple")
        + SearchVector("summary", weight="B", config="simple")
        + SearchVector("body", weight="C", config="simple")
    )


@transaction.atomic
def library_refresh(*, programme_ids=None) -> int:
    """Rewrite the entries of these programmes (or of every programme) from what is
    public now; returns how many entries they have."""
    stale = LibraryEntry.objects.all()
    if programme_ids is not None:
        stale = stale.filter(programme__in=programme_ids)
    stale.delete()
    found = library_entries_found(programme_ids=programme_ids)
    entries = LibraryEntry.objects.bulk_create([f.entry for f in found], batch_size=1000)
    theme_ids = dict(Theme.objects.values_list("slug", "pk"))
    links = [
        LibraryEntry.themes.through(libraryentry_id=entry.pk, theme_id=theme_ids[slug])
        for entry, f in zip(entries, found, strict=True)
        for slug in f.themes
    ]
    LibraryEntry.themes.through.objects.bulk_create(links, batch_size=1000)
    if connection.vendor == "postgresql" and entries:
        fresh = LibraryEntry.objects.all()
        if programme_ids is not None:
            fresh = fresh.filter(programme__in=programme_ids)
        fresh.update(search_vector=search_vector())
    return len(entries)
