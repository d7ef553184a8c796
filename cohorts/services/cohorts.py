"""Cohorts and the teams enrolled in them."""

from django.db import transaction
from django.utils import timezone

from cohorts.models import Cohort, Enrolment
from cohorts.selectors import places_of_leavers
from cohorts.services.common import require_secretariat
from cohorts.services.registration import place_give_up
from incubator.models import Organisation, Programme, User
from incubator.services.audit import audit_record


@transaction.atomic
def cohort_create(*, programme: Programme, name: str, description: str, by: User) -> Cohort:
    require_secretariat(by=by)
    cohort = Cohort(programme=programme, name=name, description=description)
    cohort.full_clean()
    cohort.save()
    audit_record(actor=by, action="cohort.created", target=cohort)
    return cohort


@transaction.atomic
def cohort_enrol(*, cohort: Cohort, organisations, by: User) -> int:
    """Enrol teams; teams already in the cohort stay as they are. Returns how many joined."""
    require_secretariat(by=by)
    added = 0
    for organisation in organisations:
        _enrolment, created = Enrolment.objects.get_or_create(
            cohort=cohort, organisation=organisation, defaults={"enrolled_by": by}
        )
        if created:
            added += 1
            audit_record(
                actor=by,
                action="cohort.team_enrolled",
                target=cohort,
                details={"team": organisation.name},
            )
    return added


@transaction.atomic
def cohort_unenrol(*, cohort: Cohort, organisation: Organisation, by: User, now=None) -> None:
    """Take a team out of a cohort. Its people who no longer belong to the cohort through
    another team lose their places in the sessions to come, and the waitlist moves up."""
    require_secretariat(by=by)
    now = now or timezone.now()
    Enrolment.objects.filter(cohort=cohort, organisation=organisation).delete()
    audit_record(
        actor=by,
        action="cohort.team_removed",
        target=cohort,
        details={"team": organisation.name},
    )
    for registration in places_of_leavers(cohort=cohort, organisation=organisation, now=now):
        place_give_up(registration=registration, now=now)
