"""The secretariat's programme dashboard in numbers: per call the funnel; submissions by
country, continent, level of government and theme; reviewer progress; the state of
matching; cohort attendance and feedback; the follow-up surveys.

Every figure is counted in the database with grouped and conditional aggregates, so the
page takes the same number of queries for three submissions as for three thousand. Each
figure is a table of rows and cells, shown beside its chart and offered as a CSV file;
the page and the file read the same table."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django_countries import countries

from challenges.models import Challenge, LifecycleStage
from cohorts.models import Feedback, RegistrationStatus, Session
from incubator.models import Call, Programme
from incubator.models.organisations import Level
from incubator.regions import REGION_NAMES, region_of
from incubator.times import in_viewer_zone
from matching.models import Match
from matching.selectors import TAKING_PART, latest_finished_run
from outcomes.charts import Bar, BarChart, Progress, ProgressChart, bar_chart, progress_chart
from outcomes.selectors import survey_figures
from reviews.models import Assignment, ReviewItem
from solutions.models import Solution
from submissions.models import SubmissionState

S = SubmissionState
SUBMISSION_MODELS = (Challenge, Solution)

# Ever submitted: anything but a draft, and but a draft its team withdrew unsubmitted
# (which has no time of submission).
EVER_SUBMITTED = ~Q(status=S.DRAFT) & ~Q(status=S.WITHDRAWN, submitted_at__isnull=True)
# States a submission reaches only by passing screening.
PAST_SCREENING = (S.IN_REVIEW, S.SHORTLISTED, S.SELECTED)
RATING_SCALE = 5


# The shape of a figure ------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One value of a table: a count, an average (``decimals`` > 0), a date, a text, or
    None when there is nothing to count yet (shown as a dash)."""

    value: int | float | str | date | None
    decimals: int = 0

    @property
    def kind(self) -> str:
        if self.value is None:
            return "none"
        if isinstance(self.value, str):
            return "text"
        if isinstance(self.value, date):
            return "date"
        return "decimal" if self.decimals else "count"

    def for_csv(self) -> str:
        """Plain figures for spreadsheets: no grouping, a point before decimals, ISO dates."""
        if self.kind == "none":
            return ""
        if self.kind == "date":
            return self.value.isoformat()
        if self.kind == "decimal":
            return f"{self.value:.{self.decimals}f}"
        return str(self.value)


@dataclass(frozen=True)
class Row:
    label: str
    cells: list[Cell]


@dataclass(frozen=True)
class Figure:
    """A table with its chart: ``key`` names its anchor on the page and its CSV file."""

    key: str
    caption: str
    columns: list[str]  # the first one heads the row labels
    rows: list[Row]
    chart: BarChart | ProgressChart | None = None
    chart_title: str = ""
    chart_decimals: int = 0
    footer: Row | None = None
    empty: str = ""

    @property
    def chart_kind(self) -> str:
        return "progress" if isinstance(self.chart, ProgressChart) else "bars"


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    hint: str
    figures: list[Figure]
    definitions: list[tuple[str, str]] = field(default_factory=list)


def _counts(values: list[int]) -> list[Cell]:
    return [Cell(value) for value in values]


def _average(points: int | None, answers: int) -> Cell:
    return Cell(points / answers if answers else None, decimals=1)


# The funnel -----------------------------------------------------------------------------


def funnel_stages() -> list[tuple[str, str, str]]:
    """(key, name, definition) of each stage, in order; the page shows the definitions."""
    return [
        ("drafts", _("Drafts"), _("Still a draft: never submitted, not withdrawn.")),
        (
            "submitted",
            _("Submitted"),
            _(
                "Ever submitted, whatever happened next: every submission but drafts and "
                "drafts withdrawn before they were submitted."
            ),
        ),
        (
            "screened",
            _("Passed screening"),
            _(
                "Submitted and found eligible: now in review, shortlisted or selected, or "
                "taken into review before being declined or withdrawn. Submissions declined "
                "at screening are not counted."
            ),
        ),
        (
            "reviewed",
            _("Reviewed"),
            _("Submitted, with at least one review an advisory-board member submitted."),
        ),
        ("selected", _("Selected"), _("Selected by the secretariat.")),
    ]


def _funnel_counts(model, programme: Programme) -> list[dict]:
    """One row per call of the programme holding this kind of submission."""
    items = ReviewItem.objects.filter(
        content_type__app_label=model._meta.app_label,
        content_type__model=model._meta.model_name,
        object_id=OuterRef("pk"),
    )
    taken_into_review = Exists(items)
    reviewed = Exists(items.filter(assignments__submitted_at__isnull=False))
    return list(
        model.objects.filter(call__programme=programme)
        .values("call_id")
        .annotate(
            drafts=Count("pk", filter=Q(status=S.DRAFT)),
            submitted=Count("pk", filter=EVER_SUBMITTED),
            screened=Count(
                "pk",
                filter=EVER_SUBMITTED & (Q(status__in=PAST_SCREENING) | Q(taken_into_review)),
            ),
            reviewed=Count("pk", filter=EVER_SUBMITTED & Q(reviewed)),
            selected=Count("pk", filter=Q(status=S.SELECTED)),
        )
        .order_by()
    )


