"""Who reviews what: automatic assignment of a whole call, and one reviewer added or
removed by hand. Both refuse any pair ``conflicts_between`` finds, and tell each
reviewer by email what they were given."""

import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from incubator.access import is_reviewer
from incubator.audience import Audience
from incubator.models import Call, User
from incubator.models.programmes import WindowState
from incubator.services.audit import audit_record
from incubator.services.telling import person_tell
from reviews import assignment as solver
from reviews.access import secretariat_require
from reviews.conflicts import REASONS
from reviews.kinds import reviewed_kind
from reviews.models import Assignment, ReviewItem, ReviewPhase
from reviews.selectors import (
    UNDER_REVIEW,
    conflicts_between,
    has_rubric,
    profile_of,
    review_items_of,
    reviewer_pool,
    submissions_taken_into_review,
    submissions_waiting_for_screening,
)
from reviews.services.figures import item_figures_refresh, reviewers_refresh
from reviews.services.guards import phase_require
from submissions.models import SubmissionState
from submissions.services.lifecycle import submission_transition

S = SubmissionState
Pairs = dict[tuple[int, int], str]  # (item pk, reviewer pk): why they may not be paired


@dataclass
class AssignmentResult:
    created: int = 0
    items: int = 0
    moved_to_review: int = 0
    removed_for_conflicts: int = 0
    short: dict[int, int] = field(default_factory=dict)  # item pk: reviewers missing
    loads: dict[int, int] = field(default_factory=dict)  # reviewer pk: load afterwards
    seconds: float = 0.0
    # Left out, not screened in yet: how many by state.
    waiting_for_screening: dict[str, int] = field(default_factory=dict)
    told: Audience = field(default_factory=Audience)  # the reviewers whose email is queued

    @property
    def spread(self) -> int:
        return max(self.loads.values()) - min(self.loads.values()) if self.loads else 0


def _tell_assigned(
    reviewer: User, items: list[ReviewItem], phase: ReviewPhase, *, key: str, told: Audience | None
):
    person_tell(
        person=reviewer,
        key=key,
        template="review_assigned",
        context={
            "items": sorted(items, key=lambda item: str(item.submission)),
            "phase": phase,
            "call": phase.call,
        },
        told=told,
    )


def _closed_refusal() -> ValidationError:
    return ValidationError(_("The review phase has closed; no more reviewers can be assigned."))


# Automatic assignment -------------------------------------------------------------------


def _phase_ready(call: Call, now) -> ReviewPhase:
    """The call's phase, once it has a rubric and has not closed."""
    phase = phase_require(call=call)
    if not has_rubric(call=call):
        raise ValidationError(_("Set the rubric first: reviewers score against it."))
    if phase.state_at(now) == WindowState.CLOSED:
        raise _closed_refusal()
    return phase


def _take_into_review(call: Call, by: User) -> tuple[list[ReviewItem], int]:
    """A review item for every submission the call takes into review, each moved to “in
    review”. Returns the items whose submission is under review, and how many moved."""
    content_type = ContentType.objects.get_for_model(reviewed_kind(call).model)
    existing = set(
        ReviewItem.objects.filter(call=call, content_type=content_type).values_list(
            "object_id", flat=True
        )
    )
    moved = 0
    for submission in submissions_taken_into_review(call=call):
        if submission.pk not in existing:
            ReviewItem.objects.create(
                call=call,
                content_type=content_type,
                object_id=submission.pk,
                organisation=submission.organisation,
            )
        if submission.status in (S.SUBMITTED, S.SCREENING):
            if submission.status == S.SUBMITTED:
                submission_transition(submission=submission, to=S.SCREENING, by=by)
            submission_transition(submission=submission, to=S.IN_REVIEW, by=by)
            moved += 1
    items = review_items_of(call=call)
    return [item for item in items if item.submission.status in UNDER_REVIEW], moved


def _drop_overtaken(call: Call, conflicts: Pairs) -> tuple[set[tuple[int, int]], int]:
    """Remove the assignments a conflict has overtaken since they were made (a profile
    edited), unless their review is already in: the secretariat sees those and decides.
    Returns the (item, reviewer) pairs kept, and how many were removed."""
    existing = Assignment.objects.filter(item__call=call).values_list(
        "pk", "item_id", "reviewer_id", "submitted_at"
    )
    stale, kept = set(), set()
    for pk, item_id, reviewer_id, submitted_at in existing:
        if (item_id, reviewer_id) in conflicts and submitted_at is None:
            stale.add(pk)
        else:
            kept.add((item_id, reviewer_id))
    Assignment.objects.filter(pk__in=stale).delete()
    return kept, len(stale)


def _item_for_solver(item: ReviewItem, wanted: int) -> solver.Item:
    submission = item.submission
    themes = (
        frozenset(theme.pk for theme in submission.themes.all())
        if hasattr(submission, "themes")
        else frozenset()
    )
    languages = frozenset([*(getattr(submission, "languages", None) or []), submission.written_in])
    return solver.Item(key=item.pk, wanted=wanted, themes=themes, languages=languages)


def _reviewer_for_solver(reviewer: User) -> solver.Reviewer:
    profile = profile_of(user=reviewer)
    if profile is None:
        return solver.Reviewer(key=reviewer.pk)
    return solver.Reviewer(
        key=reviewer.pk,
        themes=frozenset(theme.pk for theme in profile.themes.all()),
        languages=frozenset(profile.languages),
    )


