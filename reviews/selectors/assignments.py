"""Who reviews what in a call, as the secretariat sees it: the assignments page, and one
submission with its reviews, conflicts and decision."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from incubator.models import Call, User
from reviews.models import Assignment, Conflict, Decision, ReviewItem, ReviewPhase, Score
from reviews.selectors.calls import has_rubric, items_of_call, phase_or_none
from reviews.selectors.pool import reviewer_pool


def reviewer_loads(*, call: Call) -> dict[int, int]:
    rows = (
        Assignment.objects.filter(call=call)
        .values("reviewer_id")
        .annotate(n=Count("reviewer"))  # counted from the index alone
        .values_list("reviewer_id", "n")
        .order_by()
    )
    return dict(rows)


def declared_conflicts(*, call: Call) -> QuerySet[Conflict]:
    return (
        Conflict.objects.filter(item__call=call)
        .select_related("reviewer", "item")
        .prefetch_related("item__submission")
    )


ITEMS_PER_PAGE = 50


@dataclass
class AssignmentOverview:
    """The assignments page of a call: one page of its items with their reviewers, how
    many items have fewer reviewers than wanted, the pool with the load each carries in
    the call, and the declared conflicts."""

    phase: ReviewPhase | None
    has_rubric: bool
    page: Page
    pool_rows: list[tuple[User, int]]
    conflicts: QuerySet[Conflict]
    wanted: int = 0
    short: int = 0


def items_short_of_reviewers(*, call: Call, wanted: int) -> int:
    """How many of the call's items have fewer than ``wanted`` reviewers, from the
    number each keeps (`ReviewItem.reviewers`) and its index."""
    return ReviewItem.objects.filter(call=call, reviewers__lt=wanted).count()


def assignment_overview(*, call: Call, page_number=None) -> AssignmentOverview:
    page = Paginator(items_of_call(call=call, listed=True), ITEMS_PER_PAGE).get_page(page_number)
    loads = reviewer_loads(call=call)
    phase = phase_or_none(call=call)
    wanted = phase.reviewers_per_submission if phase else 0
    return AssignmentOverview(
        phase=phase,
        has_rubric=has_rubric(call=call),
        page=page,
        pool_rows=[(reviewer, loads.get(reviewer.pk, 0)) for reviewer in reviewer_pool()],
        conflicts=declared_conflicts(call=call),
        wanted=wanted,
        short=items_short_of_reviewers(call=call, wanted=wanted) if wanted else 0,
    )


def reviews_of_item(*, item: ReviewItem) -> QuerySet[Assignment]:
    """Every assignment of the item with its reviewer and scores, submitted ones first."""
    return (
        Assignment.objects.filter(item=item)
        .select_related("reviewer")
        .prefetch_related(Prefetch("scores", Score.objects.select_related("criterion")))
        .order_by("submitted_at", "pk")
    )


def assignment_on_item(*, item: ReviewItem, pk: int) -> Assignment:
    return get_object_or_404(Assignment.objects.select_related("reviewer"), item=item, pk=pk)


def conflicts_of_item(*, item: ReviewItem) -> QuerySet[Conflict]:
    return Conflict.objects.filter(item=item).select_related("reviewer")


def decision_of(*, item: ReviewItem) -> Decision | None:
    try:
        return item.decision
    except Decision.DoesNotExist:
        return None
