"""One session on the secretariat's desk: who is registered and waiting, attendance, the
recording and slides after it, its feedback, and cancelling it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from cohorts.forms import AttendanceForm, CancelSessionForm, MaterialForm
from cohorts.models import RegistrationStatus
from cohorts.selectors import (
    feedback_of_session,
    registered_or_waiting,
    registered_people,
    registrations_for_desk,
    session_for_desk,
)
from cohorts.services import attendance_record, session_cancel, session_material_save
from incubator.access import secretariat_required
from incubator.audience import Audience, told
from incubator.forms.errors import form_errors_add, refusal_text
from incubator.views.confirmation import (
    Confirmation,
    ConfirmedAction,
    SecretariatOnly,
    confirmation_page,
    form_receiver,
    is_confirmed,
)


def _session_page(request, session, *, cancel_form=None, material_form=None, status=200):
    registrations = list(registrations_for_desk(session=session))
    registered = [r for r in registrations if r.status == RegistrationStatus.REGISTERED]
    waiting = [r for r in registrations if r.status == RegistrationStatus.WAITLISTED]
    feedback = list(feedback_of_session(session=session))
    now = timezone.now()
    return render(
        request,
        "cohorts/desk/session.html",
        {
            "session": session,
            "registered": registered,
            "waiting": waiting,
            "attendance_form": AttendanceForm(registrations=registered),
            "cancel_form": cancel_form or CancelSessionForm(),
            "material_form": material_form
            or MaterialForm(initial={"recording_url": session.recording_url}),
            # ``form`` is the one whose errors the page title and the summary announce.
            "form": next(
                (f for f in (cancel_form, material_form) if f is not None and f.errors), None
            ),
            "feedback": feedback,
            "average": sum(f.rating for f in feedback) / len(feedback) if feedback else None,
            "started": session.has_started(now),
            "ended": session.has_ended(now),
        },
        status=status,
    )


@secretariat_required
@require_safe
def session_desk(request, pk):
    return _session_page(request, session_for_desk(pk=pk))


class SessionCancel(SecretariatOnly, ConfirmedAction):
    """Cancelling tells everyone registered or waiting and cannot be undone: the page
    asks for the reason and says who will be told."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.session = session_for_desk(pk=kwargs["pk"])
        self.form = CancelSessionForm(request.POST if request.method == "POST" else None)

    def back(self) -> str:
        return reverse("cohorts:desk_session", kwargs={"pk": self.session.pk})

    def post(self, request, *args, **kwargs):
        if not self.form.is_valid():
            if is_confirmed(request):
                return confirmation_page(request, self.confirmation(), status=400)
            return _session_page(request, self.session, cancel_form=self.form, status=400)
        return super().post(request, *args, **kwargs)

    def confirmation(self) -> Confirmation:
        people = [registration.user for registration in registered_or_waiting(session=self.session)]
        return Confirmation(
            title=_("Cancel “%(title)s”?") % {"title": self.session.title},
            button=_("Cancel the session"),
            back_url=self.back(),
            will_happen=[
                _("The session is cancelled for everyone; it cannot be planned again."),
                _("Each person registered or waiting is emailed the reason."),
            ],
            audience=Audience(people=people),
            form=self.form,
        )

    def act(self):
        cancelled = Audience()
        try:
            session_cancel(
                session=self.session,
                by=self.request.user,
                reason=self.form.cleaned_data["reason"],
                told=cancelled,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                form_errors_add(self.form, error)
                return confirmation_page(self.request, self.confirmation(), status=400)
            # Cancelled already, or over: a message on the session's page.
            messages.error(self.request, refusal_text(error))
        else:
            done = _("The session is cancelled.")
            messages.success(self.request, f"{done} {told(cancelled)}")
        return redirect(self.back())


@secretariat_required
@form_receiver("cohorts:desk_session", pk="pk")
def session_attendance(request, pk):
    session = session_for_desk(pk=pk)
    registered = registered_people(session=session)
    form = AttendanceForm(request.POST, registrations=registered)
    if not form.is_valid():
        messages.error(request, _("Tick only people registered for this session."))
        return redirect("cohorts:desk_session", pk=session.pk)
    try:
        came = attendance_record(
            session=session, attended_ids=form.cleaned_data["attended"], by=request.user
        )
    except ValidationError as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(
            request,
            _("Attendance is saved: %(came)d of %(total)d came.")
            % {"came": came, "total": len(registered)},
        )
    return redirect("cohorts:desk_session", pk=session.pk)


@secretariat_required
@form_receiver("cohorts:desk_session", pk="pk")
def session_material(request, pk):
    session = session_for_desk(pk=pk)
    form = MaterialForm(request.POST, request.FILES)
    if not form.is_valid():
        return _session_page(request, session, material_form=form, status=400)
    try:
        session_material_save(
            session=session,
            by=request.user,
            recording_url=form.cleaned_data["recording_url"],
            slides=form.cleaned_data["slides"],
            remove_slides=form.cleaned_data["remove_slides"],
        )
    except ValidationError as error:
        form_errors_add(form, error)
        return _session_page(request, session, material_form=form, status=400)
    messages.success(request, _("The recording and slides are saved."))
    return redirect("cohorts:desk_session", pk=session.pk)
