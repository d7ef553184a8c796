"""Every write of the review: the phase and rubric of a call, reviewer profiles,
assignment (automatic and by hand), scores, declared conflicts, staged and released
decisions, and the reminders."""

import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from incubator.access import is_reviewer, is_secretariat, roles_of
from incubator.models import Call, Organisation, Role, User
from incubator.models.programmes import WindowState
from incubator.services.audit import audit_record
from incubator.services.outbox import notification_queue
from incubator.times import in_zone
from reviews import assignment as solver
from reviews.conflicts import DECLARED, REASONS, conflict_with
from reviews.kinds import reviewed_kind
from reviews.models import (
    SCALE,
    Assignment,
    Conflict,
    Criterion,
    Decision,
    Outcome,
    ReviewerProfile,
    ReviewItem,
    ReviewPhase,
    Score,
)
from reviews.selectors import (
    UNDER_REVIEW,
    assignments_of_reviewer,
    profile_of,
    reviewer_facts,
    reviewer_pool,
    submissions_taken_into_review,
)
from submissions.models import SubmissionState
from submissions.services.lifecycle import submission_transition

S = SubmissionState
ANCHOR_COUNT = len(SCALE)


def _require_secretariat(by: User, message: str | None = None) -> None:
    if not is_secretariat(by):
        raise PermissionDenied(message or _("Only the secretariat manages the review."))


def phase_of(call: Call) -> ReviewPhase:
    try:
        return call.review_phase
    except ReviewPhase.DoesNotExist:
        raise ValidationError(
            _("Set the dates of the review phase of “%(call)s” first.") % {"call": call.title}
        ) from None


# The phase and the rubric ---------------------------------------------------------------

PHASE_FIELDS = (
    "opens_at",
    "due_at",
    "closes_at",
    "reviewers_per_submission",
    "reviewers_see_scores",
    "anonymised",
)


@transaction.atomic
def review_phase_save(*, call: Call, by: User, **fields) -> ReviewPhase:
    _require_secretariat(by)
    phase = ReviewPhase.objects.filter(call=call).first() or ReviewPhase(call=call)
    created = phase.pk is None
    for name in PHASE_FIELDS:
        setattr(phase, name, fields[name])
    phase.full_clean()
    phase.save()
    audit_record(
        actor=by,
        action="review.phase_created" if created else "review.phase_updated",
        target=call,
        details={name: str(fields[name]) for name in PHASE_FIELDS},
    )
    return phase


def rubric_is_locked(call: Call) -> bool:
    """Once a review is submitted the rubric stays as it was scored against."""
    return Assignment.objects.filter(item__call=call, submitted_at__isnull=False).exists()


@dataclass(frozen=True)
class CriterionRow:
    """One criterion as the secretariat edited it; ``pk`` is None for a new one."""

    pk: int | None
    name: str
    description: str
    weight: int
    anchors: tuple[str, ...]


@transaction.atomic
def rubric_save(
    *, call: Call, by: User, rows: list[CriterionRow], removed: list[int] = ()
) -> list[Criterion]:
    """Replace the call's rubric by these criteria, in this order."""
    _require_secretariat(by)
    if rubric_is_locked(call):
        raise ValidationError(
            _("Reviews have been submitted against this rubric; it can no longer change.")
        )
    if not rows:
        raise ValidationError(_("A rubric needs at least one criterion."))
    names = [row.name.strip().casefold() for row in rows]
    if len(set(names)) != len(names):
        raise ValidationError(_("Give each criterion a different name."))
    existing = {criterion.pk: criterion for criterion in call.review_criteria.all()}
    unknown = {row.pk for row in rows if row.pk is not None} | set(removed)
    if unknown - existing.keys():
        raise ValidationError(_("The rubric was changed meanwhile. Reload the page."))
    Criterion.objects.filter(call=call, pk__in=removed).delete()
    saved = []
    for position, row in enumerate(rows, start=1):
        if len(row.anchors) != ANCHOR_COUNT or not all(a.strip() for a in row.anchors):
            raise ValidationError(_("Describe what each point of the scale, 1 to 5, means."))
        criterion = existing.get(row.pk) or Criterion(call=call)
        criterion.position = position
        criterion.name = row.name.strip()
        criterion.description = row.description.strip()
        criterion.weight = row.weight
        criterion.anchors = [anchor.strip() for anchor in row.anchors]
        criterion.full_clean()
        criterion.save()
        saved.append(criterion)
    audit_record(
        actor=by,
        action="review.rubric_saved",
        target=call,
        details={"criteria": [f"{c.name} ×{c.weight}" for c in saved], "removed": len(removed)},
    )
    return saved


