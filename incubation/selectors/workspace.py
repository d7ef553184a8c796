"""Careful reads of the workspace: an incubation with its teams, a person's incubations
with what each needs from them (the next meeting, open milestones, unread messages),
and the partner teams as the overview shows them."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from challenges.models import Challenge
from incubation.access import incubations_of_member, member_team_ids
from incubation.models import Incubation, IncubationTeam, Meeting, MemberInbox, Message, Milestone
from incubation.models.plan import OPEN_MILESTONE_STATES
from incubation.selectors.meetings import next_meetings
from incubator.access import is_secretariat, team_ids_of
from incubator.models import User
from solutions.models import Solution


def _teams_prefetch() -> Prefetch:
    return Prefetch(
        "teams",
        IncubationTeam.objects.select_related("organisation").order_by("role", "pk"),
    )


def incubation_by_pk(*, pk: int) -> Incubation:
    """The incubation with what every page of it shows; 404 when there is none. Who may
    see it is the access policy's to say (incubation.access)."""
    return get_object_or_404(
        Incubation.objects.select_related("programme", "challenge", "mentor").prefetch_related(
            _teams_prefetch()
        ),
        pk=pk,
    )


def teams_of(incubation: Incubation) -> list[IncubationTeam]:
    """The incubation's teams, the owner first; prefetched with the incubation when it was."""
    return list(incubation.teams.all())


def team_of(*, incubation: Incubation, pk) -> IncubationTeam | None:
    return next((team for team in teams_of(incubation) if str(team.pk) == str(pk)), None)


def unread_count_expression(user: User):
    """How many messages of the incubation the person has not read: others' messages
    after the last one they read."""
    last_read = MemberInbox.objects.filter(incubation=OuterRef("incubation"), user=user).values(
        "last_read_id"
    )[:1]
    unread = (
        Message.objects.filter(incubation=OuterRef("pk"))
        .exclude(author=user)
        .filter(pk__gt=Coalesce(Subquery(last_read, output_field=IntegerField()), 0))
        .order_by()
        .values("incubation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(unread, output_field=IntegerField()), 0)


@dataclass
class IncubationCard:
    incubation: Incubation
    my_teams: list[IncubationTeam]
    partners: list[IncubationTeam]
    next_meeting: Meeting | None
    open_milestones: list[Milestone] = field(default_factory=list)
    unread: int = 0


def my_incubations(*, user: User, now: datetime) -> list[IncubationCard]:
    """The person's incubations (as a team member or mentor), the most active first, each
    with its partner teams and their contacts, the next meeting, open milestones and
    unread messages; the same number of queries however many there are."""
    incubations = list(
        incubations_of_member(user)
        .select_related("programme", "challenge", "mentor")
        .prefetch_related(
            _teams_prefetch(),
            Prefetch(
                "milestones",
                Milestone.objects.filter(state__in=OPEN_MILESTONE_STATES)
                .select_related("team__organisation")
                .order_by("due_on", "pk"),
                to_attr="open_milestones",
            ),
        )
        .annotate(unread=unread_count_expression(user))
        .order_by("-last_activity_at", "-pk")
    )
    mine = set(
        IncubationTeam.objects.filter(
            incubation__in=incubations, organisation__in=team_ids_of(user)
        ).values_list("pk", flat=True)
    )
    _contacts_for(incubations)
    upcoming = next_meetings(incubations=incubations, now=now)
    return [
        IncubationCard(
            incubation=incubation,
            my_teams=[team for team in incubation.teams.all() if team.pk in mine],
            partners=[team for team in incubation.teams.all() if team.pk not in mine],
            next_meeting=upcoming.get(incubation.pk),
            open_milestones=incubation.open_milestones,
            unread=incubation.unread,
        )
        for incubation in incubations
    ]


def _contacts_for(incubations: list[Incubation]) -> None:
    """Each team's contacts: the people its challenge or proposal names as contacts (who
    agreed to be shown to the teams they are matched with), set as ``team.contacts``."""
    teams = [team for incubation in incubations for team in incubation.teams.all()]
    challenges = Challenge.objects.filter(
        pk__in={incubation.challenge_id for incubation in incubations}
    ).prefetch_related(Prefetch("contacts", User.objects.order_by("display_name", "email")))
    solutions = Solution.objects.filter(
        pk__in={team.solution_id for team in teams if team.solution_id}
    ).prefetch_related(Prefetch("contacts", User.objects.order_by("display_name", "email")))
    by_challenge = {challenge.pk: list(challenge.contacts.all()) for challenge in challenges}
    by_solution = {solution.pk: list(solution.contacts.all()) for solution in solutions}
    for incubation in incubations:
        for team in incubation.teams.all():
            team.contacts = (
                by_solution.get(team.solution_id, [])
                if team.solution_id
                else by_challenge.get(incubation.challenge_id, [])
            )


def overview_of(*, incubation: Incubation, user: User, now: datetime) -> IncubationCard:
    """One incubation as its overview shows it: one card of ``my_incubations``."""
    incubation.open_milestones = list(
        incubation.milestones.filter(state__in=OPEN_MILESTONE_STATES)
        .select_related("team__organisation")
        .order_by("due_on", "pk")
    )
    incubation.unread = (
        Incubation.objects.filter(pk=incubation.pk)
        .annotate(unread=unread_count_expression(user))
        .values_list("unread", flat=True)
        .get()
    )
    _contacts_for([incubation])
    mine = {team.pk for team in incubation.teams.all()} & member_team_ids(user, incubation)
    return IncubationCard(
        incubation=incubation,
        my_teams=[team for team in incubation.teams.all() if team.pk in mine],
        partners=[team for team in incubation.teams.all() if team.pk not in mine],
        next_meeting=next_meetings(incubations=[incubation], now=now).get(incubation.pk),
        open_milestones=incubation.open_milestones,
        unread=incubation.unread,
    )


def has_incubations(*, user: User) -> bool:
    """Whether the main navigation offers "My incubations"."""
    if is_secretariat(user):
        return Incubation.objects.exists()
    return incubations_of_member(user).exists()


def incubation_of_submission(*, submission) -> Incubation | None:
    """The incubation a challenge, or a provider's matched proposal, works in."""
    if isinstance(submission, Challenge):
        return Incubation.objects.filter(challenge=submission).first()
    return Incubation.objects.filter(teams__solution=submission).first()
