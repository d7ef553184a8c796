"""The follow-up surveys: answered of those sent per milestone, and the stages the teams
say their work reached."""

from django.utils.translation import gettext as _

from challenges.models import LifecycleStage
from incubator.models import Programme
from outcomes.charts import Progress, progress_chart
from outcomes.dashboard.figures import Figure, Row, Section, count_cells
from outcomes.selectors import survey_figures


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
                    Row(m.label, count_cells([m.answered, m.sent, m.sent - m.answered]))
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
                    Row(str(label), count_cells([m.stages.get(value, 0) for m in milestones]))
                    for value, label in LifecycleStage.choices
                ],
            ),
        ],
    )
