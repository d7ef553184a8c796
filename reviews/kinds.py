"""What each kind of call puts under review: the model, the answers reviewers and the
secretariat are shown of it, and how a released decision on one is carried out (by the
challenge's or the proposal's own services, which record and notify)."""

from collections.abc import Callable
from dataclasses import dataclass

from challenges.models import Challenge
from challenges.services import challenge_decline_decided, challenge_select_decided
from incubator.models import Call
from incubator.models.programmes import CallKind
from reviews.states import (
    CHALLENGES_TAKEN_INTO_REVIEW,
    CHALLENGES_WAITING_FOR_SCREENING,
    PROPOSALS_TAKEN_INTO_REVIEW,
)
from solutions.models import Solution
from solutions.services import solution_decline, solution_select
from submissions.models import Submission


@dataclass(frozen=True)
class ReviewedKind:
    model: type[Submission]
    # (*, submission, by, reason, told) -> Submission; the team told is added to ``told``
    select: Callable[..., Submission]
    decline: Callable[..., Submission]
    # The answers a reviewer is shown, in this order: an allow-list, so that a field
    # added to the model reaches reviewers only once someone adds it here.
    answers: tuple[str, ...]
    # Of those, the ones that would name the team (or its country) in an anonymised phase.
    identifying: tuple[str, ...]
    # What the secretariat is shown on its page of the submission, in this order.
    secretariat_answers: tuple[str, ...]
    # The states automatic assignment takes into review, and those it leaves out because
    # the submission has not been screened in yet.
    taken_into_review: tuple[str, ...]
    waiting_for_screening: tuple[str, ...] = ()

    def answers_for_reviewers(self, *, anonymised: bool) -> tuple[str, ...]:
        if not anonymised:
            return self.answers
        return tuple(name for name in self.answers if name not in self.identifying)


CHALLENGE_ANSWERS = (
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
    "themes",
)
PROPOSAL_ANSWERS = (
    "summary",
    "comparable_problem",
    "what_they_did",
    "evidence",
    "share_details",
    "lessons",
    "capacity",
    "languages",
    "time_zone",
    "availability",
    "themes",
)

KINDS = {
    CallKind.CHALLENGES: ReviewedKind(
        Challenge,
        select=challenge_select_decided,
        decline=challenge_decline_decided,
        answers=CHALLENGE_ANSWERS,
        identifying=(),
        secretariat_answers=(*CHALLENGE_ANSWERS[:-1], "exchange_ref", "themes"),
        taken_into_review=CHALLENGES_TAKEN_INTO_REVIEW,
        waiting_for_screening=CHALLENGES_WAITING_FOR_SCREENING,
    ),
    CallKind.SOLUTIONS: ReviewedKind(
        Solution,
        select=solution_select,
        decline=solution_decline,
        answers=PROPOSAL_ANSWERS,
        # A time zone's city names the team's country.
        identifying=("time_zone",),
        secretariat_answers=(*PROPOSAL_ANSWERS[:-1], "exchange_ref", "themes"),
        taken_into_review=PROPOSALS_TAKEN_INTO_REVIEW,
    ),
}
KIND_OF_MODEL = {kind.model: kind for kind in KINDS.values()}


def reviewed_kind(call: Call) -> ReviewedKind:
    return KINDS[call.kind]


def kind_of(submission: Submission) -> ReviewedKind:
    return KIND_OF_MODEL[type(submission)]
