"""The incubations of the programme: how many are in each state and at risk, the
milestones done of all planned, and the meetings held."""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from incubation.models import IncubationState, MeetingState, MilestoneState
from incubation.selectors.risk import incubations_by_state_with_risk
from incubator.models import Programme
from outcomes.charts import Bar, Progress, bar_chart, progress_chart
from outcomes.dashboard.figures import Cell, Figure, Row, Section, count_cells


def _work(programme: Programme, now) -> dict:
    return Programme.objects.filter(pk=programme.pk).aggregate(
        milestones=Count(
            "incubations__milestones",
            filter=~Q(incubations__milestones__state=MilestoneState.DROPPED),
            distinct=True,
        ),
        done=Count(
            "incubations__milestones",
            filter=Q(incubations__milestones__state=MilestoneState.DONE),
            distinct=True,
        ),
        held=Count(
            "incubations__meetings",
            filter=Q(
                incubations__meetings__state=MeetingState.FIXED,
                incubations__meetings__ends_at__lte=now,
            ),
            distinct=True,
        ),
    )


def incubation_section(programme: Programme) -> Section:
    now = timezone.now()
    states = incubations_by_state_with_risk(programme=programme, now=now)
    rows = [
        (value, str(label), *states.get(value, (0, 0))) for value, label in IncubationState.choices
    ]
    work = _work(programme, now)
    at_risk = sum(risky for _value, _label, _n, risky in rows)
    done_label = _("Milestones done")
    return Section(
        key="incubation",
        title=_("Incubation"),
        hint=_(
            "The workspaces of matched challenges. An incubation at work is at risk when a "
            "check-in asked a week ago is not sent, a team's last confidence is 2 or less, a "
            "milestone is overdue, or no meeting was held in six weeks."
        ),
        figures=[
            Figure(
                key="incubation-states",
                caption=_("Incubations by state"),
                columns=[_("State"), _("Incubations"), _("At risk")],
                rows=[Row(label, count_cells([n, risky])) for _v, label, n, risky in rows],
                chart=bar_chart([Bar(value, label, n) for value, label, n, _r in rows]),
                chart_title=_(
                    "Bar chart: incubations starting, active, paused, closing and closed"
                ),
            ),
            Figure(
                key="incubation-work",
                caption=_("The work in numbers"),
                columns=[_("Figure"), _("Number")],
                rows=[
                    Row(_("Active incubations"), [Cell(states.get("active", (0, 0))[0])]),
                    Row(_("Incubations at risk"), [Cell(at_risk)]),
                    Row(done_label, [Cell(work["done"])]),
                    Row(_("Milestones planned, dropped ones aside"), [Cell(work["milestones"])]),
                    Row(_("Meetings held"), [Cell(work["held"])]),
                ],
                chart=progress_chart(
                    [Progress("milestones", done_label, work["done"], work["milestones"])]
                ),
                chart_title=_("Progress chart: milestones done of those planned"),
            ),
        ],
    )