def _plan(items, reviewers, *, wanted: int, conflicts: Pairs, kept) -> tuple[solver.Plan, float]:
    """The solver's plan for the new pairs, and how many seconds it took."""
    started = time.perf_counter()
    plan = solver.assign(
        [_item_for_solver(item, wanted) for item in items],
        [_reviewer_for_solver(reviewer) for reviewer in reviewers],
        conflicts=conflicts.keys(),
        existing=kept,
    )
    return plan, time.perf_counter() - started


def _tell_each_reviewer(
    plan: solver.Plan, items, reviewers, phase: ReviewPhase, told: Audience
) -> None:
    """One email per reviewer who got new items, listing them."""
    new_items = defaultdict(list)
    by_pk = {item.pk: item for item in items}
    for item_pk, reviewer_pk in plan.pairs:
        new_items[reviewer_pk].append(by_pk[item_pk])
    run = uuid.uuid4().hex[:12]
    for reviewer in reviewers:
        if new_items[reviewer.pk]:
            _tell_assigned(
                reviewer,
                new_items[reviewer.pk],
                phase,
                key=f"review-assigned:{run}:{reviewer.pk}",
                told=told,
            )


def _audit_run(call: Call, by: User, result: AssignmentResult) -> None:
    audit_record(
        actor=by,
        action="review.assigned_automatically",
        target=call,
        details={
            "created": result.created,
            "items": result.items,
            "moved_to_review": result.moved_to_review,
            "removed_for_conflicts": result.removed_for_conflicts,
            "short": len(result.short),
            "waiting_for_screening": result.waiting_for_screening,
            "loads": [min(result.loads.values(), default=0), max(result.loads.values(), default=0)],
        },
    )


@transaction.atomic
def assignment_run(*, call: Call, by: User, now=None) -> AssignmentResult:
    """Give every submission under review its reviewers: balanced loads, best fit,
    never a conflict. Only what was screened in is taken; what still waits for screening
    is counted in the result. Existing assignments are kept; the reviewers who got new
    items receive one email each listing them."""
    secretariat_require(by=by)
    phase = _phase_ready(call, now or timezone.now())
    # One run at a time per call: two at once would pick the same pairs.
    Call.objects.select_for_update().get(pk=call.pk)
    result = AssignmentResult(waiting_for_screening=submissions_waiting_for_screening(call=call))
    items, result.moved_to_review = _take_into_review(call, by)
    result.items = len(items)
    reviewers = list(reviewer_pool())
    conflicts = conflicts_between(items=items, reviewers=reviewers)
    kept, result.removed_for_conflicts = _drop_overtaken(call, conflicts)
    plan, result.seconds = _plan(
        items, reviewers, wanted=phase.reviewers_per_submission, conflicts=conflicts, kept=kept
    )
    created = Assignment.objects.bulk_create(
        Assignment(item_id=item_pk, call=call, reviewer_id=reviewer_pk, assigned_by=by)
        for item_pk, reviewer_pk in plan.pairs
    )
    reviewers_refresh(items=ReviewItem.objects.filter(call=call))
    result.created, result.short, result.loads = len(created), plan.short, plan.loads
    _audit_run(call, by, result)
    _tell_each_reviewer(plan, items, reviewers, phase, result.told)
    return result


# By hand --------------------------------------------------------------------------------


def _check_addable(item: ReviewItem, reviewer: User) -> None:
    if not (reviewer.is_active and is_reviewer(reviewer)):
        raise ValidationError(_("%(person)s is not in the reviewer pool.") % {"person": reviewer})
    if item.submission.status not in UNDER_REVIEW:
        raise ValidationError(
            _("This submission is “%(state)s”: it is not under review.")
            % {"state": item.submission.get_status_display()}
        )
    reason = conflicts_between(items=[item], reviewers=[reviewer]).get((item.pk, reviewer.pk))
    if reason:
        raise ValidationError(
            _("%(person)s cannot review this submission: %(reason)s.")
            % {"person": reviewer, "reason": REASONS[reason]}
        )


@transaction.atomic
def assignment_add(
    *, item: ReviewItem, reviewer: User, by: User, told: Audience | None = None
) -> Assignment:
    """The secretariat adds one reviewer to one item by hand; the reviewer is told, and
    added to ``told``."""
    secretariat_require(by=by)
    phase = phase_require(call=item.call)
    if phase.is_closed:
        raise _closed_refusal()
    _check_addable(item, reviewer)
    assignment, created = Assignment.objects.get_or_create(
        item=item, reviewer=reviewer, defaults={"assigned_by": by}
    )
    if not created:
        raise ValidationError(
            _("%(person)s already reviews this submission.") % {"person": reviewer}
        )
    reviewers_refresh(items=ReviewItem.objects.filter(pk=item.pk))
    audit_record(
        actor=by,
        action="review.assigned_by_hand",
        target=item,
        details={"reviewer": reviewer.email},
    )
    _tell_assigned(
        reviewer, [item], phase, key=f"review-assigned-by-hand:{assignment.pk}", told=told
    )
    return assignment


@transaction.atomic
def assignment_remove(*, assignment: Assignment, by: User) -> None:
    secretariat_require(by=by)
    details = {
        "reviewer": assignment.reviewer.email,
        "review_submitted": assignment.is_submitted,
    }
    item = assignment.item
    assignment.delete()
    reviewers_refresh(items=ReviewItem.objects.filter(pk=item.pk))
    if details["review_submitted"]:
        item_figures_refresh(item=item)
    audit_record(actor=by, action="review.assignment_removed", target=item, details=details)
