"""Files people add to an incubation (a milestone's proof, a message's attachment):
checked by content and size as every upload of the portal is."""

from django.core.exceptions import ValidationError

from incubator.uploads import validate_upload

MAX_FILE_BYTES = 10 * 1024 * 1024


def checked_upload(upload, *, field: str) -> str:
    """The file's kind, or a ValidationError for ``field``; "" when there is no file."""
    if upload is None:
        return ""
    try:
        return validate_upload(upload, max_bytes=MAX_FILE_BYTES)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from error
