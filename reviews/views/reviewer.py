"""The reviewer's desk: my assignments and progress, the scoring form with draft and
submit, declining for a conflict of interest, and my reviews as a spreadsheet. Nothing
else: a reviewer reaches only what is assigned to them, and in an anonymised phase
never the applicant team's name or country."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from incubator.forms.errors import form_errors_add
from incubator.views.confirmation import confirmation_page, is_confirmed
from reviews.access import assignment_of_reviewer, may_see_other_reviews, reviewer_required
from reviews.forms import ConflictForm, ReviewForm
from reviews.selectors import (
    UNDER_REVIEW,
    criteria_of,
    other_reviews,
    phase_or_none,
    reviewer_desk,
    reviews_of_reviewer,
    scores_of,
    submission_answers,
    weighted_mean,
)
from reviews.services import conflict_declare, review_save
from reviews.spreadsheets import csv_response, utc
from reviews.views.submitting import submit_confirmation


@reviewer_required
@require_safe
def desk(request):
    return render(
        request,
        "reviews/reviewer/desk.html",
        {"desk": reviewer_desk(user=request.user), "under_review": UNDER_REVIEW},
    )


def _answers_for(form: ReviewForm, scores) -> dict:
    initial = {}
    for criterion in form.criteria:
        score = scores.get(criterion.pk)
        if score is not None:
            initial[f"score_{criterion.pk}"] = score.score
            initial[f"comment_{criterion.pk}"] = score.comment
    return initial


def _review_page(request, assignment, *, form=None, status=200):
    item = assignment.item
    phase = phase_or_none(call=item.call)
    criteria = criteria_of(call=item.call)
    scores = scores_of(assignment=assignment)
    if form is None:
        form = ReviewForm(criteria=criteria)
        form.initial = _answers_for(form, scores)
    editable = not assignment.is_submitted and phase is not None and phase.is_open
    editable = editable and item.submission.status in UNDER_REVIEW
    show_others = may_see_other_reviews(assignment=assignment, phase=phase)
    return render(
        request,
        "reviews/reviewer/review.html",
        {
            "assignment": assignment,
            "item": item,
            "submission": item.submission,
            "phase": phase,
            "anonymised": phase is None or phase.anonymised,
            "answers": submission_answers(
                submission=item.submission, anonymised=phase is None or phase.anonymised
            ),
            "form": form,
            "summary_forms": [form],
            "show_form": editable or bool(form.errors),
            "my_scores": [(criterion, scores.get(criterion.pk)) for criterion in criteria],
            "others": other_reviews(assignment=assignment) if show_others else None,
            "under_review": item.submission.status in UNDER_REVIEW,
        },
        status=status,
    )


@reviewer_required
def review(request, pk):
    assignment = assignment_of_reviewer(user=request.user, pk=pk)
    if request.method != "POST":
        return _review_page(request, assignment)
    submitting = "submit" in request.POST
    form = ReviewForm(
        request.POST, criteria=criteria_of(call=assignment.item.call), submitting=submitting
    )
    if not form.is_valid():
        return _review_page(request, assignment, form=form)
    confirmed = is_confirmed(request)
    try:
        # Asked to submit, the draft is kept first: going back from the question loses nothing.
        review_save(
            assignment=assignment,
            by=request.user,
            answers=form.answers(),
            submit=submitting and confirmed,
        )
    except ValidationError as error:
        form_errors_add(form, error)
        return _review_page(request, assignment, form=form)
    if submitting and not confirmed:
        return confirmation_page(request, submit_confirmation(request, assignment, form))
    if submitting:
        messages.success(
            request,
            _("Your review of “%(title)s” is submitted. Thank you.")
            % {"title": assignment.item.submission},
        )
        return redirect("reviews:desk")
    messages.success(request, _("Your draft is saved. Come back to finish it."))
    return redirect("reviews:assignment", pk=assignment.pk)


@reviewer_required
def declare_conflict(request, pk):
    assignment = assignment_of_reviewer(user=request.user, pk=pk)
    form = ConflictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            conflict_declare(assignment=assignment, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_errors_add(form, error)
        else:
            messages.success(
                request,
                _(
                    "Your conflict of interest is recorded and the assignment is removed. "
                    "The secretariat will ask another reviewer."
                ),
            )
            return redirect("reviews:desk")
    return render(
        request,
        "reviews/reviewer/conflict.html",
        {"assignment": assignment, "submission": assignment.item.submission, "form": form},
    )


def _review_state(assignment) -> str:
    if assignment.is_submitted:
        return _("Submitted")
    return _("Draft saved") if assignment.draft_saved_at else _("Not started")


def _my_row(assignment) -> list:
    item = assignment.item
    phase = phase_or_none(call=item.call)
    hidden = phase is None or phase.anonymised
    scores = [score for score in assignment.scores.all() if score.score is not None]
    return [
        item.call.title_shown,
        item.submission,
        "" if hidden else item.organisation.name,
        "" if hidden else item.organisation.country.name,
        _review_state(assignment),
        utc(assignment.submitted_at),
        f"{weighted_mean(scores):.2f}" if assignment.is_submitted and scores else "",
        "; ".join(f"{score.criterion.name_shown}: {score.score}" for score in scores),
        "; ".join(
            f"{score.criterion.name_shown}: {score.comment}"
            for score in assignment.scores.all()
            if score.comment
        ),
    ]


@reviewer_required
@require_safe
def export_mine(request):
    """My assignments and my scores; in an anonymised phase, without team or country."""
    assignments = reviews_of_reviewer(user=request.user)
    return csv_response(
        name="my-reviews",
        header=lambda: [
            _("Call"),
            _("Submission"),
            _("Team"),
            _("Country"),
            _("Review"),
            _("Submitted at (UTC)"),
            _("Weighted mean"),
            _("Scores"),
            _("Comments"),
        ],
        rows=lambda: (_my_row(assignment) for assignment in assignments),
    )
