"""Matching as it stands: matches by state, the challenges with every provider they want
confirmed, and the figures of the latest finished run."""

from django.db.models import Count, F, Q
from django.utils.translation import gettext as _

from challenges.models import Challenge
from incubator.models import Programme
from incubator.times import in_viewer_zone
from matching.models import Match, MatchRun
from matching.selectors import TAKING_PART, latest_finished_run
from outcomes.charts import Bar, Progress, bar_chart, progress_chart
from outcomes.dashboard.figures import Cell, Figure, Row, Section, programme_calls


def matching_counts(programme: Programme) -> dict:
    """Matches by state, the challenges taking part and those with every provider they
    want confirmed (for outcomes/dashboard/counts.py)."""
    states = dict(
        Match.objects.filter(programme=programme)
        .values_list("state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {"states": states, **_challenges_filled(programme)}


def _matches_figure(states: dict[str, int]) -> Figure:
    rows = [(str(label), states.get(value, 0)) for value, label in Match.State.choices]
    return Figure(
        key="matching-matches",
        caption=_("Matches by state"),
        columns=[_("State"), _("Matches")],
        rows=[Row(label, [Cell(n)]) for label, n in rows],
        chart=bar_chart([Bar(label, label, n) for label, n in rows]),
        chart_title=_("Bar chart: matches proposed, confirmed and rejected"),
    )


def _challenges_filled(programme: Programme) -> dict[str, int]:
    taking_part = Challenge.objects.filter(
        call__in=programme_calls(programme), status__in=TAKING_PART
    )
    # The matches are counted once, grouped by challenge (never a count per challenge).
    filled = (
        Match.objects.filter(programme=programme, state=Match.State.CONFIRMED)
        .values("challenge_id", "challenge__providers_wanted")
        .annotate(n=Count("pk"))
        .filter(n__gte=F("challenge__providers_wanted"))
        .values("challenge_id")
    )
    return taking_part.aggregate(
        challenges=Count("pk"), complete=Count("pk", filter=Q(pk__in=filled))
    )


def _challenges_filled_figure(round_: dict[str, int]) -> Figure:
    complete_label = _("Challenges with every provider they want confirmed")
    return Figure(
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
    )


def _run_figure(run: MatchRun) -> Figure:
    numbers = run.figures or {}
    rows = [
        (_("Challenges"), "challenges"),
        (_("Solution providers"), "providers"),
        (_("Candidate pairs scored"), "candidates"),
        (_("Matches proposed"), "matches"),
        (_("Places wanted"), "slots_wanted"),
        (_("Places left unfilled"), "unfilled_slots"),
    ]
    return Figure(
        key="matching-run",
        caption=_("Latest finished run, %(when)s")
        % {"when": in_viewer_zone(run.finished_at or run.created_at)},
        columns=[_("Figure"), _("Number")],
        rows=[Row(label, [Cell(numbers.get(name))]) for label, name in rows],
    )


def matching_section(programme: Programme, counts: dict) -> Section:
    figures = [_matches_figure(counts["states"]), _challenges_filled_figure(counts)]
    run = latest_finished_run(programme)
    if run is not None:
        figures.append(_run_figure(run))
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
