"""Every write to a solution proposal. Drafting is the machinery shared with challenges
(submissions.services.drafting); the ranked challenges of interest are the proposal's own."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from incubator.access import is_secretariat
from incubator.audience import Audience
from incubator.models import User
from incubator.models.programmes import CallKind
from solutions.models import Solution, SolutionInterest
from solutions.selectors import challenges_open_to
from submissions.models import SubmissionState
from submissions.services.drafting import Drafting, submission_draft_reminders_send
from submissions.services.lifecycle import submission_transition


def _interests_set(solution: Solution, challenges: list) -> None:
    """Replace the ranked challenges of interest: first in the list is first choice."""
    allowed = set(
        challenges_open_to(solution.organisation, solution.call.programme).values_list(
            "pk", flat=True
        )
    )
    if any(challenge.pk not in allowed for challenge in challenges):
        raise ValidationError(
            {"interests": _("Choose published challenges of teams in other countries.")}
        )
    SolutionInterest.objects.filter(solution=solution).delete()
    SolutionInterest.objects.bulk_create(
        SolutionInterest(solution=solution, challenge=challenge, rank=rank)
        for rank, challenge in enumerate(challenges, start=1)
    )


SOLUTION_DRAFTING = Drafting(
    model=Solution,
    call_kind=CallKind.SOLUTIONS,
    content_fields=(
        "title",
        "summary",
        "comparable_problem",
        "what_they_did",
        "evidence",
        "can_share",
        "share_details",
        "lessons",
        "capacity",
        "languages",
        "time_zone",
        "availability",
        "written_in",
    ),
    relations=("themes", "contacts", "interests"),
    required=(
        "title",
        "summary",
        "comparable_problem",
        "what_they_did",
        "evidence",
        "languages",
        "time_zone",
    ),
    required_relations=("themes", "interests"),
    reminder_template="solution_draft_reminder",
    setters={"interests": _interests_set},
)


def solution_draft_reminders_send(*, now=None) -> int:
    return submission_draft_reminders_send(drafting=SOLUTION_DRAFTING, now=now)


def _require_secretariat(by: User) -> None:
    if not is_secretariat(by):
        raise PermissionDenied(_("Only the secretariat decides on solution proposals."))


@transaction.atomic
def solution_select(
    *, submission: Solution, by: User, reason: str = "", told: Audience | None = None
) -> Solution:
    """Select the proposal; its team is told, and added to ``told``."""
    _require_secretariat(by)
    if submission.status == SubmissionState.SUBMITTED:
        submission_transition(submission=submission, to=SubmissionState.SCREENING, by=by)
    return submission_transition(
        submission=submission, to=SubmissionState.SELECTED, by=by, reason=reason, told=told
    )


@transaction.atomic
def solution_decline(
    *, submission: Solution, by: User, reason: str, told: Audience | None = None
) -> Solution:
    """Decline the proposal; its team is told why, and added to ``told``."""
    _require_secretariat(by)
    return submission_transition(
        submission=submission, to=SubmissionState.DECLINED, by=by, reason=reason, told=told
    )
