"""The secretariat's dashboard of a call: its submissions ranked with their numbers, a
page at a time, and every one of them for the spreadsheet. The ranking reads the
figures each item keeps (reviews.services.figures), so a page costs the same number of
queries, and about the same time, for 30 submissions as for 50,000."""

import statistics
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Q, QuerySet, Sum

from incubator.models import Call
from reviews.models import Assignment, Decision, ReviewItem, Score
from reviews.selectors.calls import listed_submissions

ROWS_PER_PAGE = 50


def ranking(path: str = "") -> tuple:
    """Best first, items without a submitted review last; ``path`` leads from another
    model to the item. The review_item_ranking index serves it."""
    return (
        F(f"{path}mean_score").desc(nulls_last=True),
        F(f"{path}reviews_done").desc(),
        F(f"{path}pk"),
    )


@dataclass
class Row:
    """One submission on the dashboard, with its numbers."""

    item: ReviewItem
    assigned: int
    review_means: list[float] = field(default_factory=list)  # one weighted mean per review
    criterion_means: dict[int, float] = field(default_factory=dict)
    rank: int | None = None

    @property
    def submission(self):
        return self.item.submission

    @property
    def done(self) -> int:
        return self.item.reviews_done

    @property
    def mean(self) -> float | None:
        return self.item.mean_score

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


def ranked_items(*, call: Call) -> QuerySet[ReviewItem]:
    return (
        ReviewItem.objects.filter(call=call)
        .select_related("organisation", "decision")
        .prefetch_related(listed_submissions())
        .order_by(*ranking())
    )


def ranks_of(*, call: Call, means) -> dict[float, int]:
    """The rank of each weighted mean, rounded to the two decimals people read: one more
    than the submissions of the call whose mean rounds higher, so ties share a rank.
    One query, whatever the number of means asked about."""
    rounded = sorted({round(mean, 2) for mean in means if mean is not None})
    if not rounded:
        return {}
    # A mean rounds above r when it reaches r + 0.005.
    above = ReviewItem.objects.filter(call=call).aggregate(
        **{f"r{n}": Count("pk", filter=Q(mean_score__gte=r + 0.005)) for n, r in enumerate(rounded)}
    )
    return {r: above[f"r{n}"] + 1 for n, r in enumerate(rounded)}


def _rows(call: Call, items: list[ReviewItem], scope: Q) -> list[Row]:
    """Rows for these items, in their order; ``scope`` selects their assignments."""
    assigned = dict(
        Assignment.objects.filter(scope).values_list("item_id").annotate(n=Count("pk")).order_by()
    )
    rows = {item.pk: Row(item=item, assigned=assigned.get(item.pk, 0)) for item in items}
    submitted = Score.objects.filter(
        assignment__in=Assignment.objects.filter(scope, submitted_at__isnull=False),
        score__isnull=False,
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
    ranks = ranks_of(call=call, means=[item.mean_score for item in items])
    for row in rows.values():
        row.rank = ranks[round(row.mean, 2)] if row.mean is not None else None
    return list(rows.values())


def dashboard_page(*, call: Call, page_number=None) -> Page:
    """One page of the call's ranking; its object_list holds the page's rows."""
    page = Paginator(ranked_items(call=call), ROWS_PER_PAGE).get_page(page_number)
    items = list(page.object_list)
    page.object_list = _rows(call, items, Q(item__in=[item.pk for item in items]))
    return page


def dashboard_rows(*, call: Call) -> list[Row]:
    """Every item of the call, ranked, with each criterion's mean: the spreadsheet."""
    rows = _rows(call, list(ranked_items(call=call)), Q(item__call=call))
    by_item = {row.item.pk: row for row in rows}
    per_criterion = (
        Score.objects.filter(
            assignment__item__call=call,
            assignment__submitted_at__isnull=False,
            score__isnull=False,
        )
        .values("assignment__item_id", "criterion_id")
        .annotate(total=Sum("score"), n=Count("pk"))
    )
    for entry in per_criterion:
        by_item[entry["assignment__item_id"]].criterion_means[entry["criterion_id"]] = (
            entry["total"] / entry["n"]
        )
    return rows


@dataclass
class DecisionsPage:
    """The decisions of a call, a page of the staged ones (best ranked first, each with
    its rank) and a page of the released ones (latest first)."""

    staged: Page
    released: Page


def _decisions(call: Call, *, released: bool) -> Paginator:
    """A call's released decisions, latest first, or its staged ones, ranked like their
    items; counted from the decisions' own index."""
    if released:
        decisions = Decision.objects.filter(call=call, released_at__isnull=False)
        decisions = decisions.order_by("-released_at", "-pk")
    else:
        # Filtered on the item's call, PostgreSQL walks the items' ranking index.
        decisions = Decision.objects.filter(item__call=call, released_at__isnull=True)
        decisions = decisions.order_by(*ranking("item__"))
    paginator = Paginator(
        decisions.select_related("item__organisation").prefetch_related(
            listed_submissions("item__submission")
        ),
        ROWS_PER_PAGE,
    )
    paginator.count = Decision.objects.filter(call=call, released_at__isnull=not released).count()
    return paginator


def decisions_page(*, call: Call, staged_page=None, released_page=None) -> DecisionsPage:
    staged = _decisions(call, released=False).get_page(staged_page)
    ranks = ranks_of(call=call, means=[decision.item.mean_score for decision in staged])
    for decision in staged:
        mean = decision.item.mean_score
        decision.rank = ranks[round(mean, 2)] if mean is not None else None
    released = _decisions(call, released=True).get_page(released_page)
    return DecisionsPage(staged=staged, released=released)
