"""Sending a stored file to the person allowed to see it: every download of the portal
goes through ``file_download``, so a row whose file is missing is a 404, not a 500."""

import logging

from django.http import FileResponse, Http404

log = logging.getLogger(__name__)


def file_download(stored, *, filename: str | None) -> FileResponse:
    """The file of a FileField as an attachment named ``filename``. A row without a file
    is not found; one whose file has gone from storage is not found either, and logged,
    since the secretariat has a record to repair."""
    if not stored:
        raise Http404
    try:
        opened = stored.open("rb")
    except (FileNotFoundError, OSError) as error:
        log.error(
            "The stored file %s of %s %s is missing: %s",
            stored.name,
            type(stored.instance).__name__,
            stored.instance.pk,
            error,
        )
        raise Http404 from None
    return FileResponse(opened, as_attachment=True, filename=filename or None)
