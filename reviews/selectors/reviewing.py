"""What a reviewer sees: their own assignments (never one they are conflicted with, by
the one rule of conflicts_between), their scores, the other reviews when the phase shows
them, and which of their reviews are late."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from incubator.models import Role, User
from reviews.access import assignments_of_reviewer
from reviews.models import Assignment, ReviewItem, ReviewPhase, Score
from reviews.selectors.pool import conflicts_between
from reviews.states import UNDER_REVIEW


def reviews_of_reviewer(*, user: User) -> QuerySet[Assignment]:
    """The reviewer's assignments with their scores, for their spreadsheet."""
    return assignments_of_reviewer(user=user).prefetch_related(
        Prefetch("scores", Score.objects.select_related("criterion"))
    )


def scores_of(*, assignment: Assignment) -> dict[int, Score]:
    return {score.criterion_id: score for score in assignment.scores.all()}


def other_reviews(*, assignment: Assignment) -> list[list[Score]]:
    """The other submitted reviews of the same item, without who wrote them."""
    others = (
        Assignment.objects.filter(item=assignment.item, submitted_at__isnull=False)
        .exclude(pk=assignment.pk)
        .prefetch_related(Prefetch("scores", Score.objects.select_related("criterion")))
        .order_by("submitted_at", "pk")
    )
    return [list(other.scores.all()) for other in others]


def weighted_mean(scores) -> float | None:
    """One review's score: its criteria's scores weighted by the rubric."""
    scored = [score for score in scores if score.score is not None]
    weights = sum(score.criterion.weight for score in scored)
    if not weights:
        return None
    return sum(score.score * score.criterion.weight for score in scored) / weights


@dataclass(frozen=True)
class LateReviews:
    """A reviewer's reviews still open past the due date of one phase."""

    phase: ReviewPhase
    reviewer: User
    items: list[ReviewItem]  # by title


def late_reviews(*, now) -> list[LateReviews]:
    """For each phase past its due date and still open, each active reviewer's open
    reviews of submissions still under review, leaving out any they are conflicted with."""
    late = []
    phases = ReviewPhase.objects.filter(due_at__lte=now, closes_at__gt=now).select_related("call")
    for phase in phases:
        assignments = [
            assignment
            for assignment in Assignment.objects.filter(
                item__call=phase.call,
                submitted_at__isnull=True,
                reviewer__in=User.objects.filter(role_grants__role=Role.REVIEWER, is_active=True),
            )
            .select_related("reviewer", "item__organisation")
            .prefetch_related("item__submission")
            if assignment.item.submission.status in UNDER_REVIEW
        ]
        reviewers = {assignment.reviewer_id: assignment.reviewer for assignment in assignments}
        conflicts = conflicts_between(
            items={a.item_id: a.item for a in assignments}.values(), reviewers=reviewers.values()
        )
        open_of = defaultdict(list)
        for assignment in assignments:
            if (assignment.item_id, assignment.reviewer_id) not in conflicts:
                open_of[assignment.reviewer_id].append(assignment.item)
        for reviewer_id, items in open_of.items():
            items.sort(key=lambda item: str(item.submission))
            late.append(LateReviews(phase=phase, reviewer=reviewers[reviewer_id], items=items))
    return late
