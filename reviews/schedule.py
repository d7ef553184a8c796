"""The review's part in the order of a round's dates: a call's deadline cannot move
past the opening of its review phase (the rule itself is incubator.schedule's)."""

from django.utils.translation import gettext as _

from incubator.schedule import review_may_open
from incubator.times import in_zone
from reviews.selectors import phase_or_none


def deadline_before_review(sender, *, call, **kwargs) -> dict[str, str]:
    phase = phase_or_none(call=call) if call.pk else None
    if phase is None or review_may_open(
        call_closes_at=call.closes_at, review_opens_at=phase.opens_at
    ):
        return {}
    return {
        "closes_at": _(
            "The review phase of this call opens on %(opens)s: the deadline cannot be later. "
            "Move the review phase first."
        )
        % {"opens": in_zone(phase.opens_at, call.deadline_time_zone)}
    }
