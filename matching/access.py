"""Who may see and decide the pairs of a round: the one policy of the matching board, its
runs and decisions, and of what a team learns of its pairs.

Only the secretariat (once its second factor counts) sees the board, starts runs and
decides on pairs; a run, a challenge or a pair is answered only inside its own programme
(404 otherwise, as if it did not exist: ids reveal nothing). A team hears of a pair only
once it is confirmed: then each side sees the other team and the contacts it chose to
show, on its own challenge's or proposal's overview."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from challenges.models import Challenge
from incubator.access import is_secretariat
from incubator.models import Programme, User
from matching.models import Match, MatchRun
from matching.selectors import board_challenges, runs_of


def decisions_require(*, by: User) -> None:
    """What every write of matching checks first."""
    if not is_secretariat(by):
        raise PermissionDenied(_("Only the secretariat makes matching decisions."))


def run_of_round(*, programme: Programme, pk: int) -> MatchRun:
    return get_object_or_404(runs_of(programme), pk=pk)


def board_challenge(*, programme: Programme, pk: int) -> Challenge:
    """One challenge of the round with its pairs, or 404."""
    return get_object_or_404(board_challenges(programme), pk=pk)


def board_match(*, programme: Programme, pk: int) -> Match:
    return get_object_or_404(
        Match.objects.filter(programme=programme).select_related(
            "challenge__organisation", "solution__organisation"
        ),
        pk=pk,
    )


def confirmed_matches_of(*, submission) -> list[Match]:
    """The confirmed pairs of one challenge or one proposal, with the partner's team and
    contact people, for the owner team's overview (whose page asks submissions.access)."""
    if isinstance(submission, Challenge):
        matches, partner = Match.objects.filter(challenge=submission), "solution"
    else:
        matches, partner = Match.objects.filter(solution=submission), "challenge"
    return list(
        matches.filter(state=Match.State.CONFIRMED)
        .select_related(f"{partner}__organisation")
        .prefetch_related(f"{partner}__contacts")
        .order_by("decided_at", "pk")
    )
