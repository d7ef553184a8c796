"""What later stages show beside a drafting step. The kernel cannot know about the
library (it stands on it), so the library registers a maker of asides in its
AppConfig.ready(); the step page shows every aside the makers give for the draft."""

from collections.abc import Callable
from dataclasses import dataclass, field

from submissions.models import Submission


@dataclass(frozen=True)
class Aside:
    template: str
    context: dict = field(default_factory=dict)


AsideMaker = Callable[[Submission], Aside | None]
_makers: list[AsideMaker] = []


def drafting_aside_register(maker: AsideMaker) -> None:
    if maker not in _makers:
        _makers.append(maker)


def drafting_asides(*, submission: Submission) -> list[Aside]:
    return [aside for maker in _makers if (aside := maker(submission)) is not None]
