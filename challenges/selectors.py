"""Careful reads of challenges: who may see which, and the lists with their joins."""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from challenges.models import Challenge, ChallengeAttachment
from incubator.access import is_secretariat
from incubator.models import SubmissionState, Theme, User


def _with_relations(queryset: QuerySet[Challenge]) -> QuerySet[Challenge]:
    return queryset.select_related("organisation", "call__programme").prefetch_related(
        Prefetch("themes", Theme.objects.order_by("name"))
    )


def challenges_published() -> QuerySet[Challenge]:
    return _with_relations(
        Challenge.objects.filter(status=SubmissionState.SELECTED, published_at__isnull=False)
    ).order_by("-published_at", "-pk")


def challenges_search(queryset: QuerySet[Challenge], words: str) -> QuerySet[Challenge]:
    """Ranked full-text search on PostgreSQL (title weighs most, then summary, then the
    problem statement); plain matching elsewhere."""
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
        match &= (
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(problem_statement__icontains=word)
        )
    return queryset.filter(match)


def challenges_of_member(*, user: User) -> QuerySet[Challenge]:
    return _with_relations(Challenge.objects.filter(organisation__memberships__user=user)).order_by(
        "-updated_at"
    )


def challenge_for_member(*, user: User, pk: int) -> Challenge:
    """A challenge of one of the person's teams; 404 for anyone else's, whatever its id."""
    return get_object_or_404(
        _with_relations(Challenge.objects.filter(organisation__memberships__user=user)), pk=pk
    )


def challenge_for_public(*, pk: int) -> Challenge:
    return get_object_or_404(challenges_published(), pk=pk)


def challenges_for_desk() -> QuerySet[Challenge]:
    return _with_relations(Challenge.objects.exclude(status=SubmissionState.DRAFT)).order_by(
        "-submitted_at", "-pk"
    )


def attachment_for_viewer(*, user: User, challenge_pk: int, pk: int) -> ChallengeAttachment:
    """An attachment, for the owner team and the secretariat only."""
    attachment = get_object_or_404(
        ChallengeAttachment.objects.select_related("challenge__organisation"),
        pk=pk,
        challenge_id=challenge_pk,
    )
    challenge = attachment.challenge
    allowed = user.is_authenticated and (
        is_secretariat(user) or challenge.organisation.memberships.filter(user=user).exists()
    )
    if not allowed:
        raise Http404
    return attachment
