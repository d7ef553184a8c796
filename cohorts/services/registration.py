"""Registrations for a session: a place or a place on the waitlist, giving it up, the
waitlist moving up into free places, and attendance."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts.access import is_cohort_member
from cohorts.models import Registration, RegistrationStatus, Session
from cohorts.selectors import registered_count, registration_of
from cohorts.services.common import require_secretariat
from incubator.access import is_secretariat
from incubator.models import User
from incubator.services.audit import audit_record
from incubator.services.outbox import notification_queue

R = RegistrationStatus


@transaction.atomic
def registration_create(*, session: Session, user: User, now=None) -> Registration:
    """Take a place, or a place on the waitlist when the session is full. The session row
    is locked, so two people can never take the last place together."""
    now = now or timezone.now()
    locked = Session.objects.select_for_update().get(pk=session.pk)
    if not is_cohort_member(user=user, cohort=locked.cohort):
        raise PermissionDenied(_("Only members of the cohort's teams can register."))
    if locked.is_cancelled:
        raise ValidationError(_("This session is cancelled."))
    if locked.has_started(now):
        raise ValidationError(_("This session has started; registration is closed."))
    registration = registration_of(session=locked, user=user)
    if registration is not None and registration.status != R.CANCELLED:
        return registration
    full = registered_count(session=locked) >= locked.capacity
    registration = registration or Registration(session=locked, user=user)
    registration.status = R.WAITLISTED if full else R.REGISTERED
    registration.queued_at = now
    registration.registered_at = None if full else now
    registration.cancelled_at = None
    registration.save()
    audit_record(
        actor=user,
        action="session.waitlisted" if full else "session.registered",
        target=locked,
        details={"person": user.email},
    )
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration, by: User, now=None) -> Registration:
    """Give up a place (or a place in the waitlist). The first person waiting gets the
    place and is told by email."""
    now = now or timezone.now()
    if registration.user_id != by.pk and not is_secretariat(by):
        raise PermissionDenied(_("You can only cancel your own registration."))
    locked_session = Session.objects.select_for_update().get(pk=registration.session_id)
    if locked_session.has_started(now):
        raise ValidationError(_("This session has started; the registration can no longer change."))
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == R.CANCELLED:
        return registration
    place_give_up(registration=registration, now=now, by=by)
    return registration


def place_give_up(*, registration: Registration, now, by: User | None = None) -> None:
    """Cancel a registration and let the waitlist move up; the caller holds the
    transaction and has checked who may."""
    registration.status = R.CANCELLED
    registration.cancelled_at = now
    registration.save(update_fields=["status", "cancelled_at"])
    audit_record(
        actor=by,
        action="session.registration_cancelled",
        target=registration.session,
        details={"person": registration.user.email},
    )
    waitlist_move_up(session=registration.session, now=now)


def waitlist_move_up(*, session: Session, now) -> None:
    """Move the waitlist up into free places, first come first served, and tell each
    person promoted. The caller holds the transaction."""
    if session.is_cancelled or session.has_started(now):
        return
    free = session.capacity - registered_count(session=session)
    if free <= 0:
        return
    waiting = (
        session.registrations.filter(status=R.WAITLISTED)
        .select_related("user")
        .order_by("queued_at", "pk")[:free]
    )
    for registration in waiting:
        registration.status = R.REGISTERED
        registration.registered_at = now
        registration.save(update_fields=["status", "registered_at"])
        audit_record(
            actor=None,
            action="session.promoted",
            target=session,
            details={"person": registration.user.email},
        )
        notification_queue(
            key=f"session-promoted:{registration.pk}:{registration.queued_at.timestamp():.6f}",
            template="session_promoted",
            context={"session": session, "registration": registration},
            recipient=registration.user,
        )


@transaction.atomic
def attendance_record(*, session: Session, attended_ids, by: User, now=None) -> int:
    """Mark who came: the registered people named came, the others did not."""
    require_secretariat(by=by)
    now = now or timezone.now()
    if not session.has_started(now):
        raise ValidationError(_("Attendance can be recorded once the session has started."))
    registered = session.registrations.filter(status=R.REGISTERED)
    attended_ids = {int(pk) for pk in attended_ids}
    came = registered.filter(pk__in=attended_ids).update(attended=True)
    registered.exclude(pk__in=attended_ids).update(attended=False)
    audit_record(
        actor=by, action="session.attendance_recorded", target=session, details={"came": came}
    )
    return came
