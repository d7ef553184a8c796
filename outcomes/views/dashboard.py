"""The secretariat's programme dashboard: the programmes to choose from, one programme's
figures with their charts and tables, and each table as a CSV file."""

import csv

from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from incubator.access import secretariat_required
from incubator.models import Programme
from outcomes.dashboard import Figure, dashboard_figure, programme_dashboard
from outcomes.selectors import programmes_for_dashboard

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@secretariat_required
@require_safe
def programmes(request):
    return render(
        request,
        "outcomes/dashboard/programmes.html",
        {"programmes": programmes_for_dashboard()},
    )


@secretariat_required
@require_safe
def dashboard(request, slug):
    programme = get_object_or_404(Programme, slug=slug)
    return render(
        request,
        "outcomes/dashboard/dashboard.html",
        {"programme": programme, "sections": programme_dashboard(programme)},
    )


def _cell(value: str) -> str:
    """A value as a spreadsheet cell that can never run as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


class _Echo:
    """A file that hands back what is written to it, for csv.writer to stream through."""

    def write(self, value: str) -> str:
        return value


def _csv_rows(figure: Figure):
    # The figure is complete (its texts translated) before the response starts, so the
    # rows need neither the viewer's language nor the database while they stream.
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow([_cell(column) for column in figure.columns])
    rows = [*figure.rows, figure.footer] if figure.footer else figure.rows
    for row in rows:
        yield writer.writerow([_cell(row.label), *(_cell(c.for_csv()) for c in row.cells)])


@secretariat_required
@require_safe
def figure_csv(request, slug, key):
    programme = get_object_or_404(Programme, slug=slug)
    figure = dashboard_figure(programme, key)
    response = StreamingHttpResponse(_csv_rows(figure), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{programme.slug}-{figure.key}.csv"'
    return response
