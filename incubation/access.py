"""Who may see and do what in an incubation: the one policy every page, service, file
download and calendar feed of the workspace goes through.

A person stands in an incubation as a member (of the owner team or of a matched provider
team), as its mentor (the advisory-board reviewer the secretariat attached to it), or as
the secretariat (whose pages also want its second factor: see ``secretariat_gate``).
Anybody else stands nowhere, and every page about the incubation or anything in it
answers 404, as if it did not exist: ids reveal nothing.

Per kind of object: everything in an incubation is seen by whoever stands in it, except
a team's check-ins, which are between that team, the mentor and the secretariat."""

from enum import StrEnum

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from incubation.models import Incubation, IncubationTeam
from incubator.access import is_reviewer, is_secretariat
from incubator.models import Membership, User


class Standing(StrEnum):
    MEMBER = "member"
    MENTOR = "mentor"
    SECRETARIAT = "secretariat"


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def member_team_ids(user: User, incubation: Incubation) -> frozenset[int]:
    """The incubation's teams (IncubationTeam ids) the person belongs to; read once per
    person and incubation."""
    if not _signed_in(user):
        return frozenset()
    cache = user.__dict__.setdefault("_incubation_teams", {})
    if incubation.pk not in cache:
        cache[incubation.pk] = frozenset(
            IncubationTeam.objects.filter(
                incubation=incubation, organisation__memberships__user=user
            ).values_list("pk", flat=True)
        )
    return cache[incubation.pk]


def standing_of(user: User, incubation: Incubation) -> Standing | None:
    if not _signed_in(user):
        return None
    if member_team_ids(user, incubation):
        return Standing.MEMBER
    if incubation.mentor_id == user.pk and is_reviewer(user):
        return Standing.MENTOR
    if is_secretariat(user):
        return Standing.SECRETARIAT
    return None


def incubations_of_member(user: User) -> QuerySet[Incubation]:
    """The incubations of the person's own teams (not those they see as secretariat)."""
    if not _signed_in(user):
        return Incubation.objects.none()
    return Incubation.objects.filter(_member_or_mentor(user))


def _member_or_mentor(user: User) -> Q:
    member = Exists(
        Membership.objects.filter(
            user=user, organisation__incubation_teams__incubation=OuterRef("pk")
        )
    )
    if is_reviewer(user):
        return Q(member) | Q(mentor=user)
    return Q(member)


def checkin_team_ids(user: User, incubation: Incubation, standing: Standing | None) -> list[int]:
    """The teams whose check-ins the person may read: every team for the secretariat and
    the mentor, their own teams for a member, none for anyone else."""
    if standing in (Standing.SECRETARIAT, Standing.MENTOR):
        return [team.pk for team in incubation.teams.all()]
    if standing == Standing.MEMBER:
        return sorted(member_team_ids(user, incubation))
    return []


# What services require ------------------------------------------------------------------


def require_open(incubation: Incubation) -> None:
    if not incubation.is_open:
        raise ValidationError(
            _("This incubation is closed: it stays readable, but nothing can be changed.")
        )


def require_member(by: User, incubation: Incubation, *, writing: bool = True) -> frozenset[int]:
    """The teams of the incubation the person works for; refused for anyone else, and for
    everyone once the incubation is closed when ``writing``."""
    teams = member_team_ids(by, incubation)
    if not teams:
        raise PermissionDenied(_("Only the teams of this incubation can do this."))
    if writing:
        require_open(incubation)
    return teams


def require_team(by: User, team: IncubationTeam) -> None:
    if team.pk not in require_member(by, team.incubation):
        raise PermissionDenied(
            _("Only members of %(team)s can do this.") % {"team": team.organisation.name}
        )


def require_standing(by: User, incubation: Incubation) -> Standing:
    """Anyone who stands in the incubation (to write a message, say), while it is open."""
    standing = standing_of(by, incubation)
    if standing is None:
        raise PermissionDenied(_("Only the people of this incubation can do this."))
    require_open(incubation)
    return standing


def require_secretariat(by: User) -> None:
    if not is_secretariat(by):
        raise PermissionDenied(_("Only the secretariat can do this."))
