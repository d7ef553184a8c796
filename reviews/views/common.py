from reviews.models import ReviewPhase


def message_of(error: Exception) -> str:
    return " ".join(getattr(error, "messages", None) or [str(error)])


def phase_or_none(call) -> ReviewPhase | None:
    try:
        return call.review_phase
    except ReviewPhase.DoesNotExist:
        return None