# The reviewer pool ----------------------------------------------------------------------


@transaction.atomic
def reviewer_profile_save(
    *,
    reviewer: User,
    by: User,
    themes,
    languages: list[str],
    country: str,
    organisation: Organisation | None,
) -> ReviewerProfile:
    _require_secretariat(by)
    if Role.REVIEWER not in roles_of(reviewer):
        raise ValidationError(_("Grant the reviewer role first: only reviewers have a profile."))
    profile, _created = ReviewerProfile.objects.get_or_create(user=reviewer)
    profile.languages = list(languages)
    profile.country = country
    profile.organisation = organisation
    profile.full_clean()
    profile.save()
    profile.themes.set(themes)
    audit_record(
        actor=by,
        action="review.profile_saved",
        target=reviewer,
        details={
            "themes": [str(theme) for theme in themes],
            "languages": list(languages),
            "country": country,
            "organisation": str(organisation) if organisation else "",
        },
    )
    return profile


# Assignment -----------------------------------------------------------------------------


@dataclass
class AssignmentResult:
    created: int = 0
    items: int = 0
    moved_to_review: int = 0
    removed_for_conflicts: int = 0
    short: dict[int, int] = field(default_factory=dict)  # item pk: reviewers missing
    loads: dict[int, int] = field(default_factory=dict)  # reviewer pk: load afterwards
    seconds: float = 0.0

    @property
    def spread(self) -> int:
        return max(self.loads.values()) - min(self.loads.values()) if self.loads else 0


def _take_into_review(call: Call, by: User) -> tuple[list[ReviewItem], int]:
    """A review item for every submission the call takes into review, each moved to “in
    review”. Returns the items whose submission is under review, and how many moved."""
    content_type = ContentType.objects.get_for_model(reviewed_kind(call).model)
    existing = {
        item.object_id: item
        for item in ReviewItem.objects.filter(call=call, content_type=content_type)
    }
    moved = 0
    for submission in submissions_taken_into_review(call):
        if submission.pk not in existing:
            existing[submission.pk] = ReviewItem.objects.create(
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
    items = list(
        ReviewItem.objects.filter(call=call)
        .select_related("organisation")
        .prefetch_related("submission")
    )
    return [item for item in items if item.submission.status in UNDER_REVIEW], moved


def _item_for_solver(item: ReviewItem, wanted: int) -> solver.Item:
    submission = item.submission
    themes = (
        frozenset(theme.pk for theme in submission.themes.all())
        if hasattr(submission, "themes")
        else frozenset()
    )
    languages = frozenset([*(getattr(submission, "languages", None) or []), submission.written_in])
    return solver.Item(key=item.pk, wanted=wanted, themes=themes, languages=languages)


@transaction.atomic
def assignment_run(*, call: Call, by: User, now=None) -> AssignmentResult:
    """Give every submission under review its reviewers: balanced loads, best fit,
    never a conflict. Existing assignments are kept; the reviewers who got new items
    receive one email each listing them."""
    _require_secretariat(by)
    phase = phase_of(call)
    if not call.review_criteria.exists():
        raise ValidationError(_("Set the rubric first: reviewers score against it."))
    now = now or timezone.now()
    if phase.state_at(now) == WindowState.CLOSED:
        raise ValidationError(_("The review phase has closed; no more reviewers can be assigned."))
    # One run at a time per call: two at once would pick the same pairs.
    Call.objects.select_for_update().get(pk=call.pk)
    result = AssignmentResult()
    items, result.moved_to_review = _take_into_review(call, by)
    result.items = len(items)
    reviewers = list(reviewer_pool())
    facts = reviewer_facts(reviewers)
    declared = set(Conflict.objects.filter(item__call=call).values_list("item_id", "reviewer_id"))
    conflicts = {
        (item.pk, reviewer.pk)
        for item in items
        for reviewer in reviewers
        if (item.pk, reviewer.pk) in declared
        or conflict_with(
            facts[reviewer.pk],
            organisation_id=item.organisation_id,
            country=item.organisation.country.code,
        )
    }
    # An assignment a new conflict overtook (a profile edited since) goes, unless its
    # review is already in; the secretariat sees those and decides.
    existing = Assignment.objects.filter(item__call=call).values_list(
        "pk", "item_id", "reviewer_id", "submitted_at"
    )
    stale, kept = set(), set()
    for pk, item_id, reviewer_id, submitted_at in existing:
        if (item_id, reviewer_id) in conflicts and submitted_at is None:
            stale.add(pk)
        else:
            kept.add((item_id, reviewer_id))
    result.removed_for_conflicts = len(stale)
    Assignment.objects.filter(pk__in=stale).delete()

    started = time.perf_counter()
    plan = solver.assign(
        [_item_for_solver(item, phase.reviewers_per_submission) for item in items],
        [_reviewer_for_solver(reviewer) for reviewer in reviewers],
        conflicts=conflicts,
        existing=kept,
    )
    result.seconds = time.perf_counter() - started
    created = Assignment.objects.bulk_create(
        [
            Assignment(item_id=item_pk, reviewer_id=reviewer_pk, assigned_by=by)
            for item_pk, reviewer_pk in plan.pairs
        ]
    )
    result.created = len(created)
    result.short = plan.short
    result.loads = plan.loads
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
            "loads": [min(plan.loads.values(), default=0), max(plan.loads.values(), default=0)],
        },
    )
    new_items = defaultdict(list)
    by_pk = {item.pk: item for item in items}
    for item_pk, reviewer_pk in plan.pairs:
        new_items[reviewer_pk].append(by_pk[item_pk])
    run = uuid.uuid4().hex[:12]
    for reviewer in reviewers:
        if new_items[reviewer.pk]:
            _tell_assigned(
                reviewer, new_items[reviewer.pk], phase, key=f"review-assigned:{run}:{reviewer.pk}"
            )
    return result


