"""The secretariat's exchange pages: import a programme round from an exchange file and
download any programme's round as one."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe

from exchange.forms import ExchangeUploadForm
from exchange.selectors import programmes_newest_first
from exchange.services import ExchangeError, programme_export, programme_import
from incubator.access import secretariat_required
from incubator.forms.errors import form_errors_add
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
            problems = getattr(error, "messages", None) or [str(error)]
            form_errors_add(form, _problems_listed(problems))
            form_errors_add(form, _nothing_imported(problems), field="file")
        else:
            messages.success(request, " ".join(summary.lines()))
            return redirect("exchange:home")
    return render(
        request,
        "exchange/home.html",
        {"form": form, "programmes": programmes_newest_first()},
        status=400 if form.errors else 200,
    )


def _problems_listed(problems: list[str]) -> ValidationError:
    """Every problem for the error summary, up to a page of them."""
    listed = problems[:PROBLEMS_SHOWN]
    hidden = len(problems) - PROBLEMS_SHOWN
    if hidden > 0:
        listed.append(
            ngettext(
                "… and %(count)d more problem; the import_programme command lists them all.",
                "… and %(count)d more problems; the import_programme command lists them all.",
                hidden,
            )
            % {"count": hidden}
        )
    return ValidationError(listed)


def _nothing_imported(problems: list[str]) -> ValidationError:
    """What the file field says: how many problems there are."""
    return ValidationError(
        ngettext(
            "Nothing was imported: the file has %(count)d problem, listed above.",
            "Nothing was imported: the file has %(count)d problems, listed above.",
            len(problems),
        )
        % {"count": len(problems)}
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
