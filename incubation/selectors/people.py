"""Who is in an incubation, as the services that write to them need it."""

from django.db.models import QuerySet

from incubation.models import Incubation, IncubationTeam
from incubator.audience import Audience
from incubator.models import Organisation, User


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


def teams_without_members(incubation: Incubation) -> list[Organisation]:
    """The incubation's teams with no active member: nobody in them can be told."""
    return list(
        Organisation.objects.filter(incubation_teams__incubation=incubation)
        .exclude(memberships__user__is_active=True)
        .distinct()
        .order_by("name", "pk")
    )


def audience_of(incubation: Incubation, *, besides: User | None = None) -> Audience:
    """Who a change to the whole incubation will tell (``people_to_tell``, but not the
    person making it), and the teams with nobody to tell; what a confirmation page says
    before the service tells the same people."""
    people = people_to_tell(incubation)
    if besides is not None:
        people = [person for person in people if person.pk != besides.pk]
    return Audience(people=people, untold_teams=teams_without_members(incubation))
