"""The secretariat on one incubation: its state (one action per change) and its mentor."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from incubation.forms.desk import MentorForm, PauseForm
from incubation.selectors.desk import mentors_to_choose
from incubation.services.workspace import (
    incubation_activate,
    incubation_close,
    incubation_closing_start,
    incubation_pause,
    incubation_resume,
    mentor_attach,
    mentor_detach,
)
from incubation.views.common import page, secretariat_only, workspace_view
from incubator.forms.errors import form_errors_add, refusal_text

MOVES = {
    "activate": (
        incubation_activate,
        gettext_lazy("The work has started. Everyone is told by email."),
    ),
    "resume": (incubation_resume, gettext_lazy("The work resumes. Everyone is told by email.")),
    "closing": (
        incubation_closing_start,
        gettext_lazy("Closing has started: each team is asked by email for its closing report."),
    ),
    "close": (
        incubation_close,
        gettext_lazy("The incubation is closed. It stays readable to its people."),
    ),
}


def _manage_page(request, incubation, *, pause_form=None, mentor_form=None):
    return page(
        request,
        incubation,
        "incubation/manage.html",
        {
            "pause_form": pause_form or PauseForm(),
            "mentor_form": mentor_form or MentorForm(mentors=mentors_to_choose()),
            "form": pause_form if pause_form is not None and pause_form.errors else mentor_form,
        },
        section="manage",
    )


@workspace_view
@secretariat_only
@require_safe
def manage(request, incubation):
    return _manage_page(request, incubation)


@workspace_view
@secretariat_only
@require_POST
def move(request, incubation, action):
    if action == "pause":
        form = PauseForm(request.POST)
        if form.is_valid():
            try:
                incubation_pause(incubation=incubation, by=request.user, **form.cleaned_data)
            except (PermissionDenied, ValidationError) as error:
                form_errors_add(form, error)
            else:
                messages.success(request, _("The work is paused. Everyone is told by email."))
                return redirect("incubation:manage", pk=incubation.pk)
        return _manage_page(request, incubation, pause_form=form)
    if action not in MOVES:
        raise Http404
    service, done = MOVES[action]
    try:
        service(incubation=incubation, by=request.user)
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, done)
    return redirect("incubation:manage", pk=incubation.pk)


@workspace_view
@secretariat_only
@require_POST
def mentor(request, incubation):
    if request.POST.get("detach"):
        try:
            mentor_detach(incubation=incubation, by=request.user)
        except (PermissionDenied, ValidationError) as error:
            messages.error(request, refusal_text(error))
        else:
            messages.success(request, _("The mentor no longer sees this incubation."))
        return redirect("incubation:manage", pk=incubation.pk)
    form = MentorForm(request.POST, mentors=mentors_to_choose())
    if form.is_valid():
        try:
            mentor_attach(
                incubation=incubation, mentor=form.cleaned_data["mentor"], by=request.user
            )
        except (PermissionDenied, ValidationError) as error:
            form_errors_add(form, error)
        else:
            messages.success(
                request,
                _("%(mentor)s is the mentor now. Everyone in the incubation is told by email.")
                % {"mentor": form.cleaned_data["mentor"]},
            )
            return redirect("incubation:manage", pk=incubation.pk)
    return _manage_page(request, incubation, mentor_form=form)
