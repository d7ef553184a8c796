"""The secretariat's programme dashboard in numbers, one module per section: per call the
funnel; submissions by country, continent, level of government and theme; reviewer
progress; the state of matching; the incubations; cohort attendance and feedback; the
follow-up surveys.

The first four count over every submission of the round: their numbers are kept and read
back (`counts`), so the page takes the same time for 24 challenges as for 50,000. The
other three count incubations, sessions and surveys, a few hundred at most, when the page
is drawn. Every figure is counted in the database with grouped and conditional
aggregates, so the page takes the same number of queries for three submissions as for
three thousand."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, partial

from django.http import Http404

from incubator.models import Programme
from outcomes.dashboard.attendance import attendance_section
from outcomes.dashboard.figures import Figure, Section
from outcomes.dashboard.funnel import funnel_section
from outcomes.dashboard.incubation_state import incubation_section
from outcomes.dashboard.matching_state import matching_section
from outcomes.dashboard.reviewer_progress import reviews_section
from outcomes.dashboard.surveys import surveys_section
from outcomes.dashboard.who_submitted import submissions_section
from outcomes.models import DashboardCounts

__all__ = ["Figure", "Part", "Section", "dashboard_figure", "programme_dashboard"]

# Each drawn from its kept counts (outcomes/dashboard/counts.py names the same keys).
FROM_COUNTS: dict[str, Callable[[Programme, object], Section]] = {
    "funnel": funnel_section,
    "submissions": submissions_section,
    "reviews": reviews_section,
    "matching": matching_section,
}
COUNTED_NOW: dict[str, Callable[[Programme], Section]] = {
    "incubation": incubation_section,
    "attendance": attendance_section,
    "surveys": surveys_section,
}


def _section(programme: Programme, counted: DashboardCounts, key: str) -> Section:
    if key in FROM_COUNTS:
        return FROM_COUNTS[key](programme, counted.counts[key])
    return COUNTED_NOW[key](programme)


@dataclass
class Part:
    """A section of the page, drawn only when the page needs it: the page keeps the HTML
    of those drawn from the kept counts for as long as the counts stand."""

    key: str
    kept: bool
    draw: Callable[[], Section]

    @cached_property
    def section(self) -> Section:
        return self.draw()


def programme_dashboard(programme: Programme, counted: DashboardCounts) -> list[Part]:
    return [
        Part(key, key in FROM_COUNTS, partial(_section, programme, counted, key))
        for key in (*FROM_COUNTS, *COUNTED_NOW)
    ]


def dashboard_figure(programme: Programme, counted: DashboardCounts, key: str) -> Figure:
    """One figure by its key, drawing only its own section; 404 for an unknown key."""
    section = key.split("-", 1)[0]
    if section in FROM_COUNTS or section in COUNTED_NOW:
        for figure in _section(programme, counted, section).figures:
            if figure.key == key:
                return figure
    raise Http404
