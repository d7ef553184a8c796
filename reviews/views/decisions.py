"""The decisions of a call: those staged and those released, a page of each. Releasing
them all at once is behind its confirmation page (reviews.views.release)."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from incubator.access import secretariat_required
from reviews.selectors import call_for_review, decisions_page


@secretariat_required
@require_safe
def decisions(request, call_pk):
    call = call_for_review(pk=call_pk)
    found = decisions_page(
        call=call,
        staged_page=request.GET.get("staged"),
        released_page=request.GET.get("released"),
    )
    return render(
        request,
        "reviews/secretariat/decisions.html",
        {"call": call, "staged": found.staged, "released": found.released},
    )