def funnel_section(programme: Programme) -> Section:
    """Per call of the programme, five counts of its submissions (challenges or solution
    proposals, as the call's kind says):

    - drafts: in the draft state;
    - submitted: ever submitted (``EVER_SUBMITTED``): in any state but draft, except a
      draft withdrawn before it was submitted;
    - screened (passed screening): submitted, and in review, shortlisted or selected, or
      taken into review (it has a review item) before it was declined or withdrawn;
    - reviewed: submitted, with at least one review (assignment) submitted;
    - selected: in the selected state.

    Each stage from "submitted" on holds the next ones: a review needs a review item,
    and selection passes screening."""
    calls = Call.objects.filter(programme=programme).order_by("opens_at", "pk")
    counts = {
        row["call_id"]: row
        for model in SUBMISSION_MODELS
        for row in _funnel_counts(model, programme)
    }
    stages = funnel_stages()
    figures = []
    for call in calls:
        found = counts.get(call.pk, {})
        rows = [Row(name, [Cell(found.get(key, 0))]) for key, name, _meaning in stages]
        figures.append(
            Figure(
                key=f"funnel-{call.pk}",
                caption=_("%(call)s: from draft to selection") % {"call": call.title},
                columns=[_("Stage"), _("Submissions")],
                rows=rows,
                chart=bar_chart([Bar(key, name, found.get(key, 0)) for key, name, _m in stages]),
                chart_title=_("Bar chart: submissions at each stage of %(call)s")
                % {"call": call.title},
            )
        )
    return Section(
        key="funnel",
        title=_("Funnel per call"),
        hint=_(
            "Drafts are the submissions not sent yet. From “Submitted” on, a submission "
            "counts in every stage it has reached, so each stage holds the ones after it."
        ),
        figures=figures,
        definitions=[(name, meaning) for _key, name, meaning in stages],
    )


# Who submitted ----------------------------------------------------------------------------


def _kind_columns() -> list[str]:
    return [capfirst(str(model._meta.verbose_name_plural)) for model in SUBMISSION_MODELS]


def _tally_figure(
    *, key: str, caption: str, heading: str, chart_title: str, counts: dict, with_total=True
) -> Figure:
    """A table of submissions per group (one column per kind, then all kinds), most
    first; ``counts`` maps each group's name to its count per kind."""
    ordered = sorted(counts.items(), key=lambda item: (-sum(item[1]), item[0]))
    rows = [Row(name, _counts([*values, sum(values)])) for name, values in ordered]
    footer = None
    if with_total:
        totals = [
            sum(values[i] for values in counts.values()) for i in range(len(SUBMISSION_MODELS))
        ]
        footer = Row(_("All submissions"), _counts([*totals, sum(totals)]))
    return Figure(
        key=key,
        caption=caption,
        columns=[heading, *_kind_columns(), _("All")],
        rows=rows,
        chart=bar_chart([Bar(name, name, sum(values)) for name, values in ordered]),
        chart_title=chart_title,
        footer=footer,
        empty=_("No submission yet."),
    )


