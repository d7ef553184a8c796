"""Incubations as they come to be: the secretariat confirms a match (the real service,
whose signal opens the incubation), and the people in it."""

from dataclasses import dataclass

from incubation.models import Incubation, IncubationState, IncubationTeam
from incubator.models import Membership, Role, RoleGrant, User
from matching.models import Match
from matching.services import match_confirm
from tests.factories import (
    ChallengeFactory,
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
    secretariat_user,
    with_second_factor,
)
from tests.solutions.factories import SolutionFactory


@dataclass
class Workspace:
    incubation: Incubation
    owner: User  # a member of the challenge owner team
    provider: User  # a member of the (first) provider team
    secretariat: User

    @property
    def owner_team(self) -> IncubationTeam:
        return self.incubation.teams.get(role="owner")

    @property
    def provider_team(self) -> IncubationTeam:
        return self.incubation.teams.filter(role="provider").order_by("pk").first()


def member(organisation, **fields) -> User:
    person = UserFactory(**fields)
    Membership.objects.create(organisation=organisation, user=person)
    return person


def proposed_match(challenge, *, provider_zone="America/Sao_Paulo", country="BR", name=None):
    provider = OrganisationFactory(
        country=country, time_zone=provider_zone, **({"name": name} if name else {})
    )
    solution = SolutionFactory(
        organisation=provider,
        status="selected",
        time_zone=provider_zone,
        call__programme=challenge.call.programme,
    )
    return Match.objects.create(
        programme=challenge.call.programme, challenge=challenge, solution=solution, score=0.8
    )


def workspace(
    *,
    owner_zone="Asia/Tokyo",
    provider_zone="America/Sao_Paulo",
    state=IncubationState.ACTIVE,
    owner_fields=None,
    provider_fields=None,
    secretariat=None,
) -> Workspace:
    """A Tokyo challenge owner matched with a São Paulo provider, confirmed by the
    secretariat; each team has one member."""
    programme = ProgrammeFactory()
    owner_team = OrganisationFactory(
        country="JP", time_zone=owner_zone, name="Tokyo Digital Office"
    )
    challenge = ChallengeFactory(organisation=owner_team, published=True, call__programme=programme)
    owner = member(owner_team, time_zone=owner_zone, **(owner_fields or {}))
    match = proposed_match(challenge, provider_zone=provider_zone, name="São Paulo Innovation Lab")
    provider = member(
        match.solution.organisation, time_zone=provider_zone, **(provider_fields or {})
    )
    desk = secretariat or with_second_factor(secretariat_user(time_zone="Europe/Paris"))
    match_confirm(match=match, by=desk)
    incubation = Incubation.objects.get(challenge=challenge)
    if state != IncubationState.STARTING:
        Incubation.objects.filter(pk=incubation.pk).update(state=state, goal="Pilot it.")
        incubation.refresh_from_db()
    return Workspace(incubation=incubation, owner=owner, provider=provider, secretariat=desk)


def reviewer(**fields) -> User:
    person = UserFactory(**fields)
    RoleGrant.objects.create(user=person, role=Role.REVIEWER)
    return person


@dataclass
class Objects:
    """One of each kind of object in an incubation, made through the services."""

    milestone: object
    polling: object
    fixed: object
    message: object
    checkin: object
    report: object


def everything_in(ws: Workspace) -> Objects:
    """A done milestone with a file, a meeting still polling and a fixed one, a message
    with a file, a sent check-in; then closing starts and the owner writes its report."""
    from datetime import timedelta

    from django.utils import timezone

    from incubation.services.checkins import checkin_send
    from incubation.services.closing import closing_report_save
    from incubation.services.meetings import meeting_fix, meeting_propose
    from incubation.services.messages import message_post
    from incubation.services.plan import milestone_add, milestone_complete
    from incubation.services.workspace import incubation_closing_start
    from tests.challenges.files import PDF, PNG, upload

    incubation, owner = ws.incubation, ws.owner
    milestone = milestone_add(
        incubation=incubation,
        by=owner,
        team=ws.owner_team,
        title="Letters chosen",
        due_on=timezone.localdate() + timedelta(days=3),
    )
    milestone_complete(milestone=milestone, by=owner, note="Done.", upload=upload("a.pdf", PDF))
    polling = meeting_propose(
        incubation=incubation, by=owner, title="Planning", duration_minutes=60
    )
    fixed = meeting_propose(incubation=incubation, by=owner, title="Kick-off", duration_minutes=60)
    meeting_fix(meeting=fixed, slot=fixed.slots.first(), by=owner)
    message = message_post(
        incubation=incubation, by=owner, body="Hello", upload=upload("plan.png", PNG)
    )
    checkin = checkin_send(
        team=ws.owner_team, by=owner, progress="Good", blockers="", help_wanted="", confidence=4
    )
    incubation_closing_start(incubation=incubation, by=ws.secretariat)
    report = closing_report_save(
        team=ws.owner_team,
        by=owner,
        what_tried="Tried",
        what_changed="Changed",
        advice="Advice",
        keep_doing="Keep",
        share_on_showcase=False,
        written_in="en",
    )
    incubation.refresh_from_db()
    return Objects(milestone, polling, fixed, message, checkin, report)
