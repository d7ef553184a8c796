"""The secretariat's side of the review, per call: the phase, the rubric, assignment
(automatic and by hand), the dashboard with its ranking and CSV, one submission with
its reviews and decision, and the release of the decisions. And the reviewer pool."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from incubator.access import secretariat_required
from incubator.models import Call
from reviews import services
from reviews.conflicts import DECLARED, REASONS, conflict_with
from reviews.defaults import default_rows
from reviews.forms import (
    AddReviewerForm,
    DecisionForm,
    ReviewerProfileForm,
    RubricFormSet,
    criterion_initial,
)
from reviews.forms import ReviewPhaseForm as PhaseForm
from reviews.models import Assignment, Conflict, Decision, Score
from reviews.selectors import (
    UNDER_REVIEW,
    criteria_of,
    dashboard_rows,
    declared_conflicts,
    item_of_call,
    items_of_call,
    profile_of,
    reviewer_facts,
    reviewer_in_pool,
    reviewer_loads,
    reviewer_pool,
    reviewer_pool_with_loads,
    submission_answers_for_secretariat,
    weighted_mean,
)
from reviews.spreadsheets import csv_response, utc
from reviews.views.common import message_of, phase_or_none

PAGE_SIZE = 50


def _call(pk: int) -> Call:
    return get_object_or_404(Call.objects.select_related("programme", "review_phase"), pk=pk)


def _report(request, error: Exception) -> None:
    messages.error(request, message_of(error))


# Overview -------------------------------------------------------------------------------


@secretariat_required
@require_safe
def home(request):
    calls = (
        Call.objects.select_related("programme", "review_phase")
        .annotate(
            criteria=Count("review_criteria", distinct=True),
            items=Count("review_items", distinct=True),
            staged=Count(
                "review_items__decision",
                filter=Q(review_items__decision__released_at__isnull=True),
                distinct=True,
            ),
        )
        .order_by("-closes_at", "-pk")
    )
    return render(request, "reviews/secretariat/home.html", {"calls": calls})


# The phase and the rubric ---------------------------------------------------------------


@secretariat_required
def phase(request, call_pk):
    call = _call(call_pk)
    current = phase_or_none(call)
    if current:
        initial = {name: getattr(current, name) for name in services.PHASE_FIELDS}
    else:
        # A suggestion: from the call's deadline (or now), three weeks due, four to close.
        opens = max(call.closes_at, timezone.now()).replace(second=0, microsecond=0)
        initial = {
            "opens_at": opens,
            "due_at": opens + timedelta(days=21),
            "closes_at": opens + timedelta(days=28),
            "reviewers_per_submission": 3,
        }
    form = PhaseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_phase_save(call=call, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
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
                description=form.cleaned_data["description"],
                weight=form.cleaned_data["weight"],
                anchors=form.anchors(),
            )
        )
    return rows, removed


@secretariat_required
def rubric(request, call_pk):
    call = _call(call_pk)
    criteria = criteria_of(call)
    initial = [criterion_initial(c) for c in criteria] if criteria else default_rows()
    formset = RubricFormSet(request.POST or None, initial=initial, prefix="criteria")
    locked = services.rubric_is_locked(call)
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


# The pool -------------------------------------------------------------------------------


@secretariat_required
@require_safe
def pool(request):
    page = Paginator(reviewer_pool_with_loads(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reviews/secretariat/pool.html", {"page": page})


@secretariat_required
def pool_profile(request, user_pk):
    reviewer = reviewer_in_pool(pk=user_pk)
    profile = profile_of(reviewer)
    initial = (
        {
            "themes": list(profile.themes.all()),
            "languages": profile.languages,
            "country": profile.country.code or "",
            "organisation": profile.organisation,
        }
        if profile
        else {}
    )
    form = ReviewerProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.reviewer_profile_save(reviewer=reviewer, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(
                request, _("The profile of %(person)s is saved.") % {"person": reviewer}
            )
            return redirect("reviews:pool")
    return render(request, "reviews/secretariat/profile.html", {"reviewer": reviewer, "form": form})


# Assignment -----------------------------------------------------------------------------


@secretariat_required
def assignments(request, call_pk):
    call = _call(call_pk)
    if request.method == "POST":
        try:
            result = services.assignment_run(call=call, by=request.user)
        except (PermissionDenied, ValidationError) as error:
            _report(request, error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d assignment made.",
                    "%(count)d assignments made.",
                    result.created,
                )
                % {"count": result.created}
                + " "
                + _("Loads now range from %(low)d to %(high)d per reviewer.")
                % {
                    "low": min(result.loads.values(), default=0),
                    "high": max(result.loads.values(), default=0),
                },
            )
            if result.short:
                messages.warning(
                    request,
                    ngettext(
                        "%(count)d submission has fewer reviewers than wanted: not enough "
                        "reviewers without a conflict of interest.",
                        "%(count)d submissions have fewer reviewers than wanted: not enough "
                        "reviewers without a conflict of interest.",
                        len(result.short),
                    )
                    % {"count": len(result.short)},
                )
            if result.removed_for_conflicts:
                messages.warning(
                    request,
                    ngettext(
                        "%(count)d assignment was removed: a conflict of interest arose since.",
                        "%(count)d assignments were removed: conflicts of interest arose since.",
                        result.removed_for_conflicts,
                    )
                    % {"count": result.removed_for_conflicts},
                )
        return redirect("reviews:assignments", call_pk=call.pk)
    items = list(items_of_call(call=call))
    loads = reviewer_loads(call=call)
    pool_rows = [(reviewer, loads.get(reviewer.pk, 0)) for reviewer in reviewer_pool()]
    current = phase_or_none(call)
    wanted = current.reviewers_per_submission if current else 0
    return render(
        request,
        "reviews/secretariat/assignments.html",
        {
            "call": call,
            "phase": current,
            "items": items,
            "wanted": wanted,
            "short": [item for item in items if len(item.assignments.all()) < wanted],
            "pool_rows": pool_rows,
            "conflicts": declared_conflicts(call=call),
            "has_rubric": call.review_criteria.exists(),
        },
    )


# The dashboard and the export -----------------------------------------------------------


@secretariat_required
@require_safe
def dashboard(request, call_pk):
    call = _call(call_pk)
    return render(
        request,
        "reviews/secretariat/dashboard.html",
        {"call": call, "phase": phase_or_none(call), "rows": dashboard_rows(call=call)},
    )


def _number(value) -> str:
    return "" if value is None else f"{value:.2f}"


@secretariat_required
@require_safe
def export(request, call_pk):
    call = _call(call_pk)
    criteria = criteria_of(call)
    rows = dashboard_rows(call=call)

    def header():
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
            *[_("Mean: %(criterion)s") % {"criterion": c.name} for c in criteria],
            _("Staged decision"),
            _("Reason"),
            _("Released at (UTC)"),
        ]

    def lines():
        for row in rows:
            decision = row.decision
            yield [
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

    return csv_response(name=f"reviews-call-{call.pk}", header=header, rows=lines)


# One submission -------------------------------------------------------------------------


def _addable_reviewers(item):
    """Pool members who may still be added: not assigned, not conflicted."""
    assigned = {assignment.reviewer_id for assignment in item.assignments.all()}
    declared = set(Conflict.objects.filter(item=item).values_list("reviewer_id", flat=True))
    reviewers = [r for r in reviewer_pool() if r.pk not in assigned and r.pk not in declared]
    facts = reviewer_facts(reviewers)
    country = item.organisation.country.code
    allowed = [
        r.pk
        for r in reviewers
        if not conflict_with(facts[r.pk], organisation_id=item.organisation_id, country=country)
    ]
    return reviewer_pool().filter(pk__in=allowed)


def _item_page(request, call, item, *, add_form=None, decision_form=None):
    phase = phase_or_none(call)
    criteria = criteria_of(call)
    reviews = (
        Assignment.objects.filter(item=item)
        .select_related("reviewer")
        .prefetch_related(Prefetch("scores", Score.objects.select_related("criterion")))
        .order_by("submitted_at", "pk")
    )
    try:
        decision = item.decision
    except Decision.DoesNotExist:
        decision = None
    if decision_form is None:
        decision_form = DecisionForm(
            initial={"outcome": decision.outcome, "reason": decision.reason} if decision else {}
        )
    add_form = add_form or AddReviewerForm(reviewers=_addable_reviewers(item))
    return render(
        request,
        "reviews/secretariat/item.html",
        {
            "call": call,
            "phase": phase,
            "item": item,
            "submission": item.submission,
            "answers": submission_answers_for_secretariat(submission=item.submission),
            "criteria": criteria,
            "reviews": [
                (
                    review,
                    {score.criterion_id: score for score in review.scores.all()},
                    weighted_mean(review.scores.all()) if review.is_submitted else None,
                )
                for review in reviews
            ],
            "conflicts": Conflict.objects.filter(item=item).select_related("reviewer"),
            "declared": DECLARED,
            "decision": decision,
            "form": decision_form if decision_form.errors else add_form,
            "add_form": add_form,
            "decision_form": decision_form,
            "can_decide": item.submission.status in UNDER_REVIEW
            or (decision is not None and not decision.is_released),
            "reasons": REASONS,
        },
    )


@secretariat_required
@require_safe
def item(request, call_pk, item_pk):
    call = _call(call_pk)
    return _item_page(request, call, item_of_call(call=call, pk=item_pk))


@secretariat_required
@require_POST
def item_act(request, call_pk, item_pk):
    call = _call(call_pk)
    review_item = item_of_call(call=call, pk=item_pk)
    action = request.POST.get("action", "")
    here = redirect("reviews:item", call_pk=call.pk, item_pk=review_item.pk)
    if action == "add":
        form = AddReviewerForm(request.POST, reviewers=_addable_reviewers(review_item))
        if not form.is_valid():
            return _item_page(request, call, review_item, add_form=form)
        try:
            services.assignment_add(
                item=review_item, reviewer=form.cleaned_data["reviewer"], by=request.user
            )
        except ValidationError as error:
            form.add_error("reviewer", error.messages)
            return _item_page(request, call, review_item, add_form=form)
        messages.success(
            request,
            _("%(person)s is added and told by email.") % {"person": form.cleaned_data["reviewer"]},
        )
    elif action == "remove":
        named = request.POST.get("assignment", "")
        assignment = get_object_or_404(
            Assignment.objects.select_related("reviewer"),
            item=review_item,
            pk=int(named) if named.isdigit() else 0,
        )
        services.assignment_remove(assignment=assignment, by=request.user)
        messages.success(
            request,
            _("%(person)s no longer reviews this submission.") % {"person": assignment.reviewer},
        )
    elif action == "stage":
        form = DecisionForm(request.POST)
        if not form.is_valid():
            return _item_page(request, call, review_item, decision_form=form)
        try:
            services.decision_stage(item=review_item, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for name, errors in error.error_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
            return _item_page(request, call, review_item, decision_form=form)
        messages.success(
            request,
            _("The decision is staged. Nobody outside the secretariat sees it until released."),
        )
    elif action == "unstage":
        services.decision_unstage(item=review_item, by=request.user)
        messages.success(request, _("The staged decision is withdrawn."))
    else:
        messages.error(request, _("Choose what to do with this submission."))
    return here


# Decisions ------------------------------------------------------------------------------


@secretariat_required
def decisions(request, call_pk):
    call = _call(call_pk)
    if request.method == "POST":
        try:
            release = services.decisions_release(call=call, by=request.user)
        except (PermissionDenied, ValidationError) as error:
            _report(request, error)
            return redirect("reviews:decisions", call_pk=call.pk)
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
            messages.warning(
                request,
                ngettext(
                    "Nothing was sent: the %(count)d decision of this call was already "
                    "released, and no new one is staged.",
                    "Nothing was sent: the %(count)d decisions of this call were already "
                    "released, and no new one is staged.",
                    release.already_released,
                )
                % {"count": release.already_released}
                if release.already_released
                else _("Nothing was sent: no decision is staged."),
            )
        for problem in release.problems:
            messages.error(request, _("Not released: %(problem)s") % {"problem": problem})
        return redirect("reviews:decisions", call_pk=call.pk)
    rows = [row for row in dashboard_rows(call=call) if row.decision is not None]
    staged = [row for row in rows if not row.decision.is_released]
    return render(
        request,
        "reviews/secretariat/decisions.html",
        {
            "call": call,
            "staged": staged,
            "released": [row for row in rows if row.decision.is_released],
        },
    )
