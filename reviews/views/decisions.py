"""The decisions of a call: those staged, those released, and the release of them all
at once."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from incubator.access import secretariat_required
from reviews import services
from reviews.selectors import call_for_review, dashboard_rows
from reviews.views.common import refusal_report


def _nothing_sent(release: services.Release) -> str:
    if not release.already_released:
        return _("Nothing was sent: no decision is staged.")
    return ngettext(
        "Nothing was sent: the %(count)d decision of this call was already "
        "released, and no new one is staged.",
        "Nothing was sent: the %(count)d decisions of this call were already "
        "released, and no new one is staged.",
        release.already_released,
    ) % {"count": release.already_released}


def _release(request, call) -> None:
    try:
        release = services.decisions_release(call=call, by=request.user)
    except (PermissionDenied, ValidationError) as error:
        refusal_report(request, error)
        return
    if release.released:
        messages.success(
            request,
            ngettext(
                "%(count)d decision released. The team is told by email.",
                "%(count)d decisions released. Each team is told by email.",
                release.released,
            )
            % {"count": release.released},
        )
    elif not release.problems:
        messages.warning(request, _nothing_sent(release))
    for problem in release.problems:
        messages.error(request, _("Not released: %(problem)s") % {"problem": problem})


@secretariat_required
def decisions(request, call_pk):
    call = call_for_review(pk=call_pk)
    if request.method == "POST":
        _release(request, call)
        return redirect("reviews:decisions", call_pk=call.pk)
    rows = [row for row in dashboard_rows(call=call) if row.decision is not None]
    return render(
        request,
        "reviews/secretariat/decisions.html",
        {
            "call": call,
            "staged": [row for row in rows if not row.decision.is_released],
            "released": [row for row in rows if row.decision.is_released],
        },
    )
