"""One submission under review, for the secretariat: its reviews, reviewers added or
removed by hand, declared conflicts, and the decision staged on it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from incubator.access import secretariat_required
from incubator.audience import Audience, told
from incubator.forms.errors import form_errors_add
from incubator.views.confirmation import form_receiver
from reviews import services
from reviews.conflicts import DECLARED, REASONS
from reviews.forms import AddReviewerForm, DecisionForm
from reviews.selectors import (
    UNDER_REVIEW,
    addable_reviewers,
    call_for_review,
    conflicts_of_item,
    criteria_of,
    decision_of,
    item_of_call,
    phase_or_none,
    reviews_of_item,
    submission_answers_for_secretariat,
    weighted_mean,
)


def _reviews(item) -> list[tuple]:
    """Each review with its scores by criterion and, once submitted, its weighted mean."""
    return [
        (
            review,
            {score.criterion_id: score for score in review.scores.all()},
            weighted_mean(review.scores.all()) if review.is_submitted else None,
        )
        for review in reviews_of_item(item=item)
    ]


def _item_page(request, call, item, *, add_form=None, decision_form=None):
    decision = decision_of(item=item)
    if decision_form is None:
        decision_form = DecisionForm(
            initial={"outcome": decision.outcome, "reason": decision.reason} if decision else {}
        )
    add_form = add_form or AddReviewerForm(reviewers=addable_reviewers(item=item))
    return render(
        request,
        "reviews/secretariat/item.html",
        {
            "call": call,
            "phase": phase_or_none(call=call),
            "item": item,
            "submission": item.submission,
            "answers": submission_answers_for_secretariat(submission=item.submission),
            "criteria": criteria_of(call=call),
            "reviews": _reviews(item),
            "conflicts": conflicts_of_item(item=item),
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
    call = call_for_review(pk=call_pk)
    return _item_page(request, call, item_of_call(call=call, pk=item_pk))


def _add(request, call, item):
    form = AddReviewerForm(request.POST, reviewers=addable_reviewers(item=item))
    if not form.is_valid():
        return _item_page(request, call, item, add_form=form)
    reviewer = form.cleaned_data["reviewer"]
    assigned = Audience()
    try:
        services.assignment_add(item=item, reviewer=reviewer, by=request.user, told=assigned)
    except ValidationError as error:
        form_errors_add(form, error, field="reviewer")
        return _item_page(request, call, item, add_form=form)
    added = _("%(person)s is added.") % {"person": reviewer}
    messages.success(request, f"{added} {told(assigned)}")
    return None


def _stage(request, call, item):
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _item_page(request, call, item, decision_form=form)
    try:
        services.decision_stage(item=item, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        form_errors_add(form, error)
        return _item_page(request, call, item, decision_form=form)
    messages.success(
        request,
        _("The decision is staged. Nobody outside the secretariat sees it until released."),
    )
    return None


def _unstage(request, call, item):
    services.decision_unstage(item=item, by=request.user)
    messages.success(request, _("The staged decision is withdrawn."))


ACTIONS = {"add": _add, "stage": _stage, "unstage": _unstage}


@secretariat_required
@form_receiver("reviews:item", call_pk="call_pk", item_pk="item_pk")
def item_act(request, call_pk, item_pk):
    """One of the buttons of the page: a form that is refused shows the page again with
    its errors; anything else goes back to the page with a message."""
    call = call_for_review(pk=call_pk)
    review_item = item_of_call(call=call, pk=item_pk)
    act = ACTIONS.get(request.POST.get("action", ""))
    if act is None:
        messages.error(request, _("Choose what to do with this submission."))
    elif (refused := act(request, call, review_item)) is not None:
        return refused
    return redirect("reviews:item", call_pk=call.pk, item_pk=review_item.pk)
