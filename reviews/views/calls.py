"""The secretariat's overview of the calls under review, and the set-up of one call:
its review phase and its rubric."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from incubator.access import secretariat_required
from incubator.forms.errors import form_errors_add
from reviews import services
from reviews.defaults import default_rows
from reviews.forms import ReviewPhaseForm, RubricFormSet, criterion_initial
from reviews.selectors import (
    call_for_review,
    calls_for_review,
    criteria_of,
    phase_or_none,
    rubric_is_locked,
)


@secretariat_required
@require_safe
def home(request):
    return render(request, "reviews/secretariat/home.html", {"calls": calls_for_review()})


def _suggested_phase(call) -> dict:
    """A suggestion: from the call's deadline (or now), three weeks due, four to close;
    to the next whole minute, never before the deadline."""
    start = max(call.closes_at, timezone.now())
    opens = start.replace(second=0, microsecond=0)
    if opens < start:
        opens += timedelta(minutes=1)
    return {
        "opens_at": opens,
        "due_at": opens + timedelta(days=21),
        "closes_at": opens + timedelta(days=28),
        "reviewers_per_submission": 3,
    }


@secretariat_required
def phase(request, call_pk):
    call = call_for_review(pk=call_pk)
    current = phase_or_none(call=call)
    if current:
        initial = {name: getattr(current, name) for name in services.PHASE_FIELDS}
    else:
        initial = _suggested_phase(call)
    form = ReviewPhaseForm(request.POST or None, initial=initial, call=call)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.PHASE_FIELDS}
        try:
            services.review_phase_save(call=call, by=request.user, **fields)
        except ValidationError as error:
            form_errors_add(form, error)
        else:
            messages.success(request, _("The review phase is saved."))
            return redirect("reviews:call", call_pk=call.pk)
    return render(
        request, "reviews/secretariat/phase.html", {"call": call, "form": form, "phase": current}
    )


def _rows_of(formset) -> tuple[list[services.CriterionRow], list[int]]:
    rows, removed = [], []
    for form in formset.forms:
        if not form.has_changed() and not form.initial:
            continue
        pk = form.cleaned_data.get("id")
        if form.cleaned_data.get("DELETE"):
            if pk:
                removed.append(pk)
            continue
        rows.append(
            services.CriterionRow(
                pk=pk,
                name=form.cleaned_data["name"],
                name_fr=form.cleaned_data["name_fr"],
                description=form.cleaned_data["description"],
                description_fr=form.cleaned_data["description_fr"],
                weight=form.cleaned_data["weight"],
                anchors=form.anchors(),
                anchors_fr=form.anchors_fr(),
            )
        )
    return rows, removed


@secretariat_required
def rubric(request, call_pk):
    call = call_for_review(pk=call_pk)
    criteria = criteria_of(call=call)
    initial = [criterion_initial(c) for c in criteria] if criteria else default_rows()
    formset = RubricFormSet(request.POST or None, initial=initial, prefix="criteria")
    locked = rubric_is_locked(call=call)
    refused = []  # what the service refused, shown with the formset's own errors
    if request.method == "POST" and not locked and formset.is_valid():
        rows, removed = _rows_of(formset)
        try:
            services.rubric_save(call=call, by=request.user, rows=rows, removed=removed)
        except ValidationError as error:
            refused = error.messages
        else:
            messages.success(request, _("The rubric is saved."))
            return redirect("reviews:rubric", call_pk=call.pk)
    non_form_errors = [*formset.non_form_errors(), *refused] if formset.is_bound else []
    has_errors = bool(non_form_errors) or (
        formset.is_bound and any(form.errors for form in formset.forms)
    )
    return render(
        request,
        "reviews/secretariat/rubric.html",
        {
            "call": call,
            "formset": formset,
            "has_errors": has_errors,
            "non_form_errors": non_form_errors,
            "locked": locked,
            "criteria": criteria,
            "is_default": not criteria,
        },
    )
