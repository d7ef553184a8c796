"""The dashboard of a call: every submission ranked with its numbers, and the same as a
spreadsheet."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from incubator.access import secretariat_required
from reviews.selectors import (
    call_for_review,
    criteria_of,
    dashboard_page,
    dashboard_rows,
    phase_or_none,
)
from reviews.spreadsheets import csv_response, utc


@secretariat_required
@require_safe
def dashboard(request, call_pk):
    call = call_for_review(pk=call_pk)
    return render(
        request,
        "reviews/secretariat/dashboard.html",
        {
            "call": call,
            "phase": phase_or_none(call=call),
            "page": dashboard_page(call=call, page_number=request.GET.get("page")),
        },
    )


def _number(value) -> str:
    return "" if value is None else f"{value:.2f}"


def _header(criteria) -> list[str]:
    return [
        _("Rank"),
        _("ID"),
        _("Submission"),
        _("Team"),
        _("Country"),
        _("State"),
        _("Reviews done"),
        _("Reviewers assigned"),
        _("Weighted mean"),
        _("Median"),
        _("Spread (highest minus lowest)"),
        *[_("Mean: %(criterion)s") % {"criterion": c.name_shown} for c in criteria],
        _("Staged decision"),
        _("Reason"),
        _("Released at (UTC)"),
    ]


def _line(row, criteria) -> list:
    decision = row.decision
    return [
        row.rank or "",
        row.item.object_id,
        row.submission,
        row.item.organisation.name,
        row.item.organisation.country.name,
        row.submission.get_status_display(),
        row.done,
        row.assigned,
        _number(row.mean),
        _number(row.median),
        _number(row.spread),
        *[_number(row.criterion_means.get(c.pk)) for c in criteria],
        decision.get_outcome_display() if decision else "",
        decision.reason if decision else "",
        utc(decision.released_at) if decision else "",
    ]


@secretariat_required
@require_safe
def export(request, call_pk):
    call = call_for_review(pk=call_pk)
    criteria = criteria_of(call=call)
    rows = dashboard_rows(call=call)
    return csv_response(
        name=f"reviews-call-{call.pk}",
        header=lambda: _header(criteria),
        rows=lambda: (_line(row, criteria) for row in rows),
    )
