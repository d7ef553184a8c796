"""Reviewer progress: reviews submitted of those assigned, per call and per reviewer."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from incubator.models import Call, Programme
from outcomes.charts import Progress, progress_chart
from outcomes.dashboard.figures import Figure, Row, Section, count_cells, programme_calls
from reviews.models import Assignment


def _progress_figure(*, key, caption, heading, chart_title, rows, empty) -> Figure:
    """Rows of (name, done, total): reviews submitted of those assigned."""
    return Figure(
        key=key,
        caption=caption,
        columns=[heading, _("Reviews submitted"), _("Assigned"), _("Still open")],
        rows=[Row(name, count_cells([done, total, total - done])) for name, done, total in rows],
        chart=progress_chart([Progress(name, name, done, total) for name, done, total in rows]),
        chart_title=chart_title,
        empty=empty,
    )


def review_counts(programme: Programme) -> dict[str, list[list]]:
    """Reviews submitted and assigned per call and per reviewer, two grouped queries
    (for outcomes/dashboard/counts.py)."""
    assignments = Assignment.objects.filter(item__call__in=programme_calls(programme))
    submitted = Q(submitted_at__isnull=False)
    per_call = (
        assignments.values("item__call_id")
        .annotate(done=Count("pk", filter=submitted), total=Count("pk"))
        .order_by()
        .values_list("item__call_id", "done", "total")
    )
    per_reviewer = (
        assignments.values("reviewer_id", "reviewer__display_name", "reviewer__email")
        .annotate(done=Count("pk", filter=submitted), total=Count("pk"))
        .order_by()
        .values_list("reviewer__display_name", "reviewer__email", "done", "total")
    )
    return {
        "calls": [list(row) for row in per_call],
        "reviewers": [[name or email, done, total] for name, email, done, total in per_reviewer],
    }


def reviews_section(programme: Programme, counts: dict[str, list[list]]) -> Section:
    by_call = {call_id: (done, total) for call_id, done, total in counts["calls"]}
    calls = Call.objects.filter(pk__in=by_call).order_by("opens_at", "pk")
    per_call = [(call.title_shown, *by_call[call.pk]) for call in calls]
    reviewers = sorted(
        (tuple(row) for row in counts["reviewers"]), key=lambda row: (row[1] - row[2], row[0])
    )
    return Section(
        key="reviews",
        title=_("Reviewer progress"),
        hint=_(
            "Reviews submitted of those assigned. Reviewers with the most reviews still "
            "open come first."
        ),
        figures=[
            _progress_figure(
                key="reviews-calls",
                caption=_("Reviews per call"),
                heading=_("Call"),
                chart_title=_("Progress chart: reviews submitted of those assigned, per call"),
                rows=per_call,
                empty=_("No review assigned yet."),
            ),
            _progress_figure(
                key="reviews-reviewers",
                caption=_("Reviews per reviewer"),
                heading=_("Reviewer"),
                chart_title=_("Progress chart: reviews submitted of those assigned, per reviewer"),
                rows=reviewers,
                empty=_("No review assigned yet."),
            ),
        ],
    )
