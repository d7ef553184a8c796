"""What the outcome pages share: how a service's refusal reads when no form is there to
show it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _


def refusal_text(error: ValidationError | PermissionDenied) -> str:
    if isinstance(error, PermissionDenied):
        return str(error) or _("You cannot make this change.")
    return " ".join(error.messages)
