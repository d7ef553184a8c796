"""The incubations of the demo's previous round, incubator-2026: one per challenge whose
match the secretariat confirmed, with its teams; and for the challenges
``incubations.json`` names (by their key in the round's files), what the teams did since:
a plan, milestones in every state, held, coming and cancelled meetings and one still
finding its time, messages with a pinned one, check-ins (some answered, one low on
confidence), and one closed incubation with both closing reports.

Fixed moments are written as local time in the file's ``time_zone``; ``{"in_days": n,
"time": "10:00"}`` is n days from the day of seeding (negative: before it), so coming
meetings come and overdue milestones are overdue whatever the day. The people who write
and meet are the teams' members of the core's demo (incubator/demo/people.json).

Rows are written directly, not through the services: seeding sends no email."""

from django.db import transaction
from django.utils import timezone

from incubation.demo.content import Content
from incubation.models import (
    CheckIn,
    ClosingReport,
    Incubation,
    IncubationTeam,
    Meeting,
    Message,
    Milestone,
    TeamRole,
)
from incubator.demo.data import demo_data, demo_each, demo_named
from incubator.models import Programme, User
from matching.models import Match
from solutions.demo.seed import PAST_PROGRAMME, PAST_TITLES


@transaction.atomic
def seed() -> str:
    """Idempotent: a round whose incubations exist is left as it is."""
    programme = Programme.objects.filter(slug=PAST_PROGRAMME).first()
    if programme is None:
        return "Incubation: no past round."
    if not Incubation.objects.filter(programme=programme).exists():
        _create_incubations(programme)
    return _summary(programme)


def _create_incubations(programme: Programme) -> None:
    matches = (
        Match.objects.filter(programme=programme, state=Match.State.CONFIRMED)
        .select_related("challenge__organisation", "solution__organisation")
        .order_by("decided_at", "pk")
    )
    incubations: dict[int, Incubation] = {}
    for match in matches:
        incubation = incubations.get(match.challenge_id)
        if incubation is None:
            incubation = incubations[match.challenge_id] = Incubation.objects.create(
                programme=programme, challenge=match.challenge, last_activity_at=match.decided_at
            )
            Incubation.objects.filter(pk=incubation.pk).update(created_at=match.decided_at)
            IncubationTeam.objects.create(
                incubation=incubation,
                organisation=match.challenge.organisation,
                role=TeamRole.OWNER,
            )
        IncubationTeam.objects.create(
            incubation=incubation,
            organisation=match.solution.organisation,
            role=TeamRole.PROVIDER,
            solution=match.solution,
        )
    data = demo_data(__name__, "incubations")
    by_title = {incubation.challenge.title: incubation for incubation in incubations.values()}
    content = Content(
        now=timezone.now(),
        zone=data["time_zone"],
        mentor=User.objects.get(email=data["mentor"]),
    )

    def fill(record: dict):
        title = demo_named(PAST_TITLES["challenges"], record["challenge"], "challenge")
        # A run that matched the challenge otherwise leaves it without an incubation.
        incubation = by_title.get(title)
        if incubation is not None:
            content.fill(incubation, record)
        return incubation

    demo_each(__name__, "incubations", fill, part="incubations")


def _summary(programme: Programme) -> str:
    incubations = Incubation.objects.filter(programme=programme)
    states = ", ".join(
        f"{incubations.filter(state=state).count()} {state}"
        for state in ("starting", "active", "paused", "closing", "closed")
        if incubations.filter(state=state).exists()
    )
    within = {"incubation__programme": programme}
    return (
        f"Incubations of {programme.name}: {incubations.count()} ({states}); "
        f"{Milestone.objects.filter(**within).count()} milestones, "
        f"{Meeting.objects.filter(**within).count()} meetings, "
        f"{Message.objects.filter(**within).count()} messages, "
        f"{CheckIn.objects.filter(**within).count()} check-ins, "
        f"{ClosingReport.objects.filter(**within).count()} closing reports."
    )