def _reviewer_for_solver(reviewer: User) -> solver.Reviewer:
    profile = profile_of(reviewer)
    if profile is None:
        return solver.Reviewer(key=reviewer.pk)
    return solver.Reviewer(
        key=reviewer.pk,
        themes=frozenset(theme.pk for theme in profile.themes.all()),
        languages=frozenset(profile.languages),
    )


def _tell_assigned(reviewer: User, items: list[ReviewItem], phase: ReviewPhase, *, key: str):
    notification_queue(
        key=key,
        template="review_assigned",
        context={
            "items": sorted(items, key=lambda item: str(item.submission)),
            "phase": phase,
            "call": phase.call,
        },
        recipient=reviewer,
    )


def _conflict_reason(item: ReviewItem, reviewer: User) -> str | None:
    if Conflict.objects.filter(item=item, reviewer=reviewer).exists():
        return DECLARED
    facts = reviewer_facts([reviewer])[reviewer.pk]
    return conflict_with(
        facts, organisation_id=item.organisation_id, country=item.organisation.country.code
    )


@transaction.atomic
def assignment_add(*, item: ReviewItem, reviewer: User, by: User) -> Assignment:
    """The secretariat adds one reviewer to one item by hand."""
    _require_secretariat(by)
    phase = phase_of(item.call)
    if phase.is_closed:
        raise ValidationError(_("The review phase has closed; no more reviewers can be assigned."))
    if not (reviewer.is_active and is_reviewer(reviewer)):
        raise ValidationError(_("%(person)s is not in the reviewer pool.") % {"person": reviewer})
    if item.submission.status not in UNDER_REVIEW:
        raise ValidationError(
            _("This submission is “%(state)s”: it is not under review.")
            % {"state": item.submission.get_status_display()}
        )
    reason = _conflict_reason(item, reviewer)
    if reason:
        raise ValidationError(
            _("%(person)s cannot review this submission: %(reason)s.")
            % {"person": reviewer, "reason": REASONS[reason]}
        )
    assignment, created = Assignment.objects.get_or_create(
        item=item, reviewer=reviewer, defaults={"assigned_by": by}
    )
    if not created:
        raise ValidationError(
            _("%(person)s already reviews this submission.") % {"person": reviewer}
        )
    audit_record(
        actor=by,
        action="review.assigned_by_hand",
        target=item,
        details={"reviewer": reviewer.email},
    )
    _tell_assigned(reviewer, [item], phase, key=f"review-assigned-by-hand:{assignment.pk}")
    return assignment


@transaction.atomic
def assignment_remove(*, assignment: Assignment, by: User) -> None:
    _require_secretariat(by)
    details = {
        "reviewer": assignment.reviewer.email,
        "review_submitted": assignment.is_submitted,
    }
    item = assignment.item
    assignment.delete()
    audit_record(actor=by, action="review.assignment_removed", target=item, details=details)


# Reviewing ------------------------------------------------------------------------------


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


