from django.contrib import messages

from incubator.forms.errors import refusal_text


def refusal_report(request, error) -> None:
    """A service's refusal of a page's only button, shown as a message."""
    messages.error(request, refusal_text(error))
