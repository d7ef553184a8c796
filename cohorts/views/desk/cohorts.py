"""The secretariat's cohorts: creating one, its teams, its sessions, the feedback on them,
and resources shared in the secretariat's name."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from cohorts.forms import CohortForm, EnrolForm, ResourceForm
from cohorts.selectors import (
    cohort_for_desk,
    cohorts_for_desk,
    enrolled_teams,
    feedback_by_theme,
    sessions_of_cohort,
)
from cohorts.services import cohort_create, cohort_enrol, resource_share
from incubator.access import secretariat_required
from incubator.forms.errors import NOT_DONE, form_act, form_errors_add
from incubator.views.confirmation import form_receiver


@secretariat_required
def cohort_desk(request):
    form = CohortForm(request.POST or None)
    cohort = form_act(request, form, partial(cohort_create, by=request.user))
    if cohort is not NOT_DONE:
        messages.success(request, _("The cohort “%(name)s” is created.") % {"name": cohort})
        return redirect("cohorts:desk_cohort", pk=cohort.pk)
    return render(
        request,
        "cohorts/desk/cohorts.html",
        {"cohorts": cohorts_for_desk(), "form": form},
        status=400 if form.errors else 200,
    )


def _cohort_page(request, cohort, *, enrol_form=None, status=200):
    return render(
        request,
        "cohorts/desk/cohort.html",
        {
            "cohort": cohort,
            "teams": enrolled_teams(cohort=cohort),
            "sessions": sessions_of_cohort(cohort=cohort),
            "form": enrol_form or EnrolForm(cohort=cohort),
            "now": timezone.now(),
        },
        status=status,
    )


@secretariat_required
@require_safe
def cohort_detail(request, pk):
    return _cohort_page(request, cohort_for_desk(pk=pk))


@secretariat_required
@form_receiver("cohorts:desk_cohort", pk="pk")
def cohort_enrol_teams(request, pk):
    cohort = cohort_for_desk(pk=pk)
    form = EnrolForm(request.POST, cohort=cohort)
    if not form.is_valid():
        return _cohort_page(request, cohort, enrol_form=form, status=400)
    added = cohort_enrol(
        cohort=cohort, organisations=form.cleaned_data["organisations"], by=request.user
    )
    messages.success(request, _("%(count)d team(s) enrolled.") % {"count": added})
    return redirect("cohorts:desk_cohort", pk=cohort.pk)


@secretariat_required
@require_safe
def cohort_feedback(request, pk):
    cohort = cohort_for_desk(pk=pk)
    return render(
        request,
        "cohorts/desk/feedback.html",
        {
            "cohort": cohort,
            "themes": feedback_by_theme(cohort=cohort),
            "sessions": [s for s in sessions_of_cohort(cohort=cohort) if s.feedback_count],
        },
    )


@secretariat_required
def cohort_resource_new(request, pk):
    cohort = cohort_for_desk(pk=pk)
    form = ResourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            resource_share(
                cohort=cohort,
                by=request.user,
                title=data["title"],
                description=data["description"],
                themes=data["themes"],
                url=data["url"],
                upload=data["file"],
            )
        except ValidationError as error:
            form_errors_add(form, error)
        else:
            messages.success(request, _("“%(title)s” is shared.") % {"title": data["title"]})
            return redirect("cohorts:desk_cohort", pk=cohort.pk)
    return render(
        request,
        "cohorts/resources/form.html",
        {"form": form, "cohort": cohort},
        status=400 if form.errors else 200,
    )
