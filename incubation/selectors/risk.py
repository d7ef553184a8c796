"""Which incubations are at risk, counted in the database so every list that shows it
takes the same queries for three incubations as for three hundred.

An incubation that is starting, active or paused is at risk when:
- a team was asked for a check-in more than a week ago and has not sent it;
- a team's latest check-in has a confidence of 2 or less (out of 5);
- a milestone is overdue (planned or in progress, its day passed);
- it is more than six weeks old and no meeting was held in the past six weeks."""

from datetime import datetime, timedelta

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from incubation.models import CheckIn, Incubation, Meeting, MeetingState, Milestone
from incubation.models.plan import OPEN_MILESTONE_STATES
from incubation.models.workspace import WORKING_STATES
from incubator.models import Programme

CHECKIN_GRACE = timedelta(days=7)
LOW_CONFIDENCE = 2
MEETING_GAP = timedelta(weeks=6)
RISKS = ("risk_checkin", "risk_confidence", "risk_milestones", "risk_meetings")


def _flag(condition) -> Case:
    return Case(
        When(Q(state__in=WORKING_STATES) & condition, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )


def with_risks(incubations: QuerySet[Incubation], *, now: datetime) -> QuerySet[Incubation]:
    """Each incubation with its four risk flags (1 or 0) and ``risk_count``."""
    unsent = CheckIn.objects.filter(
        incubation=OuterRef("pk"), submitted_at__isnull=True, requested_at__lt=now - CHECKIN_GRACE
    )
    later = CheckIn.objects.filter(
        team=OuterRef("team"), submitted_at__isnull=False, submitted_at__gt=OuterRef("submitted_at")
    )
    doubtful = CheckIn.objects.filter(
        incubation=OuterRef("pk"), submitted_at__isnull=False, confidence__lte=LOW_CONFIDENCE
    ).exclude(Exists(later))
    overdue = Milestone.objects.filter(
        incubation=OuterRef("pk"), state__in=OPEN_MILESTONE_STATES, due_on__lt=now.date()
    )
    held = Meeting.objects.filter(
        incubation=OuterRef("pk"),
        state=MeetingState.FIXED,
        starts_at__gte=now - MEETING_GAP,
        starts_at__lte=now,
    )
    return incubations.annotate(
        risk_checkin=_flag(Exists(unsent)),
        risk_confidence=_flag(Exists(doubtful)),
        risk_milestones=_flag(Exists(overdue)),
        risk_meetings=_flag(Q(created_at__lt=now - MEETING_GAP) & ~Exists(held)),
    ).annotate(risk_count=sum((F(name) for name in RISKS[1:]), F(RISKS[0])))


def incubations_at_risk(
    *, programme: Programme, now: datetime | None = None
) -> QuerySet[Incubation]:
    """The programme's incubations at risk, the most at risk first, each with its flags:
    for the secretariat's home page and desk."""
    return (
        with_risks(Incubation.objects.filter(programme=programme), now=now or timezone.now())
        .filter(risk_count__gt=0)
        .select_related("challenge")
        .order_by("-risk_count", "-last_activity_at", "pk")
    )


def incubations_at_risk_count(*, programme: Programme, now: datetime | None = None) -> int:
    return incubations_at_risk(programme=programme, now=now).count()


def risk_names(incubation: Incubation) -> list[str]:
    """The risks of an annotated incubation, in words (for pages, emails and CSV)."""
    words = {
        "risk_checkin": _("check-in not sent"),
        "risk_confidence": _("low confidence"),
        "risk_milestones": _("overdue milestones"),
        "risk_meetings": _("no meeting in six weeks"),
    }
    return [words[name] for name in RISKS if getattr(incubation, name, 0)]


def incubations_by_state_with_risk(*, programme: Programme, now: datetime) -> dict[str, tuple]:
    """{state: (incubations, of which at risk)} for the programme, in one query."""
    rows = (
        with_risks(Incubation.objects.filter(programme=programme), now=now)
        .values("state")
        .annotate(n=Count("pk"), at_risk=Count("pk", filter=Q(risk_count__gt=0)))
        .order_by()
    )
    return {row["state"]: (row["n"], row["at_risk"]) for row in rows}
