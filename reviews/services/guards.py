"""What a write of the review checks first about the call (who may write: reviews.access)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from incubator.models import Call
from reviews.models import ReviewPhase


def phase_require(*, call: Call) -> ReviewPhase:
    """The call's review phase, or a refusal saying to set it first."""
    try:
        return call.review_phase
    except ReviewPhase.DoesNotExist:
        raise ValidationError(
            _("Set the dates of the review phase of “%(call)s” first.") % {"call": call.title_shown}
        ) from None
