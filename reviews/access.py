"""Who may see and do what in the review of a call: the one policy of the reviewer's
desk, the secretariat's review pages and the services behind them.

The secretariat (once its second factor counts) runs the review of every call: its phase,
pool, assignments, decisions and their release. An advisory-board reviewer reaches only
their own assignments, never one whose item they are conflicted with (by the one rule of
``conflicts_between``, whenever the conflict arose), and the other reviews of an item only
once their own is submitted, without names, when the phase shows scores. A person who is
not a reviewer is refused the desk; an assignment that is not theirs is answered 404, as
if it did not exist: ids reveal nothing."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from incubator.access import is_reviewer, is_secretariat
from incubator.models import User
from reviews.models import Assignment, ReviewPhase


def secretariat_require(*, by: User, message: str | None = None) -> None:
    """What every write of the secretariat's side of the review checks first."""
    if not is_secretariat(by):
        raise PermissionDenied(message or _("Only the secretariat manages the review."))


def reviewer_required(view):
    """The reviewer's pages: signed in, and holding the reviewer role."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not is_reviewer(request.user):
            raise PermissionDenied(_("This page is for advisory-board reviewers."))
        return view(request, *args, **kwargs)

    return wrapped


def assignments_of_reviewer(*, user: User) -> QuerySet[Assignment]:
    """The reviewer's assignments, without any item they are conflicted with, whenever
    the conflict arose: a profile edited after the assignment hides the item at once."""
    # Imported here: the selectors package reads this policy, and the conflict rule is one
    # of its modules.
    from reviews.selectors.pool import conflicts_between

    if not is_reviewer(user):
        return Assignment.objects.none()
    mine = list(
        Assignment.objects.filter(reviewer=user).select_related(
            "item__organisation", "reviewer__reviewer_profile"
        )
    )
    # The reviewer as loaded with the assignments carries their profile: no query more.
    conflicts = conflicts_between(
        items=[a.item for a in mine], reviewers=[a.reviewer for a in mine[:1]]
    )
    visible = [a.pk for a in mine if (a.item_id, user.pk) not in conflicts]
    return (
        Assignment.objects.filter(pk__in=visible)
        .select_related("item__call__programme", "item__call__review_phase", "item__organisation")
        .prefetch_related("item__submission")
        .order_by("item__call__closes_at", "item__call_id", "item_id")
    )


def assignment_of_reviewer(*, user: User, pk: int) -> Assignment:
    """One of the reviewer's own assignments; 404 for anything else, including an item
    they are conflicted with."""
    return get_object_or_404(assignments_of_reviewer(user=user), pk=pk)


def may_see_other_reviews(*, assignment: Assignment, phase: ReviewPhase | None) -> bool:
    """The other reviews of the item, once this one is submitted, if the phase shows them."""
    return assignment.is_submitted and phase is not None and phase.reviewers_see_scores
