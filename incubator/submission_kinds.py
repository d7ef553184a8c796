"""Which model holds the submissions of each kind of call, and how a decision on one is
carried out. The apps above the core register themselves when they load, so the core
and the review app reach a call's submissions without importing the apps above them."""

from collections.abc import Callable
from dataclasses import dataclass

from incubator.models import Submission


@dataclass(frozen=True)
class SubmissionKind:
    model: type[Submission]
    # The services that carry out a released decision; each records and notifies.
    select: Callable[..., Submission]  # (*, submission, by, reason) -> Submission
    decline: Callable[..., Submission]  # (*, submission, by, reason) -> Submission


_kinds: dict[str, SubmissionKind] = {}


def register(call_kind: str, kind: SubmissionKind) -> None:
    _kinds[call_kind] = kind


def kind_for(call_kind: str) -> SubmissionKind:
    return _kinds[call_kind]


def submission_models() -> list[type[Submission]]:
    return [kind.model for kind in _kinds.values()]
