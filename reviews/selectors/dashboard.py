"""The secretariat's dashboard of a call: every submission with its numbers, ranked.
A fixed number of queries however many submissions there are."""

import statistics
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, Sum

from incubator.models import Call
from reviews.models import Decision, ReviewItem, Score


@dataclass
class Row:
    """One submission on the dashboard, with its numbers."""

    item: ReviewItem
    assigned: int
    done: int
    review_means: list[float] = field(default_factory=list)  # one weighted mean per review
    criterion_means: dict[int, float] = field(default_factory=dict)
    rank: int | None = None

    @property
    def submission(self):
        return self.item.submission

    @property
    def mean(self) -> float | None:
        return statistics.fmean(self.review_means) if self.review_means else None

    @property
    def median(self) -> float | None:
        return statistics.median(self.review_means) if self.review_means else None

    @property
    def spread(self) -> float | None:
        """The range: highest weighted mean of a review minus the lowest. Plain to read
        (“reviewers differ by 1.5 points”), and defined for two reviews as for ten."""
        return max(self.review_means) - min(self.review_means) if self.review_means else None

    @property
    def decision(self) -> Decision | None:
        try:
            return self.item.decision
        except Decision.DoesNotExist:
            return None


def dashboard_rows(*, call: Call) -> list[Row]:
    """Every item of the call, ranked by the mean of its reviews' weighted means; items
    without a submitted review come last."""
    items = (
        ReviewItem.objects.filter(call=call)
        .select_related("organisation", "decision")
        .prefetch_related("submission")
        .annotate(
            assigned=Count("assignments", distinct=True),
            done=Count(
                "assignments", filter=Q(assignments__submitted_at__isnull=False), distinct=True
            ),
        )
    )
    rows = {item.pk: Row(item=item, assigned=item.assigned, done=item.done) for item in items}
    submitted = Score.objects.filter(
        assignment__item__call=call, assignment__submitted_at__isnull=False, score__isnull=False
    )
    per_review = (
        submitted.values("assignment_id", "assignment__item_id")
        .annotate(points=Sum(F("score") * F("criterion__weight")), weights=Sum("criterion__weight"))
        .order_by("assignment_id")
    )
    for review in per_review:
        rows[review["assignment__item_id"]].review_means.append(
            review["points"] / review["weights"]
        )
    per_criterion = submitted.values("assignment__item_id", "criterion_id").annotate(
        total=Sum("score"), n=Count("pk")
    )
    for entry in per_criterion:
        rows[entry["assignment__item_id"]].criterion_means[entry["criterion_id"]] = (
            entry["total"] / entry["n"]
        )
    ranked = sorted(
        rows.values(),
        key=lambda row: (row.mean is None, -(row.mean or 0), -row.done, row.item.pk),
    )
    previous, rank = None, 0
    for position, row in enumerate(ranked, start=1):
        if row.mean is None:
            continue
        rounded = round(row.mean, 2)
        if rounded != previous:
            rank, previous = position, rounded
        row.rank = rank
    return ranked
