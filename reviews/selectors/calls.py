"""A call as the secretariat reviews it: the calls, their phase and rubric, the items
under review and the submissions automatic assignment takes."""

from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from incubator.models import Call
from reviews.kinds import KINDS, reviewed_kind
from reviews.models import Assignment, Criterion, ReviewItem, ReviewPhase

# What the call's pages print of a submission: never its long answers or search vector.
LISTED_COLUMNS = ("pk", "title", "status", "call_id", "organisation_id")


def listed_submissions(lookup: str = "submission") -> GenericPrefetch:
    """The items' submissions with only the columns a list of them prints."""
    return GenericPrefetch(
        lookup, [kind.model.objects.only(*LISTED_COLUMNS) for kind in KINDS.values()]
    )


def calls_for_review() -> QuerySet[Call]:
    """Every call, latest deadline first, with how far its review has come."""
    return (
        Call.objects.select_related("programme", "review_phase")
        .annotate(
            criteria=Count("review_criteria", distinct=True),
            items=Count("review_items", distinct=True),
            staged=Count(
                "review_items__decision",
                filter=Q(review_items__decision__released_at__isnull=True),
                distinct=True,
            ),
        )
        .order_by("-closes_at", "-pk")
    )


def call_for_review(*, pk: int) -> Call:
    return get_object_or_404(Call.objects.select_related("programme", "review_phase"), pk=pk)


def phase_or_none(*, call: Call) -> ReviewPhase | None:
    try:
        return call.review_phase
    except ReviewPhase.DoesNotExist:
        return None


def criteria_of(*, call: Call) -> list[Criterion]:
    return list(call.review_criteria.order_by("position", "pk"))


def has_rubric(*, call: Call) -> bool:
    return call.review_criteria.exists()


def rubric_is_locked(*, call: Call) -> bool:
    """Once a review is submitted the rubric stays as it was scored against."""
    return Assignment.objects.filter(item__call=call, submitted_at__isnull=False).exists()


def items_of_call(*, call: Call, listed: bool = False) -> QuerySet[ReviewItem]:
    """The call's items with their reviewers; ``listed`` loads of each submission only
    what a list prints."""
    return (
        ReviewItem.objects.filter(call=call)
        .select_related("organisation", "decision")
        .prefetch_related(
            listed_submissions() if listed else "submission",
            Prefetch(
                "assignments",
                Assignment.objects.select_related("reviewer").order_by("reviewer__display_name"),
            ),
        )
        .order_by("pk")
    )


def item_of_call(*, call: Call, pk: int) -> ReviewItem:
    return get_object_or_404(items_of_call(call=call), pk=pk)


def review_items_of(*, call: Call) -> QuerySet[ReviewItem]:
    """The call's items with their owner team and submission, for automatic assignment."""
    return (
        ReviewItem.objects.filter(call=call)
        .select_related("organisation")
        .prefetch_related("submission")
    )


def submissions_taken_into_review(*, call: Call):
    """The call's submissions that automatic assignment takes, with their owner team."""
    kind = reviewed_kind(call)
    model = kind.model
    queryset = model.objects.filter(call=call, status__in=kind.taken_into_review).select_related(
        "organisation"
    )
    if any(f.name == "themes" for f in model._meta.many_to_many):
        queryset = queryset.prefetch_related("themes")
    return queryset.order_by("pk")


def submissions_waiting_for_screening(*, call: Call) -> dict[str, int]:
    """How many of the call's submissions automatic assignment leaves out because they
    have not been screened in yet, by state."""
    kind = reviewed_kind(call)
    counts = dict(
        kind.model.objects.filter(call=call, status__in=kind.waiting_for_screening)
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    return {state: counts[state] for state in kind.waiting_for_screening if state in counts}
