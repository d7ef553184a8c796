from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from incubator.access import is_secretariat
from incubator.models import Call, Programme, Theme, User
from incubator.models.programmes import WindowState
from incubator.schedule import call_order_errors
from incubator.services.audit import audit_record
from incubator.signals import call_schedule_check


@transaction.atomic
def vocabulary_save(
    *, record: Theme | Programme | Call, by: User | None
) -> Theme | Programme | Call:
    """Save a theme, programme or call the secretariat edited, and record who did it."""
    created = record.pk is None
    record.full_clean()
    record.save()
    kind = type(record).__name__.lower()
    audit_record(actor=by, action=f"{kind}.{'created' if created else 'updated'}", target=record)
    return record


def _require_secretariat(by: User) -> None:
    if not is_secretariat(by):
        raise PermissionDenied(_("Only the secretariat manages programmes and calls."))


def programme_save(*, programme: Programme, by: User) -> Programme:
    _require_secretariat(by)
    return vocabulary_save(record=programme, by=by)


def call_schedule_errors(*, call: Call) -> dict[str, str]:
    """Every problem with the call's dates: its own order, and what the apps above say
    (the review phase of the call opens once it has closed)."""
    errors = call_order_errors(opens_at=call.opens_at, closes_at=call.closes_at)
    for _receiver, problems in call_schedule_check.send(sender=Call, call=call):
        for field, message in (problems or {}).items():
            errors.setdefault(field, message)
    return errors


@transaction.atomic
def call_save(*, call: Call, by: User) -> Call:
    """Save a call the secretariat created or changed, once its dates are in order."""
    _require_secretariat(by)
    errors = call_schedule_errors(call=call)
    if errors:
        raise ValidationError(errors)
    return vocabulary_save(record=call, by=by)


@transaction.atomic
def call_close(*, call: Call, by: User, now=None) -> Call:
    """Close an open call now: its deadline becomes this minute, and no more submission
    is accepted. Deadlines are shown to the minute, so the seconds go: a review phase
    typed to open at this minute then opens after the deadline, as it must."""
    _require_secretariat(by)
    now = now or timezone.now()
    locked = Call.objects.select_for_update().get(pk=call.pk)
    state = locked.state_at(now)
    if state == WindowState.UPCOMING:
        raise ValidationError(_("This call has not opened yet: change its dates instead."))
    if state == WindowState.CLOSED:
        raise ValidationError(_("This call is already closed."))
    deadline = locked.closes_at
    minute = now.replace(second=0, microsecond=0)
    locked.closes_at = minute if minute > locked.opens_at else now
    locked.save(update_fields=["closes_at"])
    audit_record(
        actor=by,
        action="call.closed_early",
        target=locked,
        details={"deadline_was": deadline.isoformat()},
    )
    call.refresh_from_db()
    return call
