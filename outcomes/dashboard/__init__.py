"""The secretariat's programme dashboard in numbers, one module per section: per call the
funnel; submissions by country, continent, level of government and theme; reviewer
progress; the state of matching; the incubations; cohort attendance and feedback; the
follow-up surveys.

Every figure is counted in the database with grouped and conditional aggregates, so the
page takes the same number of queries for three submissions as for three thousand."""

from collections.abc import Callable

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

__all__ = ["Figure", "Section", "dashboard_figure", "programme_dashboard"]

SECTIONS: dict[str, Callable[[Programme], Section]] = {
    "funnel": funnel_section,
    "submissions": submissions_section,
    "reviews": reviews_section,
    "matching": matching_section,
    "incubation": incubation_section,
    "attendance": attendance_section,
    "surveys": surveys_section,
}


def programme_dashboard(programme: Programme) -> list[Section]:
    return [build(programme) for build in SECTIONS.values()]


def dashboard_figure(programme: Programme, key: str) -> Figure:
    """One figure by its key, computing only its own section; 404 for an unknown key."""
    build = SECTIONS.get(key.split("-", 1)[0])
    if build is not None:
        for figure in build(programme).figures:
            if figure.key == key:
                return figure
    raise Http404
