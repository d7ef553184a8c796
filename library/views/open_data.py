"""Bulk downloads of a round's open data, as JSON and as CSV, with its licence named in
the file (JSON) and in a Link header (both)."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from library.access import public_programmes
from library.opendata import KINDS, api_operations, licence_of, round_csv, round_json


def _licensed(response: HttpResponse, programme, filename: str) -> HttpResponse:
    response["Link"] = f'<{licence_of(programme)["url"]}>; rel="license"'
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def open_data(request):
    programmes = [(p, licence_of(p)) for p in public_programmes()]
    return render(
        request, "library/open_data.html", {"programmes": programmes, "kinds": list(KINDS)}
    )


@require_safe
def round_download_json(request, slug):
    programme = get_object_or_404(public_programmes(), slug=slug)
    response = HttpResponse(round_json(programme), content_type="application/json")
    return _licensed(response, programme, f"{slug}.json")


@require_safe
def round_download_csv(request, slug, name):
    if name not in KINDS:
        raise Http404
    programme = get_object_or_404(public_programmes(), slug=slug)
    response = HttpResponse(round_csv(programme, name), content_type="text/csv; charset=utf-8")
    return _licensed(response, programme, f"{slug}-{name}.csv")


@require_safe
def api_docs(request):
    """The API's operations and their parameters, read from its OpenAPI schema and served
    as a plain page: no script, nothing fetched from elsewhere."""
    return render(request, "library/api_docs.html", {"operations": api_operations()})
