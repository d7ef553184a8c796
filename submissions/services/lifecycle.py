"""The one lifecycle of challenges and solution proposals: every state change goes
through ``submission_transition``, which checks it, records it and tells people."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from incubator.access import is_secretariat
from incubator.audience import Audience
from incubator.models import User
from incubator.services.audit import audit_record
from incubator.services.telling import team_tell
from incubator.times import in_zone
from submissions.access import may_change_submission
from submissions.models import DECISIONS, OWNER_MOVES, Submission, SubmissionState


@transaction.atomic
def submission_transition(
    *,
    submission: Submission,
    to: str,
    by: User,
    reason: str = "",
    now=None,
    told: Audience | None = None,
) -> Submission:
    """Move a submission to another state. The owner team may submit and withdraw; the
    secretariat makes every other move. Emails named by the model's ``emails`` go to
    every member of the owner team, in their own language, once; whoever was queued is
    added to ``told``."""
    now = now or timezone.now()
    locked = type(submission).objects.select_for_update().get(pk=submission.pk)
    if not locked.can_move_to(to):
        raise ValidationError(
            _("A submission that is “%(current)s” cannot become “%(next)s”.")
            % {"current": locked.get_status_display(), "next": SubmissionState(to).label}
        )
    owner = may_change_submission(by, locked)
    if not (is_secretariat(by) or (owner and to in OWNER_MOVES)):
        raise PermissionDenied(_("You cannot make this change."))
    if to == SubmissionState.SUBMITTED and not locked.call.is_open_at(now):
        raise ValidationError(
            _(
                "The call closed on %(deadline)s. Your draft is kept, but it can no longer be "
                "submitted."
            )
            % {"deadline": in_zone(locked.call.closes_at, locked.call.deadline_time_zone)}
        )
    if to == SubmissionState.DECLINED and not reason.strip():
        raise ValidationError(_("Give the reason for declining: the team will read it."))

    previous = locked.status
    locked.status = to
    if to == SubmissionState.SUBMITTED:
        locked.submitted_at = now
    if to in DECISIONS:
        locked.decided_at = now
        locked.decision_reason = reason
    locked.save()
    audit_record(
        actor=by,
        action=f"{locked._meta.model_name}.{to}",
        target=locked,
        details={"from": previous, "to": to, "reason": reason},
    )
    template = locked.emails.get(to)
    if template:
        team_tell(
            team=locked.organisation,
            key=f"{locked._meta.model_name}-{to}:{locked.pk}",
            template=template,
            context={"submission": locked, "reason": reason, "by": by},
            told=told,
        )
    submission.refresh_from_db()
    return submission
