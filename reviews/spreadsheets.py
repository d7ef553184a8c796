"""CSV downloads, streamed: a BOM so spreadsheets read accents, and no cell that could
run as a formula."""

import csv
from datetime import UTC

from django.http import StreamingHttpResponse
from django.utils import timezone, translation

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value) -> str:
    """A value as a spreadsheet cell that can never run as a formula."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def utc(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else ""


class _Echo:
    """A file that hands back what is written to it, for csv.writer to stream through."""

    def write(self, value: str) -> str:
        return value


def _lines(header, rows, language):
    writer = csv.writer(_Echo())
    # The rows are written after the view has returned: keep the viewer's language.
    with translation.override(language):
        yield "\ufeff" + writer.writerow([cell(value) for value in header()])
        for row in rows():
            yield writer.writerow([cell(value) for value in row])


def csv_response(*, name: str, header, rows) -> StreamingHttpResponse:
    """``header`` and ``rows`` are called while streaming, in the viewer's language:
    ``header()`` gives the column names, ``rows()`` yields one list of values per row."""
    response = StreamingHttpResponse(
        _lines(header, rows, translation.get_language()),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}-{timezone.now():%Y%m%d}.csv"'
    return response
