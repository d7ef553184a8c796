"""The secretariat's desk: every incubation of a programme with its state, last activity,
next meeting, milestones done of all, last check-in confidence and risks, filtered and
sorted in the database; and the programmes to choose from."""

from datetime import datetime

from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Lower
from django.shortcuts import get_object_or_404

from incubation.models import CheckIn, Incubation, IncubationTeam, Meeting, MeetingState
from incubation.models.plan import MilestoneState
from incubation.selectors.risk import with_risks
from incubator.models import Programme, Role, User

SORTS = {
    "risk": ("-risk_count", "-last_activity_at", "pk"),
    "activity": ("-last_activity_at", "pk"),
    "meeting": (F("next_meeting_at").asc(nulls_last=True), "pk"),
    "challenge": (Lower("challenge__title"), "pk"),
    "confidence": (F("last_confidence").asc(nulls_last=True), "pk"),
}


def desk_rows(
    *, programme: Programme, now: datetime, state: str = "", at_risk: bool = False, sort="risk"
) -> QuerySet[Incubation]:
    next_meeting = (
        Meeting.objects.filter(incubation=OuterRef("pk"), state=MeetingState.FIXED, ends_at__gt=now)
        .order_by("starts_at")
        .values("starts_at")[:1]
    )
    last_confidence = (
        CheckIn.objects.filter(incubation=OuterRef("pk"), submitted_at__isnull=False)
        .order_by("-submitted_at", "-pk")
        .values("confidence")[:1]
    )
    rows = (
        with_risks(Incubation.objects.filter(programme=programme), now=now)
        .select_related("challenge", "mentor")
        .prefetch_related(
            Prefetch(
                "teams",
                IncubationTeam.objects.select_related("organisation").order_by("role", "pk"),
            )
        )
        .annotate(
            next_meeting_at=Subquery(next_meeting),
            last_confidence=Subquery(last_confidence, output_field=IntegerField()),
            milestones_total=Count(
                "milestones", filter=~Q(milestones__state=MilestoneState.DROPPED), distinct=True
            ),
            milestones_done=Count(
                "milestones", filter=Q(milestones__state=MilestoneState.DONE), distinct=True
            ),
        )
    )
    if state:
        rows = rows.filter(state=state)
    if at_risk:
        rows = rows.filter(risk_count__gt=0)
    return rows.order_by(*SORTS.get(sort, SORTS["risk"]))


def programmes_with_incubations() -> QuerySet[Programme]:
    return (
        Programme.objects.annotate(incubation_count=Count("incubations"))
        .filter(incubation_count__gt=0)
        .order_by("-created_at", "-pk")
    )


def programme_by_slug(*, slug: str) -> Programme:
    return get_object_or_404(Programme, slug=slug)


def mentors_to_choose() -> QuerySet[User]:
    """The advisory board: active people with the reviewer role."""
    return User.objects.filter(is_active=True, role_grants__role=Role.REVIEWER).order_by(
        "display_name", "email"
    )
