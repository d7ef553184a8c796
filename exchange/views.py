"""The secretariat's exchange pages: import a programme round from an exchange file and
download any programme's round as one."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe

from exchange.forms import ExchangeUploadForm
from exchange.services import ExchangeError, programme_export, programme_import
from incubator.access import secretariat_required
from incubator.models import Programme

# More problems than this are summed up in one line: the page stays readable, and the
# import_programme command lists every one.
PROBLEMS_SHOWN = 200


@secretariat_required
@require_http_methods(["GET", "HEAD", "POST"])
def exchange(request):
    posted = request.method == "POST"
    form = ExchangeUploadForm(request.POST, request.FILES) if posted else ExchangeUploadForm()
    if posted and form.is_valid():
        try:
            summary = programme_import(data=form.cleaned_data["data"], by=request.user)
        except (ExchangeError, PermissionDenied) as error:
            _list_problems(form, getattr(error, "messages", None) or [str(error)])
        else:
            messages.success(request, " ".join(summary.lines()))
            return redirect("exchange:home")
    return render(
        request,
        "exchange/home.html",
        {"form": form, "programmes": Programme.objects.order_by("-created_at", "-pk")},
        status=400 if form.errors else 200,
    )


def _list_problems(form: ExchangeUploadForm, problems: list[str]) -> None:
    """Every problem in the error summary, the file field saying how many there are."""
    for problem in problems[:PROBLEMS_SHOWN]:
        form.add_error(None, problem)
    hidden = len(problems) - PROBLEMS_SHOWN
    if hidden > 0:
        form.add_error(
            None,
            ngettext(
                "… and %(count)d more problem; the import_programme command lists them all.",
                "… and %(count)d more problems; the import_programme command lists them all.",
                hidden,
            )
            % {"count": hidden},
        )
    form.add_error(
        "file",
        ngettext(
            "Nothing was imported: the file has %(count)d problem, listed above.",
            "Nothing was imported: the file has %(count)d problems, listed above.",
            len(problems),
        )
        % {"count": len(problems)},
    )


@secretariat_required
@require_safe
def exchange_export(request, slug):
    programme = get_object_or_404(Programme, slug=slug)
    text = json.dumps(programme_export(programme=programme), ensure_ascii=False, indent=2)
    response = HttpResponse(text + "\n", content_type="application/json; charset=utf-8")
    filename = f"{programme.slug}-{timezone.now():%Y%m%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
