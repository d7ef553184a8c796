"""Careful reads of the closing reports, for the workspace and for the stages above it
(outcomes: follow-up surveys, stories and the showcase)."""

from django.db.models import QuerySet

from incubation.models import ClosingReport, Incubation
from incubator.models import Organisation


def reports_of(*, incubation: Incubation) -> dict[int, ClosingReport]:
    """The incubation's reports by team (IncubationTeam id)."""
    return {
        report.team_id: report
        for report in ClosingReport.objects.filter(incubation=incubation).select_related(
            "team__organisation", "submitted_by"
        )
    }


def closing_report_for(*, challenge_id: int, organisation: Organisation) -> ClosingReport | None:
    """A team's closing report in the incubation of a challenge, if it wrote one: what
    outcomes offers to start the team's follow-up survey and story from."""
    return (
        ClosingReport.objects.filter(
            incubation__challenge_id=challenge_id, team__organisation=organisation
        )
        .select_related("team__organisation")
        .first()
    )


def shared_advice(*, challenge_id: int, organisation_ids) -> QuerySet[ClosingReport]:
    """The closing reports of a challenge's incubation whose teams agreed to show their
    advice on the public showcase, among the listed teams (those the showcase shows)."""
    return (
        ClosingReport.objects.filter(
            incubation__challenge_id=challenge_id,
            team__organisation__in=organisation_ids,
            share_on_showcase=True,
        )
        .exclude(advice="")
        .select_related("team__organisation")
        .order_by("team__role", "team__pk")
    )
