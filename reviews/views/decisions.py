"""The decisions of a call: those staged and those released. Releasing them all at once
is behind its confirmation page (reviews.views.release)."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from incubator.access import secretariat_required
from reviews.selectors import call_for_review, dashboard_rows


@secretariat_required
@require_safe
def decisions(request, call_pk):
    call = call_for_review(pk=call_pk)
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
