"""What releasing a call's decisions would do: the staged decisions, the teams that
would be told, and what is not ready yet (reviews missing, submissions undecided)."""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from incubator.audience import Audience
from incubator.models import Call
from incubator.selectors.audience import team_audience
from reviews.models import Assignment, Decision, Outcome, ReviewItem, ReviewPhase
from reviews.selectors.calls import phase_or_none
from reviews.states import UNDER_REVIEW


@dataclass
class ReleasePreview:
    selected: int = 0
    declined: int = 0
    undecided: int = 0  # under review with no staged decision: they stay under review
    reviews: int = 0  # assigned reviews in the call
    reviews_missing: int = 0
    phase: ReviewPhase | None = None
    audience: Audience = field(default_factory=Audience)

    @property
    def staged(self) -> int:
        return self.selected + self.declined


def release_preview(*, call: Call) -> ReleasePreview:
    """Four queries, however many decisions are staged."""
    staged = list(
        Decision.objects.filter(item__call=call, released_at__isnull=True).select_related(
            "item__organisation"
        )
    )
    reviews = Assignment.objects.filter(item__call=call).aggregate(
        total=Count("pk"), done=Count("pk", filter=Q(submitted_at__isnull=False))
    )
    staged_items = {decision.item_id for decision in staged}
    undecided = sum(
        1
        for item in ReviewItem.objects.filter(call=call, decision__isnull=True).prefetch_related(
            "submission"
        )
        if item.pk not in staged_items and item.submission.status in UNDER_REVIEW
    )
    return ReleasePreview(
        selected=sum(1 for decision in staged if decision.outcome == Outcome.SELECT),
        declined=sum(1 for decision in staged if decision.outcome == Outcome.DECLINE),
        undecided=undecided,
        reviews=reviews["total"],
        reviews_missing=reviews["total"] - reviews["done"],
        phase=phase_or_none(call=call),
        audience=team_audience(teams=[decision.item.organisation for decision in staged]),
    )
