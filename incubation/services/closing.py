"""Closing: once the secretariat starts it, each team writes its closing report, which
feeds the follow-up surveys and, with the team's consent, the public showcase."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from incubation.access import require_team
from incubation.models import ClosingReport, IncubationState, IncubationTeam
from incubation.services.common import touch
from incubator.models import User
from incubator.services.audit import audit_record

REPORT_TEXTS = ("what_tried", "what_changed", "advice", "keep_doing")


@transaction.atomic
def closing_report_save(
    *,
    team: IncubationTeam,
    by: User,
    what_tried: str,
    what_changed: str,
    advice: str,
    keep_doing: str,
    share_on_showcase: bool,
    written_in: str,
) -> ClosingReport:
    """Write or change the team's report while the incubation is closing."""
    require_team(by, team)
    if team.incubation.state != IncubationState.CLOSING:
        raise ValidationError(
            _("Closing reports are written once the secretariat starts closing the incubation.")
        )
    texts = {
        "what_tried": what_tried,
        "what_changed": what_changed,
        "advice": advice,
        "keep_doing": keep_doing,
    }
    missing = {
        name: _("Fill this in: the next teams learn from it.")
        for name, value in texts.items()
        if not value.strip()
    }
    if missing:
        raise ValidationError(missing)
    if written_in not in dict(settings.LANGUAGES):
        raise ValidationError({"written_in": _("Choose the language you wrote in.")})
    report = ClosingReport.objects.select_for_update().filter(team=team).first() or ClosingReport(
        incubation=team.incubation, team=team, submitted_by=by
    )
    for name, value in texts.items():
        setattr(report, name, value.strip())
    report.share_on_showcase, report.written_in = share_on_showcase, written_in
    report.full_clean(exclude=["incubation", "team", "submitted_by"])
    created = report.pk is None
    report.save()
    audit_record(
        actor=by,
        action="closing.report_written" if created else "closing.report_changed",
        target=team.incubation,
        details={"team": team.organisation.name, "showcase": share_on_showcase},
    )
    touch(incubation=team.incubation, now=timezone.now())
    return report
