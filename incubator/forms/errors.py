"""One way for every page to show a service's refusal on its form."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _


def form_errors_add(
    form: forms.BaseForm, error: ValidationError | PermissionDenied, *, field: str | None = None
) -> None:
    """Errors a service gave for a named field go next to that field when the form shows
    it; the rest go to ``field`` (by default above the form, in the error summary)."""
    if isinstance(error, PermissionDenied):
        form.add_error(field, str(error) or _("You cannot make this change."))
        return
    if not hasattr(error, "error_dict"):
        form.add_error(field, error.messages)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else field, errors)


def refusal_text(error: ValidationError | PermissionDenied) -> str:
    """A service's refusal as one text, for a message shown above the page."""
    if isinstance(error, PermissionDenied):
        return str(error) or _("You cannot make this change.")
    return " ".join(error.messages)


NOT_DONE = object()


def form_act(request, form: forms.BaseForm, act):
    """When a valid form was posted, ``act(**cleaned_data)`` (a service, its other
    arguments given) and its result; a refusal goes onto the form. ``NOT_DONE`` when the
    page should show the form again."""
    if request.method != "POST" or not form.is_valid():
        return NOT_DONE
    try:
        return act(**form.cleaned_data)
    except (ValidationError, PermissionDenied) as error:
        form_errors_add(form, error)
        return NOT_DONE