def submissions_section(programme: Programme) -> Section:
    width = len(SUBMISSION_MODELS)
    by_country: dict[str, list[int]] = defaultdict(lambda: [0] * width)
    by_region: dict[str, list[int]] = defaultdict(lambda: [0] * width)
    by_level: dict[str, list[int]] = defaultdict(lambda: [0] * width)
    by_theme: dict[str, list[int]] = defaultdict(lambda: [0] * width)
    levels = {value: str(label) for value, label in Level.choices}
    not_stated = _("Not stated")
    for index, model in enumerate(SUBMISSION_MODELS):
        submitted = model.objects.filter(EVER_SUBMITTED, call__programme=programme)
        teams = (
            submitted.values("organisation__country", "organisation__level")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for row in teams:
            code = str(row["organisation__country"] or "")
            region = region_of(code)
            by_country[countries.name(code) or code or not_stated][index] += row["n"]
            by_region[str(REGION_NAMES[region]) if region else not_stated][index] += row["n"]
            level = row["organisation__level"]
            by_level[levels.get(level, level) or not_stated][index] += row["n"]
        themes = submitted.values("themes__pk", "themes__name").annotate(n=Count("pk")).order_by()
        for row in themes:
            by_theme[row["themes__name"] or _("No theme")][index] += row["n"]
    return Section(
        key="submissions",
        title=_("Who submitted"),
        hint=_(
            "Submitted challenges and solution proposals (drafts left out), counted by "
            "their owner team's country, continent and level of government, and by theme. "
            "A submission with several themes counts once under each."
        ),
        figures=[
            _tally_figure(
                key="submissions-country",
                caption=_("Submissions by country"),
                heading=_("Country"),
                chart_title=_("Bar chart: submissions by country"),
                counts=by_country,
            ),
            _tally_figure(
                key="submissions-continent",
                caption=_("Submissions by continent"),
                heading=_("Continent"),
                chart_title=_("Bar chart: submissions by continent"),
                counts=by_region,
            ),
            _tally_figure(
                key="submissions-level",
                caption=_("Submissions by level of government"),
                heading=_("Level of government"),
                chart_title=_("Bar chart: submissions by level of government"),
                counts=by_level,
            ),
            _tally_figure(
                key="submissions-theme",
                caption=_("Submissions by theme"),
                heading=_("Theme"),
                chart_title=_("Bar chart: submissions by theme"),
                counts=by_theme,
                with_total=False,
            ),
        ],
    )


# Review -----------------------------------------------------------------------------------


def _progress_figure(*, key, caption, heading, chart_title, rows, empty) -> Figure:
    """Rows of (name, done, total): reviews submitted of those assigned."""
    return Figure(
        key=key,
        caption=caption,
        columns=[heading, _("Reviews submitted"), _("Assigned"), _("Still open")],
        rows=[Row(name, _counts([done, total, total - done])) for name, done, total in rows],
        chart=progress_chart([Progress(name, name, done, total) for name, done, total in rows]),
        chart_title=chart_title,
        empty=empty,
    )


def reviews_section(programme: Programme) -> Section:
    assignments = Assignment.objects.filter(item__call__programme=programme)
    submitted = Q(submitted_at__isnull=False)
    per_call = (
        assignments.values("item__call_id", "item__call__title")
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
                rows=[(row["item__call__title"], row["done"], row["total"]) for row in per_call],
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


# Matching ---------------------------------------------------------------------------------


def matching_section(programme: Programme) -> Section:
    states = dict(
        Match.objects.filter(programme=programme)
        .values_list("state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    confirmed = (
        Match.objects.filter(challenge=OuterRef("pk"), state=Match.State.CONFIRMED)
        .order_by()
        .values("challenge")
        .annotate(n=Count("pk"))
        .values("n")
    )
    round_ = (
        Challenge.objects.filter(call__programme=programme, status__in=TAKING_PART)
        .annotate(confirmed=Subquery(confirmed, output_field=IntegerField()))
        .aggregate(
            challenges=Count("pk"),
            complete=Count("pk", filter=Q(confirmed__gte=F("providers_wanted"))),
        )
    )
    run = latest_finished_run(programme)
    match_rows = [(label, states.get(value, 0)) for value, label in Match.State.choices]
    complete_label = _("Challenges with every provider they want confirmed")
    figures = [
        Figure(
            key="matching-matches",
            caption=_("Matches by state"),
            columns=[_("State"), _("Matches")],
            rows=[Row(str(label), [Cell(n)]) for label, n in match_rows],
            chart=bar_chart([Bar(str(label), str(label), n) for label, n in match_rows]),
            chart_title=_("Bar chart: matches proposed, confirmed and rejected"),
        ),
        Figure(
            key="matching-challenges",
            caption=_("Challenges filled"),
            columns=[_("Challenges"), _("Number")],
            rows=[
                Row(_("Challenges taking part in matching"), [Cell(round_["challenges"])]),
                Row(complete_label, [Cell(round_["complete"])]),
            ],
            chart=progress_chart(
                [Progress("complete", complete_label, round_["complete"], round_["challenges"])]
            ),
            chart_title=_("Progress chart: challenges with every provider they want confirmed"),
        ),
    ]
    if run is not None:
        numbers = run.figures or {}
        run_rows = [
            (_("Challenges"), "challenges"),
            (_("Solution providers"), "providers"),
            (_("Candidate pairs scored"), "candidates"),
            (_("Matches proposed"), "matches"),
            (_("Places wanted"), "slots_wanted"),
            (_("Places left unfilled"), "unfilled_slots"),
        ]
        figures.append(
            Figure(
                key="matching-run",
                caption=_("Latest finished run, %(when)s")
                % {"when": in_viewer_zone(run.finished_at or run.created_at)},
                columns=[_("Figure"), _("Number")],
                rows=[Row(label, [Cell(numbers.get(name))]) for label, name in run_rows],
            )
        )
    return Section(
        key="matching",
        title=_("Matching"),
        hint=_(
            "Matches of the programme as they stand; challenges taking part are those "
            "submitted and neither declined nor withdrawn. The figures of the latest run "
            "are the engine's, as it finished."
        )
        if run is not None
        else _(
            "Matches of the programme as they stand; challenges taking part are those "
            "submitted and neither declined nor withdrawn. No matching run has finished yet."
        ),
        figures=figures,
    )


# The cohort track -------------------------------------------------------------------------


def attendance_section(programme: Programme) -> Section:
    sessions = Session.objects.filter(cohort__programme=programme, cancelled_at__isnull=True)
    registered = Q(registrations__status=RegistrationStatus.REGISTERED)
    session_rows = list(
        sessions.values("pk", "title", "starts_at", "theme_id", "theme__name")
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
    themes: dict[str, dict[str, int]] = {}
    rows = []
    for session in session_rows:
        given = feedback.get(session["pk"], {"answers": 0, "points": 0})
        attended = session["attended"] if session["recorded"] else None
        rows.append((session, attended, given))
        theme = themes.setdefault(
            session["theme__name"],
            {"sessions": 0, "registered": 0, "attended": 0, "answers": 0, "points": 0},
        )
        theme["sessions"] += 1
        theme["registered"] += session["registered"]
        theme["attended"] += session["attended"]
        theme["answers"] += given["answers"]
        theme["points"] += given["points"] or 0
    by_theme = sorted(themes.items())
    rated = [(name, theme) for name, theme in by_theme if theme["answers"]]
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
        figures=[
            Figure(
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
                        session["title"],
                        [
                            Cell(timezone.localtime(session["starts_at"]).date()),
                            Cell(session["registered"]),
                            Cell(attended),
                            Cell(given["answers"]),
                            _average(given["points"], given["answers"]),
                        ],
                    )
                    for session, attended, given in rows
                ],
                chart=progress_chart(
                    [
                        Progress(
                            str(session["pk"]), session["title"], attended, session["registered"]
                        )
                        for session, attended, _given in rows
                    ]
                ),
                chart_title=_(
                    "Progress chart: people who attended of those registered, per session"
                ),
                empty=_("No session yet."),
            ),
            Figure(
                key="attendance-themes",
                caption=_("Attendance per theme"),
                columns=[_("Theme"), _("Sessions"), _("Registered"), _("Attended")],
                rows=[
                    Row(name, _counts([t["sessions"], t["registered"], t["attended"]]))
                    for name, t in by_theme
                ],
                chart=progress_chart(
                    [Progress(name, name, t["attended"], t["registered"]) for name, t in by_theme]
                ),
                chart_title=_("Progress chart: people who attended of those registered, per theme"),
                empty=_("No session yet."),
            ),
            Figure(
                key="attendance-feedback",
                caption=_("Feedback per theme"),
                columns=[_("Theme"), _("Feedback answers"), _("Average rating")],
                rows=[
                    Row(name, [Cell(t["answers"]), _average(t["points"], t["answers"])])
                    for name, t in rated
                ],
                chart=bar_chart(
                    [Bar(name, name, t["points"] / t["answers"]) for name, t in rated],
                    maximum=RATING_SCALE,
                ),
                chart_title=_("Bar chart: average rating out of 5, per theme"),
                chart_decimals=1,
                empty=_("No feedback yet."),
            ),
        ],
    )


# Follow-up surveys --------------------------------------------------------------------------


def surveys_section(programme: Programme) -> Section:
    milestones = survey_figures(programme)
    return Section(
        key="surveys",
        title=_("Follow-up surveys"),
        hint=_(
            "Each team of a confirmed match is asked 3, 6 and 12 months after the match. "
            "Stages reached: how many teams said their work reached each lifecycle stage."
        ),
        figures=[
            Figure(
                key="surveys-milestones",
                caption=_("Surveys answered per milestone"),
                columns=[_("Milestone"), _("Answered"), _("Sent"), _("Not answered yet")],
                rows=[
                    Row(m.label, _counts([m.answered, m.sent, m.sent - m.answered]))
                    for m in milestones
                ],
                chart=progress_chart(
                    [Progress(str(m.milestone), m.label, m.answered, m.sent) for m in milestones]
                ),
                chart_title=_("Progress chart: surveys answered of those sent, per milestone"),
            ),
            Figure(
                key="surveys-stages",
                caption=_("Stages reached per milestone"),
                columns=[_("Stage reached"), *(m.label for m in milestones)],
                rows=[
                    Row(str(label), _counts([m.stages.get(value, 0) for m in milestones]))
                    for value, label in LifecycleStage.choices
                ],
            ),
        ],
    )


# The whole page -----------------------------------------------------------------------------

SECTIONS: dict[str, Callable[[Programme], Section]] = {
    "funnel": funnel_section,
    "submissions": submissions_section,
    "reviews": reviews_section,
    "matching": matching_section,
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
