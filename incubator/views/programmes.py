"""The secretariat's programmes and calls on portal pages: listed with their state, made
and changed with their dates in order, and a call closed early after a confirmation."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from incubator.access import secretariat_required
from incubator.forms.errors import form_errors_add, refusal_text
from incubator.forms.programmes import CallForm, ProgrammeForm
from incubator.models import Call
from incubator.models.programmes import WindowState
from incubator.selectors.programmes import call_for_desk, programme_by_slug, programmes_for_desk
from incubator.services.programmes import call_close, call_save, programme_save
from incubator.times import in_zone
from incubator.views.confirmation import Confirmation, ConfirmedAction, SecretariatOnly


@secretariat_required
@require_safe
def programmes(request):
    return render(request, "programmes/list.html", {"programmes": programmes_for_desk()})


def _programme_form_page(request, form, programme=None):
    if request.method == "POST" and form.is_valid():
        try:
            saved = programme_save(programme=form.instance, by=request.user)
        except (PermissionDenied, ValidationError) as error:
            form_errors_add(form, error)
        else:
            done = _("“%(name)s” is saved.") % {"name": saved.name}
            messages.success(request, done)
            return redirect("incubator:programmes")
    return render(request, "programmes/programme_form.html", {"form": form, "programme": programme})


@secretariat_required
def programme_new(request):
    return _programme_form_page(request, ProgrammeForm(request.POST or None))


@secretariat_required
def programme_edit(request, slug):
    programme = programme_by_slug(slug=slug)
    form = ProgrammeForm(request.POST or None, instance=programme)
    return _programme_form_page(request, form, programme)


def _call_form_page(request, form, programme, call=None):
    if request.method == "POST" and form.is_valid():
        try:
            saved = call_save(call=form.instance, by=request.user)
        except (PermissionDenied, ValidationError) as error:
            form_errors_add(form, error)
        else:
            messages.success(request, _("“%(title)s” is saved.") % {"title": saved.title})
            return redirect("incubator:programmes")
    context = {"form": form, "programme": programme, "call": call}
    return render(request, "programmes/call_form.html", context)


@secretariat_required
def call_new(request, slug):
    programme = programme_by_slug(slug=slug)
    form = CallForm(
        request.POST or None,
        instance=Call(programme=programme),
        initial={"deadline_time_zone": request.user.time_zone},
    )
    return _call_form_page(request, form, programme)


@secretariat_required
def call_edit(request, pk):
    call = call_for_desk(pk=pk)
    form = CallForm(request.POST or None, instance=call)
    return _call_form_page(request, form, call.programme, call)


class CallClose(SecretariatOnly, ConfirmedAction):
    """Closing a call early: its deadline becomes now, and it cannot reopen by itself."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.call = call_for_desk(pk=kwargs["pk"])

    def confirmation(self) -> Confirmation:
        call = self.call
        deadline = in_zone(call.closes_at, call.deadline_time_zone)
        possible = call.state == WindowState.OPEN
        return Confirmation(
            title=_("Close “%(title)s” now?") % {"title": call.title},
            button=_("Close the call now"),
            back_url=reverse("incubator:programmes"),
            will_happen=[
                _("The deadline becomes now instead of %(deadline)s.") % {"deadline": deadline},
                _(
                    "Teams can no longer submit: drafts stay drafts. Submitted answers can "
                    "no longer be changed."
                ),
            ],
            not_ready=[] if possible else [_("Only an open call can be closed early.")],
            possible=possible,
        )

    def act(self):
        try:
            call_close(call=self.call, by=self.request.user)
        except (PermissionDenied, ValidationError) as error:
            messages.error(self.request, refusal_text(error))
        else:
            messages.success(
                self.request,
                _("“%(title)s” is closed: its deadline is now %(deadline)s.")
                % {
                    "title": self.call.title,
                    "deadline": in_zone(self.call.closes_at, self.call.deadline_time_zone),
                },
            )
        return redirect("incubator:programmes")
