"""Careful reads of the work plan: its milestones, one milestone, and its history (who
changed what and when), which is the audit trail of the plan's changes."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from incubation.models import Incubation, Milestone
from incubator.models import AuditEntry

HISTORY = 50
PLAN_ACTIONS = (
    "incubation.opened",
    "incubation.team_joined",
    "plan.changed",
    "plan.agreed",
    "milestone.added",
    "milestone.changed",
    "milestone.done",
    "hours.changed",
)


def milestones_of(*, incubation: Incubation) -> QuerySet[Milestone]:
    return incubation.milestones.select_related("team__organisation", "done_by").order_by(
        "due_on", "pk"
    )


def milestone_of(*, incubation: Incubation, pk: int) -> Milestone:
    """A milestone of this incubation; 404 for any other id, another incubation's included."""
    return get_object_or_404(
        Milestone.objects.select_related("team__organisation", "incubation"),
        incubation=incubation,
        pk=pk,
    )


def plan_history(*, incubation: Incubation) -> list[AuditEntry]:
    """The latest changes to the plan, its milestones and the teams' hours, newest first."""
    return list(
        AuditEntry.objects.filter(
            target_type=ContentType.objects.get_for_model(Incubation),
            target_id=str(incubation.pk),
            action__in=PLAN_ACTIONS,
        )
        .select_related("actor")
        .order_by("-created_at", "-pk")[:HISTORY]
    )
