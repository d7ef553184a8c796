"""What each kind of call puts under review, and how a released decision on one is
carried out: by the challenge's or the proposal's own services, which record and notify."""

from collections.abc import Callable
from dataclasses import dataclass

from challenges.models import Challenge
from challenges.services import challenge_decline_decided, challenge_select_decided
from incubator.models import Call
from incubator.models.programmes import CallKind
from solutions.models import Solution
from solutions.services import solution_decline, solution_select
from submissions.models import Submission


@dataclass(frozen=True)
class ReviewedKind:
    model: type[Submission]
    select: Callable[..., Submission]  # (*, submission, by, reason) -> Submission
    decline: Callable[..., Submission]  # (*, submission, by, reason) -> Submission


KINDS = {
    CallKind.CHALLENGES: ReviewedKind(
        Challenge, select=challenge_select_decided, decline=challenge_decline_decided
    ),
    CallKind.SOLUTIONS: ReviewedKind(Solution, select=solution_select, decline=solution_decline),
}


def reviewed_kind(call: Call) -> ReviewedKind:
    return KINDS[call.kind]
