"""Decisions on submissions under review: staged by the secretariat, seen by nobody
else, then released for the whole call at once."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from incubator.audience import Audience
from incubator.models import Call, User
from incubator.services.audit import audit_record
from reviews.access import secretariat_require
from reviews.kinds import reviewed_kind
from reviews.models import Decision, Outcome, ReviewItem
from submissions.models import SubmissionState

S = SubmissionState


def _check_stageable(item: ReviewItem, outcome: str, reason: str) -> Decision | None:
    """The item's decision so far, once this one may be staged on it."""
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose select or decline.")})
    if outcome == Outcome.DECLINE and not reason.strip():
        raise ValidationError(
            {"reason": _("Give the reason for declining: the team will read it.")}
        )
    ReviewItem.objects.select_for_update().get(pk=item.pk)  # one staging at a time
    decision = Decision.objects.filter(item=item).first()
    if decision is not None and decision.is_released:
        raise ValidationError(_("This decision has been released; it can no longer change."))
    target = S.SELECTED if outcome == Outcome.SELECT else S.DECLINED
    if not item.submission.can_move_to(target):
        raise ValidationError(
            _("A submission that is “%(state)s” cannot be decided on.")
            % {"state": item.submission.get_status_display()}
        )
    return decision


@transaction.atomic
def decision_stage(*, item: ReviewItem, by: User, outcome: str, reason: str) -> Decision:
    """Record the decision the secretariat means to take; nobody outside the
    secretariat sees it until it is released with the others of the call."""
    secretariat_require(by=by, message=_("Only the secretariat decides."))
    decision = _check_stageable(item, outcome, reason) or Decision(item=item, call_id=item.call_id)
    decision.outcome = outcome
    decision.reason = reason.strip()
    decision.staged_by = by
    decision.staged_at = timezone.now()
    decision.full_clean()
    decision.save()
    audit_record(
        actor=by,
        action="review.decision_staged",
        target=item,
        details={"outcome": outcome, "reason": decision.reason},
    )
    return decision


@transaction.atomic
def decision_unstage(*, item: ReviewItem, by: User) -> None:
    secretariat_require(by=by, message=_("Only the secretariat decides."))
    deleted, _count = Decision.objects.filter(item=item, released_at__isnull=True).delete()
    if deleted:
        audit_record(actor=by, action="review.decision_unstaged", target=item)


@dataclass
class Release:
    released: int = 0
    already_released: int = 0
    problems: list[str] = field(default_factory=list)
    released_at: object = None
    told: Audience = field(default_factory=Audience)  # whose decision email is queued


@transaction.atomic
def decisions_release(*, call: Call, by: User, now=None) -> Release:
    """Release every staged decision of the call at once: each moves its submission
    and queues the decision emails to the owner team, in their languages. A decision is
    released once; releasing again finds nothing left and sends nothing. ``told`` of
    the result holds the people whose email was queued, and the teams nobody could tell."""
    secretariat_require(by=by, message=_("Only the secretariat releases decisions."))
    now = now or timezone.now()
    kind = reviewed_kind(call)
    release = Release(released_at=now)
    # Locked, so that two releases at the same moment cannot both send.
    staged = list(
        Decision.objects.select_for_update(of=("self",))
        .filter(item__call=call, released_at__isnull=True)
        .select_related("item")
        .order_by("pk")
    )
    for decision in staged:
        submission = decision.item.submission
        carry_out = kind.select if decision.outcome == Outcome.SELECT else kind.decline
        told = Audience()  # this decision's team, counted once its release holds
        try:
            # Each on its own: one that cannot be carried out stays staged, alone.
            with transaction.atomic():
                carry_out(submission=submission, by=by, reason=decision.reason, told=told)
                decision.released_at = now
                decision.released_by = by
                decision.save(update_fields=["released_at", "released_by"])
        except (ValidationError, PermissionDenied) as error:
            problem = " ".join(getattr(error, "messages", None) or [str(error)])
            release.problems.append(f"{submission}: {problem}")
        else:
            release.released += 1
            release.told.add(told)
    release.already_released = (
        Decision.objects.filter(item__call=call, released_at__isnull=False).count()
        - release.released
    )
    if release.released or release.problems:
        audit_record(
            actor=by,
            action="review.decisions_released",
            target=call,
            details={"released": release.released, "problems": release.problems},
        )
    return release
