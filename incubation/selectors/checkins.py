"""Careful reads of check-ins: a team's open request, the check-ins a person may read in
one incubation, and the secretariat's page of a programme's check-ins, the incubations
at risk first."""

from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from incubation.models import CheckIn, CheckInSchedule, Incubation, IncubationTeam
from incubation.models.checkins import DEFAULT_INTERVAL_WEEKS
from incubation.selectors.risk import with_risks
from incubator.models import Programme

PAGE_SIZE = 20


def open_request_of(*, team: IncubationTeam) -> CheckIn | None:
    """The team's check-in asked for and not sent yet, the latest if several."""
    return (
        CheckIn.objects.filter(team=team, submitted_at__isnull=True)
        .order_by("-requested_at", "-pk")
        .first()
    )


def _with_people() -> QuerySet[CheckIn]:
    return CheckIn.objects.select_related("team__organisation", "submitted_by", "answered_by")


def checkins_of(*, incubation: Incubation, team_ids) -> list[CheckIn]:
    """The check-ins of the listed teams, newest first."""
    return list(
        _with_people()
        .filter(incubation=incubation, team_id__in=team_ids)
        .order_by("-requested_at", "-pk")
    )


def checkin_for_desk(*, pk: int) -> CheckIn:
    return get_object_or_404(
        _with_people().select_related("incubation__challenge", "incubation__programme"), pk=pk
    )


def interval_weeks_of(programme: Programme) -> int:
    schedule = CheckInSchedule.objects.filter(programme=programme).first()
    return schedule.interval_weeks if schedule else DEFAULT_INTERVAL_WEEKS


def checkins_page(*, programme: Programme, now, page_number):
    """The programme's incubations, at risk first, each with its check-ins (newest
    first) and its teams: one page of PAGE_SIZE incubations."""
    incubations = (
        with_risks(Incubation.objects.filter(programme=programme), now=now)
        .select_related("challenge")
        .prefetch_related(
            Prefetch(
                "checkins",
                _with_people().order_by("-requested_at", "-pk"),
                to_attr="all_checkins",
            ),
            Prefetch(
                "teams",
                IncubationTeam.objects.select_related("organisation").order_by("role", "pk"),
            ),
        )
        .order_by("-risk_count", "-last_activity_at", "pk")
    )
    return Paginator(incubations, PAGE_SIZE).get_page(page_number)
