"""The secretariat on one incubation: its state (one action per change) and its mentor.
Pausing, resuming and starting act on their button: they can be changed back. Starting
closing and closing cannot, and ask first on their confirmation page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from incubation.forms.desk import MentorForm, PauseForm
from incubation.models import IncubationState
from incubation.selectors.desk import mentors_to_choose
from incubation.selectors.people import audience_of
from incubation.services.workspace import (
    incubation_activate,
    incubation_close,
    incubation_closing_start,
    incubation_pause,
    incubation_resume,
    mentor_attach,
    mentor_detach,
)
from incubation.views.common import WorkspaceAction, page, secretariat_only, workspace_view
from incubator.audience import Audience, told
from incubator.forms.errors import form_errors_add, refusal_text
from incubator.views.confirmation import Confirmation, form_receiver

S = IncubationState
MOVES = {
    "activate": (incubation_activate, gettext_lazy("The work has started.")),
    "resume": (incubation_resume, gettext_lazy("The work resumes.")),
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


def _pause(request, incubation):
    form = PauseForm(request.POST)
    if form.is_valid():
        audience = Audience()
        try:
            incubation_pause(
                incubation=incubation, by=request.user, told=audience, **form.cleaned_data
            )
        except (PermissionDenied, ValidationError) as error:
            form_errors_add(form, error)
        else:
            messages.success(request, f"{_('The work is paused.')} {told(audience)}")
            return redirect("incubation:manage", pk=incubation.pk)
    return _manage_page(request, incubation, pause_form=form)


@form_receiver("incubation:manage", pk="pk")
@workspace_view
@secretariat_only
def move(request, incubation, action):
    if action == "pause":
        return _pause(request, incubation)
    if action not in MOVES:
        raise Http404
    service, done = MOVES[action]
    audience = Audience()
    try:
        service(incubation=incubation, by=request.user, told=audience)
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, f"{done} {told(audience)}")
    return redirect("incubation:manage", pk=incubation.pk)


class _Ending(WorkspaceAction):
    """Starting closing, and closing: each cannot be undone and tells everyone."""

    only = staticmethod(secretariat_only)
    service = staticmethod(lambda **kwargs: None)
    before: tuple = ()  # the states it can come from
    question = button = done = refused = ""
    effects: tuple = ()

    def back(self) -> str:
        return reverse("incubation:manage", kwargs={"pk": self.incubation.pk})

    def confirmation(self) -> Confirmation:
        incubation = self.incubation
        possible = incubation.state in self.before
        return Confirmation(
            title=str(self.question) % {"title": incubation.challenge.title},
            button=str(self.button),
            back_url=self.back(),
            subjects=[
                _("The incubation is %(state)s.")
                % {"state": str(incubation.get_state_display()).lower()}
            ],
            will_happen=[str(line) for line in self.effects],
            audience=audience_of(incubation) if possible else None,
            not_ready=[] if possible else [str(self.refused)],
            possible=possible,
        )

    def act(self):
        audience = Audience()
        try:
            self.service(incubation=self.incubation, by=self.request.user, told=audience)
        except (PermissionDenied, ValidationError) as error:
            messages.error(self.request, refusal_text(error))
        else:
            messages.success(self.request, f"{self.done} {told(audience)}")
        return redirect(self.back())


class ClosingStart(_Ending):
    service = staticmethod(incubation_closing_start)
    before = (S.STARTING, S.ACTIVE, S.PAUSED)
    question = gettext_lazy("Start closing “%(title)s”?")
    button = gettext_lazy("Start closing")
    done = gettext_lazy("Closing has started: each team is asked for its closing report.")
    refused = gettext_lazy("Closing has started already, or the incubation is closed.")
    effects = (
        gettext_lazy("The work stops: the incubation cannot be paused or resumed any more."),
        gettext_lazy("Each team is asked by email to write its closing report."),
        gettext_lazy("This cannot be undone."),
    )


class IncubationClose(_Ending):
    service = staticmethod(incubation_close)
    before = (S.CLOSING,)
    question = gettext_lazy("Close “%(title)s”?")
    button = gettext_lazy("Close the incubation")
    done = gettext_lazy("The incubation is closed. It stays readable to its people.")
    refused = gettext_lazy("Only an incubation whose closing has started can be closed.")
    effects = (
        gettext_lazy(
            "After this nothing in the incubation can be changed: no message, no "
            "meeting, no report."
        ),
        gettext_lazy("It stays readable to its teams, its mentor and the secretariat."),
        gettext_lazy("This cannot be undone."),
    )


@form_receiver("incubation:manage", pk="pk")
@workspace_view
@secretariat_only
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
        audience = Audience()
        try:
            mentor_attach(
                incubation=incubation,
                mentor=form.cleaned_data["mentor"],
                by=request.user,
                told=audience,
            )
        except (PermissionDenied, ValidationError) as error:
            form_errors_add(form, error)
        else:
            done = _("%(mentor)s is the mentor now.") % {"mentor": form.cleaned_data["mentor"]}
            messages.success(request, f"{done} {told(audience)}")
            return redirect("incubation:manage", pk=incubation.pk)
    return _manage_page(request, incubation, mentor_form=form)
