"""What a reviewer writes: scores and comments, as a draft or submitted for good, and
the conflict of interest they declare instead."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from incubator.models import User
from incubator.models.programmes import WindowState
from incubator.services.audit import audit_record
from incubator.times import in_zone
from reviews.access import assignments_of_reviewer
from reviews.models import SCALE, Assignment, Conflict, Criterion, ReviewItem, ReviewPhase, Score
from reviews.selectors import UNDER_REVIEW
from reviews.services.figures import item_figures_refresh, reviewers_refresh
from reviews.services.guards import phase_require

Answers = dict[int, tuple[int | None, str]]  # criterion pk: (score or None, comment)


def _require_own_assignment(assignment: Assignment, by: User) -> Assignment:
    """The reviewer's own assignment, still visible to them (no conflict since)."""
    if assignment.reviewer_id != by.pk:
        raise PermissionDenied(_("Only the reviewer it is assigned to can do this."))
    visible = assignments_of_reviewer(user=by).filter(pk=assignment.pk).first()
    if visible is None:
        raise PermissionDenied(_("You can no longer review this submission."))
    return visible


def _require_open_phase(phase: ReviewPhase, now) -> None:
    state = phase.state_at(now)
    zone = phase.call.deadline_time_zone
    if state == WindowState.CLOSED:
        raise ValidationError(
            _("The review phase closed on %(when)s. Reviews can no longer be saved or submitted.")
            % {"when": in_zone(phase.closes_at, zone)}
        )
    if state == WindowState.UPCOMING:
        raise ValidationError(
            _("The review phase opens on %(when)s. Scores can be saved from then.")
            % {"when": in_zone(phase.opens_at, zone)}
        )


def _check_scores(criteria: list[Criterion], answers: Answers, *, submit: bool) -> None:
    errors = {}
    for criterion in criteria:
        score, _comment = answers.get(criterion.pk, (None, ""))
        if score is not None and score not in SCALE:
            errors[f"score_{criterion.pk}"] = _("Choose a score from 1 to 5.")
        elif score is None and submit:
            errors[f"score_{criterion.pk}"] = _("Score this criterion before submitting.")
    if errors:
        raise ValidationError(errors)


def _editable(assignment: Assignment, by: User, now) -> Assignment:
    """The reviewer's assignment, locked, once its review may still change."""
    assignment = _require_own_assignment(assignment, by)
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.is_submitted:
        raise ValidationError(_("This review is already submitted; it can no longer change."))
    item = assignment.item
    _require_open_phase(phase_require(call=item.call), now)
    if item.submission.status not in UNDER_REVIEW:
        raise ValidationError(
            _("This submission is “%(state)s”: it is no longer under review.")
            % {"state": item.submission.get_status_display()}
        )
    return assignment


@transaction.atomic
def review_save(
    *, assignment: Assignment, by: User, answers: Answers, submit: bool, now=None
) -> Assignment:
    """Save a reviewer's scores and comments, as a draft or submitted for good.
    ``answers`` maps each criterion's pk to (score or None, comment)."""
    now = now or timezone.now()
    assignment = _editable(assignment, by, now)
    item = assignment.item
    criteria = list(item.call.review_criteria.all())
    _check_scores(criteria, answers, submit=submit)
    for criterion in criteria:
        score, comment = answers.get(criterion.pk, (None, ""))
        Score.objects.update_or_create(
            assignment=assignment,
            criterion=criterion,
            defaults={"score": score, "comment": comment.strip()},
        )
    assignment.draft_saved_at = now
    if submit:
        assignment.submitted_at = now
    assignment.save(update_fields=["draft_saved_at", "submitted_at"])
    if submit:
        item_figures_refresh(item=item)
    audit_record(
        actor=by,
        action="review.submitted" if submit else "review.draft_saved",
        target=item,
        details={"assignment": assignment.pk},
    )
    return assignment


@transaction.atomic
def conflict_declare(*, assignment: Assignment, by: User, reason: str) -> Conflict:
    """A reviewer declines an assignment for a conflict of interest: the conflict is
    recorded, the assignment and its draft go, and the secretariat sees why."""
    assignment = _require_own_assignment(assignment, by)
    if assignment.is_submitted:
        raise ValidationError(
            _("This review is already submitted. Write to the secretariat about the conflict.")
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Say what the conflict of interest is.")})
    item = assignment.item
    conflict, _created = Conflict.objects.get_or_create(
        item=item, reviewer=by, defaults={"reason": reason.strip()}
    )
    assignment.delete()
    reviewers_refresh(items=ReviewItem.objects.filter(pk=item.pk))
    audit_record(
        actor=by, action="review.conflict_declared", target=item, details={"reason": reason}
    )
    return conflict
