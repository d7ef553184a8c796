"""Feedback on a session, from the people registered for it, once it is over."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts.models import Feedback, RegistrationStatus, Session
from cohorts.selectors import feedback_of
from incubator.models import User
from incubator.services.audit import audit_record


@transaction.atomic
def feedback_give(
    *, session: Session, user: User, rating: int, worked: str, improve: str, now=None
) -> Feedback:
    """One person's feedback on a session they were registered for, after it ended; giving
    it again replaces it."""
    now = now or timezone.now()
    if not session.registrations.filter(user=user, status=RegistrationStatus.REGISTERED).exists():
        raise PermissionDenied(_("Only people registered for the session can give feedback."))
    if session.is_cancelled:
        raise ValidationError(_("This session was cancelled; there is nothing to rate."))
    if not session.has_ended(now):
        raise ValidationError(_("Feedback opens when the session is over."))
    feedback = feedback_of(session=session, user=user) or Feedback(session=session, user=user)
    feedback.rating, feedback.worked, feedback.improve = rating, worked, improve
    feedback.full_clean(validate_constraints=False)
    feedback.save()
    audit_record(actor=user, action="session.feedback_given", target=session)
    return feedback
