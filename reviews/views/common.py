from django.contrib import messages


def message_of(error: Exception) -> str:
    return " ".join(getattr(error, "messages", None) or [str(error)])


def refusal_report(request, error: Exception) -> None:
    """A service's refusal of a page's only button, shown as a message."""
    messages.error(request, message_of(error))
