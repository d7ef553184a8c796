"""Careful reads of challenges, the lists with their joins; who may see which is asked of
challenges/access.py."""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from challenges.access import visible_challenges
from challenges.models import Challenge
from incubator.models import Theme
from submissions.models import SubmissionState


def _with_relations(queryset: QuerySet[Challenge]) -> QuerySet[Challenge]:
    return queryset.select_related("organisation", "call__programme").prefetch_related(
        Prefetch("themes", Theme.objects.order_by("name"))
    )


# What a challenge's card shows (challenges/public/_card.html), and no more: the
# long texts and the search vector stay in the table.
CARD_FIELDS = (
    "title",
    "summary",
    "sector",
    "lifecycle_stage",
    "updated_at",
    "published_at",
    "organisation__name",
    "organisation__country",
)


def _published() -> QuerySet[Challenge]:
    return visible_challenges().order_by("-published_at", "-pk")


def challenges_published() -> QuerySet[Challenge]:
    return _with_relations(_published())


def challenge_cards() -> QuerySet[Challenge]:
    """Published challenges, newest first, with only what their cards show."""
    themes = Theme.objects.order_by("name").only("name", "name_fr")
    return (
        _published()
        .select_related("organisation")
        .prefetch_related(Prefetch("themes", themes))
        .only(*CARD_FIELDS)
    )


def challenges_search(queryset: QuerySet[Challenge], words: str) -> QuerySet[Challenge]:
    """Title weighs most, then summary, then the problem statement."""
    return words_search(queryset, words, fields=("title", "summary", "problem_statement"))


def words_search(queryset: QuerySet, words: str, *, fields: tuple[str, ...]) -> QuerySet:
    """Ranked full-text search on PostgreSQL over the queryset's ``search_vector``;
    plain matching of every word in one of ``fields`` elsewhere."""
    words = words.strip()
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        query = SearchQuery(words, search_type="websearch", config="simple")
        return (
            queryset.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "-pk")
        )
    match = Q()
    for word in words.split():
        one = Q()
        for name in fields:
            one |= Q(**{f"{name}__icontains": word})
        match &= one
    return queryset.filter(match)


def challenge_for_public(*, pk: int) -> Challenge:
    return get_object_or_404(challenges_published(), pk=pk)


def challenges_for_desk() -> QuerySet[Challenge]:
    return _with_relations(Challenge.objects.exclude(status=SubmissionState.DRAFT)).order_by(
        "-submitted_at", "-pk"
    )
