"""The cohort track: attendance and feedback per session of the programme's cohorts, and
per theme."""

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts.models import Feedback, RegistrationStatus, Session
from incubator.models import Programme
from incubator.translated import shown
from outcomes.charts import Bar, Progress, bar_chart, progress_chart
from outcomes.dashboard.figures import Cell, Figure, Row, Section, average_cell, count_cells

RATING_SCALE = 5
NO_FEEDBACK = {"answers": 0, "points": 0}


def _sessions_held(programme: Programme) -> list[tuple[dict, int | None, dict]]:
    """(session, people who attended or None until attendance is taken, its feedback
    answers and points) of each session not cancelled, in order: two queries."""
    sessions = Session.objects.filter(cohort__programme=programme, cancelled_at__isnull=True)
    registered = Q(registrations__status=RegistrationStatus.REGISTERED)
    rows = list(
        sessions.values(
            "pk",
            "starts_at",
            "theme_id",
            label=shown("title"),
            theme_name=shown("theme__name"),
        )
        .annotate(
            registered=Count("registrations", filter=registered),
            attended=Count("registrations", filter=registered & Q(registrations__attended=True)),
            recorded=Count(
                "registrations", filter=registered & Q(registrations__attended__isnull=False)
            ),
        )
        .order_by("starts_at", "pk")
    )
    feedback = {
        row["session_id"]: row
        for row in Feedback.objects.filter(session__in=sessions)
        .values("session_id")
        .annotate(answers=Count("pk"), points=Sum("rating"))
        .order_by()
    }
    return [
        (
            session,
            session["attended"] if session["recorded"] else None,
            feedback.get(session["pk"], NO_FEEDBACK),
        )
        for session in rows
    ]


def _per_theme(held) -> list[tuple[str, dict[str, int]]]:
    """The sessions' numbers added up per theme, by theme name."""
    themes: dict[str, dict[str, int]] = {}
    for session, _attended, given in held:
        theme = themes.setdefault(
            session["theme_name"],
            {"sessions": 0, "registered": 0, "attended": 0, "answers": 0, "points": 0},
        )
        theme["sessions"] += 1
        theme["registered"] += session["registered"]
        theme["attended"] += session["attended"]
        theme["answers"] += given["answers"]
        theme["points"] += given["points"] or 0
    return sorted(themes.items())


def _sessions_figure(held) -> Figure:
    return Figure(
        key="attendance-sessions",
        caption=_("Attendance per session"),
        columns=[
            _("Session"),
            _("Date"),
            _("Registered"),
            _("Attended"),
            _("Feedback answers"),
            _("Average rating"),
        ],
        rows=[
            Row(
                session["label"],
                [
                    Cell(timezone.localtime(session["starts_at"]).date()),
                    Cell(session["registered"]),
                    Cell(attended),
                    Cell(given["answers"]),
                    average_cell(given["points"], given["answers"]),
                ],
            )
            for session, attended, given in held
        ],
        chart=progress_chart(
            [
                Progress(str(session["pk"]), session["label"], attended, session["registered"])
                for session, attended, _given in held
            ]
        ),
        chart_title=_("Progress chart: people who attended of those registered, per session"),
        empty=_("No session yet."),
    )


def _themes_figure(by_theme) -> Figure:
    return Figure(
        key="attendance-themes",
        caption=_("Attendance per theme"),
        columns=[_("Theme"), _("Sessions"), _("Registered"), _("Attended")],
        rows=[
            Row(name, count_cells([t["sessions"], t["registered"], t["attended"]]))
            for name, t in by_theme
        ],
        chart=progress_chart(
            [Progress(name, name, t["attended"], t["registered"]) for name, t in by_theme]
        ),
        chart_title=_("Progress chart: people who attended of those registered, per theme"),
        empty=_("No session yet."),
    )


def _feedback_figure(by_theme) -> Figure:
    rated = [(name, theme) for name, theme in by_theme if theme["answers"]]
    return Figure(
        key="attendance-feedback",
        caption=_("Feedback per theme"),
        columns=[_("Theme"), _("Feedback answers"), _("Average rating")],
        rows=[
            Row(name, [Cell(t["answers"]), average_cell(t["points"], t["answers"])])
            for name, t in rated
        ],
        chart=bar_chart(
            [Bar(name, name, t["points"] / t["answers"]) for name, t in rated],
            maximum=RATING_SCALE,
        ),
        chart_title=_("Bar chart: average rating out of 5, per theme"),
        chart_decimals=1,
        empty=_("No feedback yet."),
    )


def attendance_section(programme: Programme) -> Section:
    held = _sessions_held(programme)
    by_theme = _per_theme(held)
    return Section(
        key="attendance",
        title=_("Cohort attendance and feedback"),
        hint=_(
            "Sessions of the programme's cohorts, cancelled ones left out. Registered: "
            "people holding a place (not the waitlist). Attended: people marked present "
            "when the secretariat took attendance; a dash until it is taken. Ratings go "
            "from 1 to 5. Dates are in your time zone, %(zone)s."
        )
        % {"zone": timezone.get_current_timezone_name()},
        figures=[_sessions_figure(held), _themes_figure(by_theme), _feedback_figure(by_theme)],
    )
