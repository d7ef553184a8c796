"""The secretariat's programme dashboard: the programmes to choose from, one programme's
figures with their charts and tables, and each table as a CSV file."""

import csv

from django.conf import settings
from django.contrib import messages
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from incubator.access import secretariat_required
from incubator.models import Programme
from incubator.views.confirmation import form_receiver
from outcomes.dashboard import Figure, dashboard_figure, programme_dashboard
from outcomes.dashboard.counts import dashboard_counts, dashboard_recount
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
    counted = dashboard_counts(programme)
    return render(
        request,
        "outcomes/dashboard/dashboard.html",
        {
            "programme": programme,
            "counted": counted,
            "max_age": settings.DASHBOARD_COUNTS_MAX_AGE,
            "sections": programme_dashboard(programme, counted),
        },
    )


@secretariat_required
@form_receiver("outcomes:dashboard", slug="slug")
def recount(request, slug):
    programme = get_object_or_404(Programme, slug=slug)
    dashboard_recount(programme=programme)
    messages.success(request, _("Everything is counted again: the figures are as of now."))
    return redirect("outcomes:dashboard", slug=programme.slug)


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
    figure = dashboard_figure(programme, dashboard_counts(programme), key)
    response = StreamingHttpResponse(_csv_rows(figure), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{programme.slug}-{figure.key}.csv"'
    return response
