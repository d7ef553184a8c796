"""The order of a round's dates, in one place. A call opens before its deadline; its
review phase opens once the call has closed (the submissions are final then), reviews
are due after they open, and the phase closes no earlier than they are due. The forms
of calls and of review phases, and the services that save them, all check here."""

from datetime import datetime

from django.utils.translation import gettext as _

from incubator.times import in_zone


def call_order_errors(*, opens_at: datetime | None, closes_at: datetime | None) -> dict[str, str]:
    if opens_at and closes_at and closes_at <= opens_at:
        return {"closes_at": _("The deadline must be after the call opens.")}
    return {}


def review_may_open(*, call_closes_at: datetime, review_opens_at: datetime) -> bool:
    """Reviews start once the call's deadline has passed."""
    return review_opens_at >= call_closes_at


def phase_order_errors(
    *,
    call_closes_at: datetime,
    zone: str,
    opens_at: datetime | None,
    due_at: datetime | None,
    closes_at: datetime | None,
) -> dict[str, str]:
    errors = {}
    if opens_at and not review_may_open(call_closes_at=call_closes_at, review_opens_at=opens_at):
        errors["opens_at"] = _(
            "Reviews open once the call has closed: on or after its deadline, %(deadline)s."
        ) % {"deadline": in_zone(call_closes_at, zone)}
    if opens_at and due_at and due_at <= opens_at:
        errors["due_at"] = _("Reviews must be due after they open.")
    if due_at and closes_at and closes_at < due_at:
        errors["closes_at"] = _("The phase cannot close before reviews are due.")
    return errors
