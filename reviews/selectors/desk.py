"""The reviewer's desk: open work first and the newest calls first; what is finished
(submitted, or no longer needed because the submission left review) folded away."""

from dataclasses import dataclass, field

from incubator.models import Call, User
from reviews.access import assignments_of_reviewer
from reviews.models import Assignment, ReviewPhase
from reviews.selectors.calls import phase_or_none
from reviews.states import UNDER_REVIEW


def is_open(assignment: Assignment) -> bool:
    """Still to do: not submitted, and the submission is still under review."""
    return not assignment.is_submitted and assignment.item.submission.status in UNDER_REVIEW


@dataclass
class DeskCall:
    call: Call
    phase: ReviewPhase | None
    open: list[Assignment] = field(default_factory=list)
    finished: list[Assignment] = field(default_factory=list)

    @property
    def hidden(self) -> bool:
        return self.phase is None or self.phase.anonymised

    @property
    def done(self) -> int:
        return sum(assignment.is_submitted for assignment in self.finished)

    @property
    def total(self) -> int:
        """The reviews asked of the reviewer: done ones and open ones, not those dropped."""
        return self.done + len(self.open)


@dataclass
class Desk:
    calls: list[DeskCall]

    @property
    def to_do(self) -> list[DeskCall]:
        return [desk_call for desk_call in self.calls if desk_call.open]

    @property
    def finished(self) -> list[DeskCall]:
        return [desk_call for desk_call in self.calls if desk_call.finished]

    @property
    def finished_count(self) -> int:
        return sum(len(desk_call.finished) for desk_call in self.calls)

    @property
    def open_count(self) -> int:
        return sum(len(desk_call.open) for desk_call in self.calls)

    @property
    def done(self) -> int:
        return sum(desk_call.done for desk_call in self.calls)

    @property
    def total(self) -> int:
        return sum(desk_call.total for desk_call in self.calls)


def reviewer_desk(*, user: User) -> Desk:
    calls: dict[int, DeskCall] = {}
    for assignment in assignments_of_reviewer(user=user):
        call = assignment.item.call
        if call.pk not in calls:
            calls[call.pk] = DeskCall(call=call, phase=phase_or_none(call=call))
        rows = calls[call.pk].open if is_open(assignment) else calls[call.pk].finished
        rows.append(assignment)
    # This year's calls before last year's: the latest deadline first.
    newest_first = sorted(calls.values(), key=lambda desk_call: desk_call.call.closes_at)[::-1]
    return Desk(calls=newest_first)
