"""A team's working hours in the incubation, on its own clock: only the team changes them."""

from datetime import time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from incubation.access import require_team
from incubation.models import IncubationTeam
from incubation.services.common import touch
from incubator.models import User
from incubator.services.audit import audit_record


@transaction.atomic
def working_hours_set(
    *, team: IncubationTeam, by: User, weekdays: list[int], day_starts: time, day_ends: time
) -> IncubationTeam:
    require_team(by, team)
    days = sorted({int(day) for day in weekdays})
    errors = {}
    if not days or not set(days) <= set(range(7)):
        errors["weekdays"] = _("Choose at least one working day.")
    if day_starts >= day_ends:
        errors["day_ends"] = _("The working day must end after it starts.")
    if errors:
        raise ValidationError(errors)
    team.weekdays, team.day_starts, team.day_ends = days, day_starts, day_ends
    team.save(update_fields=["weekdays", "day_starts", "day_ends"])
    audit_record(
        actor=by,
        action="hours.changed",
        target=team.incubation,
        details={
            "team": team.organisation.name,
            "weekdays": days,
            "starts": day_starts.isoformat(timespec="minutes"),
            "ends": day_ends.isoformat(timespec="minutes"),
        },
    )
    touch(incubation=team.incubation, now=timezone.now())
    return team