@transaction.atomic
def review_save(
    *,
    assignment: Assignment,
    by: User,
    answers: dict[int, tuple[int | None, str]],
    submit: bool,
    now=None,
) -> Assignment:
    """Save a reviewer's scores and comments, as a draft or submitted for good.
    ``answers`` maps each criterion's pk to (score or None, comment)."""
    now = now or timezone.now()
    assignment = _require_own_assignment(assignment, by)
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.is_submitted:
        raise ValidationError(_("This review is already submitted; it can no longer change."))
    item = assignment.item
    _require_open_phase(phase_of(item.call), now)
    if item.submission.status not in UNDER_REVIEW:
        raise ValidationError(
            _("This submission is “%(state)s”: it is no longer under review.")
            % {"state": item.submission.get_status_display()}
        )
    criteria = list(item.call.review_criteria.all())
    errors = {}
    for criterion in criteria:
        score, _comment = answers.get(criterion.pk, (None, ""))
        if score is not None and score not in SCALE:
            errors[f"score_{criterion.pk}"] = _("Choose a score from 1 to 5.")
        elif score is None and submit:
            errors[f"score_{criterion.pk}"] = _("Score this criterion before submitting.")
    if errors:
        raise ValidationError(errors)
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
    audit_record(
        actor=by, action="review.conflict_declared", target=item, details={"reason": reason}
    )
    return conflict


# Decisions ------------------------------------------------------------------------------


@transaction.atomic
def decision_stage(*, item: ReviewItem, by: User, outcome: str, reason: str) -> Decision:
    """Record the decision the secretariat means to take; nobody outside the
    secretariat sees it until it is released with the others of the call."""
    _require_secretariat(by, _("Only the secretariat decides."))
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
    decision = decision or Decision(item=item)
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
    _require_secretariat(by, _("Only the secretariat decides."))
    deleted, _count = Decision.objects.filter(item=item, released_at__isnull=True).delete()
    if deleted:
        audit_record(actor=by, action="review.decision_unstaged", target=item)


@dataclass
class Release:
    released: int = 0
    already_released: int = 0
    problems: list[str] = field(default_factory=list)
    released_at: object = None


@transaction.atomic
def decisions_release(*, call: Call, by: User, now=None) -> Release:
    """Release every staged decision of the call at once: each moves its submission
    and queues the decision emails to the owner team, in their languages. A decision is
    released once; releasing again finds nothing left and sends nothing."""
    _require_secretariat(by, _("Only the secretariat releases decisions."))
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
        try:
            # Each on its own: one that cannot be carried out stays staged, alone.
            with transaction.atomic():
                carry_out(submission=submission, by=by, reason=decision.reason)
                decision.released_at = now
                decision.released_by = by
                decision.save(update_fields=["released_at", "released_by"])
        except (ValidationError, PermissionDenied) as error:
            problem = " ".join(getattr(error, "messages", None) or [str(error)])
            release.problems.append(f"{submission}: {problem}")
        else:
            release.released += 1
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


# Reminders ------------------------------------------------------------------------------


def review_overdue_reminders_send(*, now=None) -> int:
    """Remind each reviewer, once, of the reviews still open after the phase's due date
    (and before it closes). The key names the due date: if the secretariat moves it,
    a reviewer still late after the new date is reminded once more."""
    now = now or timezone.now()
    queued = 0
    phases = ReviewPhase.objects.filter(due_at__lte=now, closes_at__gt=now).select_related("call")
    for phase in phases:
        late = defaultdict(list)
        assignments = (
            Assignment.objects.filter(item__call=phase.call, submitted_at__isnull=True)
            .select_related("reviewer", "item__organisation")
            .prefetch_related("item__submission")
        )
        for assignment in assignments:
            if assignment.reviewer.is_active:
                late[assignment.reviewer].append(assignment)
        for reviewer, open_assignments in late.items():
            visible = set(
                assignments_of_reviewer(user=reviewer)
                .filter(pk__in=[a.pk for a in open_assignments])
                .values_list("pk", flat=True)
            )
            items = [
                a.item
                for a in open_assignments
                if a.pk in visible and a.item.submission.status in UNDER_REVIEW
            ]
            if not items:
                continue
            with transaction.atomic():
                notification_queue(
                    key=f"review-overdue:{phase.pk}:{reviewer.pk}:{phase.due_at:%Y%m%dT%H%M}",
                    template="review_overdue",
                    context={
                        "items": sorted(items, key=lambda item: str(item.submission)),
                        "phase": phase,
                        "call": phase.call,
                    },
                    recipient=reviewer,
                )
            queued += 1
    return queued
