"""Check-ins: a team says how the work goes (when asked, or whenever it wants to), the
secretariat answers, and the programme sets how often teams are asked."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from incubation.access import require_open, require_secretariat, require_team
from incubation.models import CheckIn, CheckInSchedule, IncubationTeam
from incubation.models.checkins import CONFIDENCE
from incubation.selectors.checkins import open_request_of
from incubation.services.common import touch
from incubator.audience import Audience
from incubator.models import Programme, User
from incubator.services.audit import audit_record
from incubator.services.telling import team_tell


@transaction.atomic
def checkin_send(
    *,
    team: IncubationTeam,
    by: User,
    progress: str,
    blockers: str,
    help_wanted: str,
    confidence: int,
    now=None,
) -> CheckIn:
    """The team's check-in: it answers the open request, or stands on its own."""
    require_team(by, team)
    now = now or timezone.now()
    IncubationTeam.objects.select_for_update().get(pk=team.pk)
    errors = {}
    if not progress.strip():
        errors["progress"] = _("Say in a few words how the work is going.")
    if confidence not in range(CONFIDENCE[0], CONFIDENCE[1] + 1):
        errors["confidence"] = _("Choose how confident you are, from 1 to 5.")
    if errors:
        raise ValidationError(errors)
    checkin = open_request_of(team=team) or CheckIn(
        incubation=team.incubation, team=team, requested_at=now
    )
    checkin.progress, checkin.blockers = progress.strip(), blockers.strip()
    checkin.help_wanted, checkin.confidence = help_wanted.strip(), confidence
    checkin.submitted_by, checkin.submitted_at = by, now
    checkin.full_clean(exclude=["incubation", "team"])
    checkin.save()
    audit_record(
        actor=by,
        action="checkin.sent",
        target=team.incubation,
        details={"checkin": checkin.pk, "team": team.organisation.name, "confidence": confidence},
    )
    touch(incubation=team.incubation, now=now)
    return checkin


@transaction.atomic
def checkin_answer(
    *, checkin: CheckIn, by: User, answer: str, now=None, told: Audience | None = None
) -> CheckIn:
    """The secretariat answers a team's check-in once; the team is told by email."""
    require_secretariat(by)
    require_open(checkin.incubation)
    checkin = (
        CheckIn.objects.select_for_update().select_related("team__organisation").get(pk=checkin.pk)
    )
    if not checkin.is_submitted:
        raise ValidationError(_("The team has not sent this check-in yet."))
    if checkin.answered_at is not None:
        raise ValidationError(_("This check-in is answered already."))
    if not answer.strip():
        raise ValidationError({"answer": _("Write your answer to the team.")})
    checkin.answer, checkin.answered_by = answer.strip(), by
    checkin.answered_at = now or timezone.now()
    checkin.full_clean(exclude=["incubation", "team"])
    checkin.save()
    audit_record(
        actor=by,
        action="checkin.answered",
        target=checkin.incubation,
        details={"checkin": checkin.pk, "team": checkin.team.organisation.name},
    )
    team_tell(
        team=checkin.team.organisation,
        key=f"checkin-answered:{checkin.pk}",
        template="checkin_answered",
        context={"incubation": checkin.incubation, "checkin": checkin, "by": by},
        told=told,
    )
    return checkin


@transaction.atomic
def checkin_interval_set(*, programme: Programme, by: User, interval_weeks: int) -> CheckInSchedule:
    require_secretariat(by)
    schedule, _created = CheckInSchedule.objects.select_for_update().get_or_create(
        programme=programme
    )
    schedule.interval_weeks = interval_weeks
    schedule.full_clean(exclude=["programme"])
    schedule.save()
    audit_record(
        actor=by,
        action="checkin.interval_set",
        target=programme,
        details={"weeks": interval_weeks},
    )
    return schedule
