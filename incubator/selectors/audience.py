"""Who an action would tell: the active members of each team concerned."""

from collections import defaultdict

from incubator.audience import Audience
from incubator.models import Membership, Organisation, User


def members_to_tell(*, team: Organisation) -> list[User]:
    return list(team.members.filter(is_active=True).order_by("pk"))


def team_audience(*, teams) -> Audience:
    """Who will be emailed when each of these teams is told: one query for them all."""
    teams = list({team.pk: team for team in teams}.values())
    memberships = (
        Membership.objects.filter(organisation__in=teams, user__is_active=True)
        .select_related("user")
        .order_by("user_id")
    )
    people_of = defaultdict(list)
    for membership in memberships:
        people_of[membership.organisation_id].append(membership.user)
    audience = Audience()
    for team in teams:
        people = people_of[team.pk]
        audience.add(Audience(people=people, teams=[team] if people else []))
        if not people:
            audience.untold_teams.append(team)
    return audience
