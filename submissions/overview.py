"""What later stages add to a team's overview of its own submission. The kernel cannot
know about matching or incubation (they stand on it), so each of them registers a maker
of notes in its AppConfig.ready(); the overview shows every note its makers give, and a
note may say what happens next in place of the kernel's wording for the state."""

from collections.abc import Callable
from dataclasses import dataclass

from submissions.models import Submission


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class OverviewNote:
    term: str
    text: str
    links: tuple[Link, ...] = ()
    # What happens next now, when the later stage knows better than the state does.
    next_step: str = ""


NoteMaker = Callable[[Submission], list[OverviewNote]]
_makers: list[NoteMaker] = []


def overview_note_register(maker: NoteMaker) -> None:
    if maker not in _makers:
        _makers.append(maker)


def overview_notes(*, submission: Submission) -> list[OverviewNote]:
    return [note for maker in _makers for note in maker(submission)]
