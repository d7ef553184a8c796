"""The figures the call's ranking is read by, kept on each review item: how many of its
reviews are submitted and the mean of their weighted scores."""

import statistics

from reviews.models import ReviewItem
from reviews.selectors import weighted_mean


def review_figures(item: ReviewItem) -> tuple[int, float | None]:
    """(reviews done, mean of their weighted scores or None) of one item, from its rows:
    also what the migration that added the figures counted with."""
    submitted = item.assignments.filter(submitted_at__isnull=False).prefetch_related(
        "scores__criterion"
    )
    scores = [weighted_mean(assignment.scores.all()) for assignment in submitted]
    means = [score for score in scores if score is not None]
    return len(scores), statistics.fmean(means) if means else None


def item_figures_refresh(*, item: ReviewItem) -> None:
    """Called inside the service that submitted or removed a review of the item."""
    item.reviews_done, item.mean_score = review_figures(item)
    item.save(update_fields=["reviews_done", "mean_score"])
