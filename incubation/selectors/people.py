"""Who is in an incubation, as the services that write to them need it."""

from django.db.models import QuerySet

from incubation.models import Incubation, IncubationTeam
from incubator.models import User


def people_of(incubation: Incubation) -> QuerySet[User]:
    """Every active member of the incubation's teams, once each."""
    return (
        User.objects.filter(
            is_active=True, memberships__organisation__incubation_teams__incubation=incubation
        )
        .distinct()
        .order_by("pk")
    )


def people_of_team(team: IncubationTeam) -> QuerySet[User]:
    return User.objects.filter(
        is_active=True, memberships__organisation=team.organisation_id
    ).order_by("pk")


def people_to_tell(incubation: Incubation) -> list[User]:
    """The members and, if one is attached and still active, the mentor."""
    people = list(people_of(incubation))
    mentor = incubation.mentor
    if mentor is not None and mentor.is_active and all(p.pk != mentor.pk for p in people):
        people.append(mentor)
    return people
