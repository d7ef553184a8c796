"""Who may read what in the library: the public, kind by kind. The one place where drafts,
unconsented teams and unapproved stories are left out; nothing here is anyone's own, so
there is no other audience. The library's pages, the open-data API and the panels beside a
draft all read through these querysets, then through ``library.public.records``; an id
outside them is answered 404, as if it did not exist."""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from challenges.models import Challenge
from challenges.selectors import challenges_published
from incubation.models import ClosingReport
from incubator.models import Call, Programme, Theme
from matching.models import Match
from outcomes.models import Story, StoryState
from outcomes.selectors import shown_matches, team_consents
from solutions.models import Solution
from submissions.models import SubmissionState

THEMES_BY_NAME = Prefetch("themes", Theme.objects.order_by("name"))


def public_themes() -> QuerySet[Theme]:
    return Theme.objects.order_by("name")


def public_programmes() -> QuerySet[Programme]:
    return Programme.objects.order_by("-created_at", "-pk")


def public_calls() -> QuerySet[Call]:
    return Call.objects.select_related("programme").order_by("-opens_at", "-pk")


def public_challenges() -> QuerySet[Challenge]:
    """Published challenges: the team agreed to publication when it submitted."""
    return challenges_published()


def public_solutions() -> QuerySet[Solution]:
    """Selected proposals whose team consents to be shown in that round."""
    return (
        Solution.objects.filter(status=SubmissionState.SELECTED)
        .filter(team_consents("organisation", programme="call__programme"))
        .select_related("organisation", "call__programme")
        .prefetch_related(THEMES_BY_NAME)
        .order_by("-decided_at", "-pk")
    )


def public_advice() -> QuerySet[ClosingReport]:
    """Closing reports whose team agreed to show its advice (only the advice)."""
    return (
        ClosingReport.objects.filter(share_on_showcase=True)
        .exclude(advice="")
        .select_related("team__organisation")
        .order_by("team__role", "team__pk")
    )


def public_matches() -> QuerySet[Match]:
    """Confirmed matches whose both teams consent, with what came of them: the state of
    the incubation and the advice each consenting team shares."""
    return (
        shown_matches()
        .select_related(
            "programme",
            "challenge__organisation",
            "challenge__incubation",
            "solution__organisation",
        )
        .prefetch_related(
            Prefetch("challenge__themes", Theme.objects.order_by("name")),
            Prefetch("challenge__incubation__closing_reports", public_advice()),
        )
        .order_by("-decided_at", "-pk")
    )


def public_stories() -> QuerySet[Story]:
    """Approved stories of shown matches: a story leaves with its match's consent."""
    return (
        Story.objects.filter(state=StoryState.APPROVED)
        .filter(Exists(shown_matches().filter(pk=OuterRef("match"))))
        .select_related("organisation", "match__programme", "match__challenge")
        .prefetch_related(Prefetch("match__challenge__themes", Theme.objects.order_by("name")))
        .order_by("-decided_at", "-pk")
    )


def partners_of(challenge_ids) -> dict[int, list[Match]]:
    """The shown matches of these challenges, by challenge: who each was matched with."""
    found: dict[int, list[Match]] = {}
    for match in public_matches().filter(challenge_id__in=list(challenge_ids)):
        found.setdefault(match.challenge_id, []).append(match)
    return found
