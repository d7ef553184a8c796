"""Who may see and change what in the cohort track: the one policy of its pages, files,
calendar and services.

A cohort, its sessions, resources and opportunities are seen by the members of the
cohort's enrolled teams, and by the secretariat, who runs every cohort (once its second
factor counts). A resource is removed by whoever shared it, a member of the team it was
shared for, or the secretariat; an opportunity by a member of the team that posted it,
or the secretariat. Anybody else is answered 404: ids reveal nothing."""

from django.db.models import Exists, OuterRef, QuerySet

from cohorts.models import Cohort, Enrolment, Opportunity, Resource
from incubator.access import is_secretariat, team_ids_of
from incubator.models import User


def member_cohorts(*, user: User) -> QuerySet[Cohort]:
    """The cohorts a person belongs to through an enrolled team."""
    if not user.is_authenticated:
        return Cohort.objects.none()
    enrolled = Enrolment.objects.filter(cohort=OuterRef("pk"), organisation__memberships__user=user)
    return Cohort.objects.filter(Exists(enrolled))


def visible_cohorts(*, user: User) -> QuerySet[Cohort]:
    """Their own cohorts; every cohort for the secretariat."""
    if is_secretariat(user):
        return Cohort.objects.all()
    return member_cohorts(user=user)


def is_cohort_member(*, user: User, cohort: Cohort) -> bool:
    return member_cohorts(user=user).filter(pk=cohort.pk).exists()


def may_remove_resource(user: User, resource: Resource) -> bool:
    return (
        is_secretariat(user)
        or (user.is_authenticated and resource.shared_by_id == user.pk)
        or resource.organisation_id in team_ids_of(user)
    )


def may_remove_opportunity(user: User, opportunity: Opportunity) -> bool:
    return is_secretariat(user) or opportunity.organisation_id in team_ids_of(user)
