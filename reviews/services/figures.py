"""The figures kept on each review item for the call's pages: how many of its reviews
are submitted and the mean of their weighted scores (the ranking), and how many reviewers
it has (the assignments page)."""

from collections import defaultdict

from django.db.models import Count, F, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from reviews.models import Assignment, ReviewItem


def review_figures(*, assignments: QuerySet) -> dict[int, tuple[int, float | None]]:
    """Per item of these assignments: (reviews done, mean of their weighted scores or
    None), in two queries however many items. A review's weighted score is its scored
    criteria weighted by the rubric (as reviews.selectors.weighted_mean). Also what the
    migration that added the figures counted with, on its own models."""
    submitted = assignments.filter(submitted_at__isnull=False)
    done = dict(submitted.values_list("item_id").annotate(n=Count("pk")).order_by())
    per_review = (
        submitted.filter(scores__score__isnull=False)
        .values("pk", "item_id")
        .annotate(
            points=Sum(F("scores__score") * F("scores__criterion__weight")),
            weights=Sum("scores__criterion__weight"),
        )
        .order_by()
    )
    means = defaultdict(list)
    for review in per_review:
        if review["weights"]:
            means[review["item_id"]].append(review["points"] / review["weights"])
    return {
        item_id: (n, sum(means[item_id]) / len(means[item_id]) if means[item_id] else None)
        for item_id, n in done.items()
    }


def reviewers_refresh(*, items: QuerySet[ReviewItem]) -> None:
    """Called inside the service that assigned or unassigned reviewers of these items:
    how many each has, in one UPDATE."""
    per_item = (
        Assignment.objects.filter(item=OuterRef("pk"))
        .order_by()
        .values("item")
        .annotate(n=Count("pk"))
        .values("n")
    )
    items.update(reviewers=Coalesce(Subquery(per_item), 0))


def item_figures_refresh(*, item: ReviewItem) -> None:
    """Called inside the service that submitted or removed a review of the item."""
    item.reviews_done, item.mean_score = review_figures(assignments=item.assignments.all()).get(
        item.pk, (0, None)
    )
    item.save(update_fields=["reviews_done", "mean_score"])
