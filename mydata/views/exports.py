"""The "Your own data" page: ask for a copy, watch it being prepared, download it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from incubator.downloads import file_download
from incubator.views.confirmation import form_receiver
from mydata.models import DataExport, ExportStatus
from mydata.selectors.exports import export_latest, export_of_owner
from mydata.services.exports import export_request


def _state(export: DataExport) -> dict:
    """What the page says of an export, also sent to the page's script as it polls."""
    if export.is_downloadable:
        label = _("Your copy is ready. The link works until %(when)s.") % {
            "when": formats.date_format(timezone.localtime(export.expires_at), "DATETIME_FORMAT")
        }
    elif export.is_under_way:
        label = _("Your copy is being prepared: %(percent)d%% done.") % {"percent": export.progress}
    elif export.status == ExportStatus.FAILED:
        label = _("Your copy could not be prepared. Ask for a new one.")
    else:
        label = _("Your last copy has expired. Ask for a new one.")
    return {
        "status": export.status,
        "progress": export.progress,
        "label": label,
        "under_way": export.is_under_way,
        "download_url": (
            reverse("mydata:export_download", args=[export.pk]) if export.is_downloadable else ""
        ),
    }


@login_required
def home(request):
    export = export_latest(user=request.user)
    return render(
        request,
        "mydata/home.html",
        {"export": export, "state": _state(export) if export else None},
    )


@login_required
@form_receiver("mydata:home")
def export_start(request):
    # The page itself says how far the copy is: with an eager worker it is already done.
    export_request(by=request.user)
    return redirect("mydata:home")


@login_required
def export_status(request, pk: int):
    return JsonResponse(_state(export_of_owner(user=request.user, pk=pk)))


@login_required
def export_download(request, pk: int):
    export = export_of_owner(user=request.user, pk=pk)
    if not export.is_downloadable:
        messages.warning(request, _state(export)["label"])
        return redirect("mydata:home")
    response = file_download(export.file, filename=export.file.name.rsplit("/", 1)[-1])
    response["Content-Type"] = "application/json"
    response["Cache-Control"] = "private, no-store"
    return response
