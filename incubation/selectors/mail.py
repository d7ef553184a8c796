"""What the periodic emails of the workspace read: new messages per person, overdue
milestones, teams due for a check-in."""

from datetime import datetime, timedelta

from django.db.models import Max, QuerySet

from incubation.models import (
    CheckInSchedule,
    Incubation,
    IncubationState,
    IncubationTeam,
    MemberInbox,
    Message,
    Milestone,
)
from incubation.models.checkins import DEFAULT_INTERVAL_WEEKS
from incubation.models.plan import OPEN_MILESTONE_STATES
from incubator.models import User

# Messages older than this are not emailed any more (the worker was down for long).
MESSAGE_REACH = timedelta(days=7)


def incubations_with_recent_messages(*, now: datetime) -> QuerySet[Incubation]:
    return (
        Incubation.objects.filter(messages__created_at__gte=now - MESSAGE_REACH)
        .distinct()
        .select_related("challenge")
        .order_by("pk")
    )


def new_messages_for(*, inbox: MemberInbox, now: datetime) -> list[Message]:
    """Messages of others the person has neither read nor been emailed about."""
    seen = max(inbox.last_read_id, inbox.emailed_up_to_id)
    return list(
        Message.objects.filter(
            incubation_id=inbox.incubation_id,
            pk__gt=seen,
            created_at__gte=now - MESSAGE_REACH,
        )
        .exclude(author_id=inbox.user_id)
        .select_related("author", "parent")
        .order_by("pk")
    )


def inbox_of(*, incubation: Incubation, user: User) -> MemberInbox:
    """The person's inbox row, locked while their email is decided."""
    MemberInbox.objects.get_or_create(incubation=incubation, user=user)
    return MemberInbox.objects.select_for_update().get(incubation=incubation, user=user)


def overdue_milestones(*, now: datetime, gap: timedelta) -> QuerySet[Milestone]:
    """Open milestones of incubations at work whose day has passed on some clock (the
    caller checks on the owner team's), not reminded in the last ``gap``."""
    return (
        Milestone.objects.filter(
            state__in=OPEN_MILESTONE_STATES,
            due_on__lt=(now + timedelta(days=1)).date(),
            incubation__state__in=[IncubationState.STARTING, IncubationState.ACTIVE],
        )
        .exclude(last_reminded_at__gt=now - gap)
        .select_related("team__organisation", "incubation__challenge")
        .order_by("pk")
    )


def teams_due_for_checkin(*, now: datetime) -> list[IncubationTeam]:
    """Teams of active incubations last asked (or started) at least the programme's
    interval ago."""
    intervals = dict(CheckInSchedule.objects.values_list("programme_id", "interval_weeks"))
    teams = (
        IncubationTeam.objects.filter(incubation__state=IncubationState.ACTIVE)
        .annotate(last_asked=Max("checkins__requested_at"))
        .select_related("incubation__challenge", "organisation")
        .order_by("pk")
    )
    return [team for team in teams if _checkin_due(team, team.last_asked, intervals, now)]


def checkin_due(*, team: IncubationTeam, now: datetime) -> bool:
    """The same rule for one team, read afresh (its row locked by the caller)."""
    intervals = dict(
        CheckInSchedule.objects.filter(programme_id=team.incubation.programme_id).values_list(
            "programme_id", "interval_weeks"
        )
    )
    last = team.checkins.aggregate(last=Max("requested_at"))["last"]
    return team.incubation.state == IncubationState.ACTIVE and _checkin_due(
        team, last, intervals, now
    )


def _checkin_due(team: IncubationTeam, last, intervals: dict, now: datetime) -> bool:
    weeks = intervals.get(team.incubation.programme_id, DEFAULT_INTERVAL_WEEKS)
    since = last or team.incubation.activated_at or team.incubation.created_at
    return since <= now - timedelta(weeks=weeks)
