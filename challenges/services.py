"""Every write to a challenge. Drafting is the machinery shared with solution
proposals (submissions.services.drafting); screening and publishing are the challenge's own."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from challenges.models import Challenge
from challenges.search import challenge_search_refresh
from incubator.access import is_secretariat
from incubator.audience import Audience
from incubator.models import User
from incubator.models.programmes import CallKind
from incubator.services.audit import audit_record
from submissions.models import SubmissionState
from submissions.services.drafting import Drafting, submission_draft_reminders_send
from submissions.services.lifecycle import submission_transition

CHALLENGE_DRAFTING = Drafting(
    model=Challenge,
    call_kind=CallKind.CHALLENGES,
    content_fields=(
        "title",
        "summary",
        "problem_statement",
        "context",
        "tried",
        "constraints",
        "expertise_sought",
        "hoped_outcome",
        "lifecycle_stage",
        "sector",
        "languages",
        "meeting_windows",
        "providers_wanted",
        "written_in",
    ),
    relations=("themes", "contacts"),
    required=(
        "title",
        "summary",
        "problem_statement",
        "expertise_sought",
        "lifecycle_stage",
        "sector",
        "languages",
    ),
    required_relations=("themes",),
    reminder_template="challenge_draft_reminder",
    after_save=challenge_search_refresh,
)


def challenge_draft_reminders_send(*, now=None) -> int:
    return submission_draft_reminders_send(drafting=CHALLENGE_DRAFTING, now=now)


def _require_secretariat(by: User) -> None:
    if not is_secretariat(by):
        raise PermissionDenied(_("Only the secretariat screens challenges."))


@transaction.atomic
def challenge_screen(*, challenge: Challenge, by: User, eligibility: dict, note: str) -> Challenge:
    """Record the eligibility checklist; a fresh submission enters screening."""
    _require_secretariat(by)
    if challenge.status == SubmissionState.SUBMITTED:
        submission_transition(submission=challenge, to=SubmissionState.SCREENING, by=by)
        challenge.refresh_from_db()
    challenge.eligibility = eligibility
    challenge.screening_note = note
    challenge.save(update_fields=["eligibility", "screening_note", "updated_at"])
    audit_record(
        actor=by,
        action="challenge.screened",
        target=challenge,
        details={"eligibility": eligibility, "note": note},
    )
    return challenge


def _through_screening(challenge: Challenge, by: User) -> None:
    if challenge.status == SubmissionState.SUBMITTED:
        submission_transition(submission=challenge, to=SubmissionState.SCREENING, by=by)
        challenge.refresh_from_db()


@transaction.atomic
def challenge_move_to_review(*, challenge: Challenge, by: User) -> Challenge:
    _require_secretariat(by)
    _through_screening(challenge, by)
    return submission_transition(submission=challenge, to=SubmissionState.IN_REVIEW, by=by)


@transaction.atomic
def challenge_decline(
    *, challenge: Challenge, by: User, reason: str, told: Audience | None = None
) -> Challenge:
    """Decline the challenge; its team is told why, and added to ``told``."""
    _require_secretariat(by)
    return submission_transition(
        submission=challenge, to=SubmissionState.DECLINED, by=by, reason=reason, told=told
    )


@transaction.atomic
def challenge_publish(*, challenge: Challenge, by: User, told: Audience | None = None) -> Challenge:
    """Select the challenge and show it on the public pages; its team is told, and added
    to ``told``."""
    _require_secretariat(by)
    _through_screening(challenge, by)
    submission_transition(submission=challenge, to=SubmissionState.SELECTED, by=by, told=told)
    Challenge.objects.filter(pk=challenge.pk).update(published_at=timezone.now())
    challenge.refresh_from_db()
    audit_record(actor=by, action="challenge.published", target=challenge)
    return challenge


# The moves that email the challenge's team.
TELLING = frozenset({"publish", "decline"})
BULK_ACTIONS = {
    "review": challenge_move_to_review,
    "publish": challenge_publish,
    "decline": challenge_decline,
}


@dataclass
class BulkMove:
    moved: int = 0
    problems: list[str] = field(default_factory=list)
    told: Audience = field(default_factory=Audience)


def challenges_bulk(*, challenges, action: str, by: User, reason: str = "") -> BulkMove:
    """Apply one screening action to many challenges; each succeeds or fails on its own.
    Returns how many moved, the problems of those that did not, and who was told."""
    result = BulkMove()
    for challenge in challenges:
        told = Audience()  # this challenge's team, counted only if the move is made
        kwargs = {"reason": reason} if action == "decline" else {}
        if action in TELLING:
            kwargs["told"] = told
        try:
            BULK_ACTIONS[action](challenge=challenge, by=by, **kwargs)
        except ValidationError as error:
            result.problems.append(f"{challenge.title}: {' '.join(error.messages)}")
        else:
            result.moved += 1
            result.told.add(told)
    return result


def challenge_select_decided(
    *, submission: Challenge, by: User, reason: str = "", told: Audience | None = None
) -> Challenge:
    """A selection released from review: the challenge is selected and published."""
    return challenge_publish(challenge=submission, by=by, told=told)


def challenge_decline_decided(
    *, submission: Challenge, by: User, reason: str, told: Audience | None = None
) -> Challenge:
    return challenge_decline(challenge=submission, by=by, reason=reason, told=told)
