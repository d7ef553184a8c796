"""Reviewer progress: reviews submitted of those assigned, per call and per reviewer."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from incubator.models import Programme
from incubator.translated import shown
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


def reviews_section(programme: Programme) -> Section:
    assignments = Assignment.objects.filter(item__call__in=programme_calls(programme))
    submitted = Q(submitted_at__isnull=False)
    per_call = (
        assignments.values("item__call_id", call_title=shown("item__call__title"))
        .annotate(total=Count("pk"), done=Count("pk", filter=submitted))
        .order_by("item__call__opens_at", "item__call_id")
    )
    per_reviewer = (
        assignments.values("reviewer_id", "reviewer__display_name", "reviewer__email")
        .annotate(total=Count("pk"), done=Count("pk", filter=submitted))
        .order_by()
    )
    reviewers = sorted(
        (
            (row["reviewer__display_name"] or row["reviewer__email"], row["done"], row["total"])
            for row in per_reviewer
        ),
        key=lambda row: (row[1] - row[2], row[0]),
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
                rows=[(row["call_title"], row["done"], row["total"]) for row in per_call],
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
