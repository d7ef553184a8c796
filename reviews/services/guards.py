"""What every write of the review checks first."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from incubator.access import is_secretariat
from incubator.models import Call, User
from reviews.models import ReviewPhase


def secretariat_require(*, by: User, message: str | None = None) -> None:
    if not is_secretariat(by):
        raise PermissionDenied(message or _("Only the secretariat manages the review."))


def phase_require(*, call: Call) -> ReviewPhase:
    """The call's review phase, or a refusal saying to set it first."""
    try:
        return call.review_phase
    except ReviewPhase.DoesNotExist:
        raise ValidationError(
            _("Set the dates of the review phase of “%(call)s” first.") % {"call": call.title_shown}
        ) from None
