"""The assignments page of a call: who reviews which submission, the loads, declared
conflicts, and the button that assigns automatically."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from incubator.access import secretariat_required
from incubator.audience import told
from reviews import services
from reviews.kinds import reviewed_kind
from reviews.selectors import (
    assignment_overview,
    call_for_review,
    submissions_waiting_for_screening,
)
from reviews.views.common import refusal_report
from submissions.models import SubmissionState


def _made(result: services.AssignmentResult) -> str:
    made = ngettext("%(count)d assignment made.", "%(count)d assignments made.", result.created) % {
        "count": result.created
    }
    loads = _("Loads now range from %(low)d to %(high)d per reviewer.") % {
        "low": min(result.loads.values(), default=0),
        "high": max(result.loads.values(), default=0),
    }
    return f"{made} {loads} {told(result.told)}"


def _left_out(result: services.AssignmentResult) -> str | None:
    """Which challenges were not taken, and why: they have not been screened in yet."""
    waiting = result.waiting_for_screening
    count = sum(waiting.values())
    if not count:
        return None
    states = ", ".join(
        f"{number} {SubmissionState(state).label.lower()}" for state, number in waiting.items()
    )
    return ngettext(
        "%(count)d challenge was left out: not screened in yet (%(states)s). Move it to "
        "review on the screening desk first.",
        "%(count)d challenges were left out: not screened in yet (%(states)s). Move them to "
        "review on the screening desk first.",
        count,
    ) % {"count": count, "states": states}


def _warnings(result: services.AssignmentResult) -> list[str]:
    warnings = []
    if result.short:
        warnings.append(
            ngettext(
                "%(count)d submission has fewer reviewers than wanted: not enough "
                "reviewers without a conflict of interest.",
                "%(count)d submissions have fewer reviewers than wanted: not enough "
                "reviewers without a conflict of interest.",
                len(result.short),
            )
            % {"count": len(result.short)}
        )
    if result.removed_for_conflicts:
        warnings.append(
            ngettext(
                "%(count)d assignment was removed: a conflict of interest arose since.",
                "%(count)d assignments were removed: conflicts of interest arose since.",
                result.removed_for_conflicts,
            )
            % {"count": result.removed_for_conflicts}
        )
    return warnings


def _assign_automatically(request, call) -> None:
    try:
        result = services.assignment_run(call=call, by=request.user)
    except (PermissionDenied, ValidationError) as error:
        refusal_report(request, error)
        return
    messages.success(request, _made(result))
    for warning in [*_warnings(result), _left_out(result)]:
        if warning:
            messages.warning(request, warning)


@secretariat_required
def assignments(request, call_pk):
    call = call_for_review(pk=call_pk)
    if request.method == "POST":
        _assign_automatically(request, call)
        return redirect("reviews:assignments", call_pk=call.pk)
    overview = assignment_overview(call=call, page_number=request.GET.get("page"))
    waiting = submissions_waiting_for_screening(call=call)
    return render(
        request,
        "reviews/secretariat/assignments.html",
        {
            "call": call,
            "screened_in_only": bool(reviewed_kind(call).waiting_for_screening),
            "waiting": sum(waiting.values()),
            **vars(overview),
        },
    )
