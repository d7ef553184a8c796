"""The secretariat's cohort desk: cohorts and their teams, planning sessions with the
teams' local times in view, changing and cancelling them, attendance, material after
the session, feedback, and resources shared in the secretariat's name."""

from zoneinfo import ZoneInfo

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from cohorts.forms import (
    AttendanceForm,
    CancelSessionForm,
    CohortForm,
    EnrolForm,
    MaterialForm,
    ResourceForm,
    SessionForm,
    session_initial,
)
from cohorts.models import Cohort, RegistrationStatus, Session
from cohorts.scheduling import Team, local_slots, suggest_week
from cohorts.selectors import (
    cohorts_for_desk,
    enrolled_teams,
    feedback_by_theme,
    feedback_of_session,
    registrations_for_desk,
    sessions_of_cohort,
    with_registered_count,
)
from cohorts.services import (
    SESSION_FIELDS,
    attendance_record,
    cohort_create,
    cohort_enrol,
    cohort_unenrol,
    resource_share,
    session_cancel,
    session_create,
    session_material_save,
    session_update,
)
from incubator.access import secretariat_required
from incubator.models import Organisation

SLOT_SEPARATOR = "|"


def _message_of(error: Exception) -> str:
    return " ".join(getattr(error, "messages", None) or [str(arg) for arg in error.args])


# Cohorts ---------------------------------------------------------------------------------


@secretariat_required
def cohort_desk(request):
    form = CohortForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cohort = cohort_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
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
            "teams": enrolled_teams(cohort),
            "sessions": sessions_of_cohort(cohort),
            "form": enrol_form or EnrolForm(cohort=cohort),
            "now": timezone.now(),
        },
        status=status,
    )


@secretariat_required
@require_safe
def cohort_detail(request, pk):
    cohort = get_object_or_404(Cohort.objects.select_related("programme"), pk=pk)
    return _cohort_page(request, cohort)


@secretariat_required
@require_POST
def cohort_enrol_teams(request, pk):
    cohort = get_object_or_404(Cohort.objects.select_related("programme"), pk=pk)
    form = EnrolForm(request.POST, cohort=cohort)
    if not form.is_valid():
        return _cohort_page(request, cohort, enrol_form=form, status=400)
    added = cohort_enrol(
        cohort=cohort, organisations=form.cleaned_data["organisations"], by=request.user
    )
    messages.success(request, _("%(count)d team(s) enrolled.") % {"count": added})
    return redirect("cohorts:desk_cohort", pk=cohort.pk)


@secretariat_required
@require_POST
def cohort_remove_team(request, pk, organisation_pk):
    cohort = get_object_or_404(Cohort, pk=pk)
    organisation = get_object_or_404(Organisation, pk=organisation_pk, enrolments__cohort=cohort)
    cohort_unenrol(cohort=cohort, organisation=organisation, by=request.user)
    messages.success(
        request,
        _("%(team)s is no longer in the cohort; its people's places in coming sessions are freed.")
        % {"team": organisation.name},
    )
    return redirect("cohorts:desk_cohort", pk=cohort.pk)


@secretariat_required
@require_safe
def cohort_feedback(request, pk):
    cohort = get_object_or_404(Cohort.objects.select_related("programme"), pk=pk)
    return render(
        request,
        "cohorts/desk/feedback.html",
        {
            "cohort": cohort,
            "themes": feedback_by_theme(cohort),
            "sessions": [s for s in sessions_of_cohort(cohort) if s.feedback_count],
        },
    )


@secretariat_required
def cohort_resource_new(request, pk):
    cohort = get_object_or_404(Cohort, pk=pk)
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
            form.add_error(None, error)
        else:
            messages.success(request, _("“%(title)s” is shared.") % {"title": data["title"]})
            return redirect("cohorts:desk_cohort", pk=cohort.pk)
    return render(
        request,
        "cohorts/resources/form.html",
        {"form": form, "cohort": cohort},
        status=400 if form.errors else 200,
    )


# Planning a session ----------------------------------------------------------------------


def _planning_help(cohort: Cohort, form: SessionForm) -> dict:
    """Each enrolled team's local time for the slot in the form, and the week's best slots."""
    slot = form.slot()
    if slot is None:
        return {"slot": None}
    zone_name, starts_at, ends_at = slot
    teams = [Team(name=team.name, time_zone=team.time_zone) for team in enrolled_teams(cohort)]
    zone = ZoneInfo(zone_name)
    suggestions = suggest_week(
        teams=teams,
        day=starts_at.astimezone(zone).date(),
        time_zone=zone_name,
        duration=ends_at - starts_at,
    )
    local = local_slots(teams, starts_at, ends_at)
    return {
        "slot": slot,
        "local_slots": local,
        "suited": sum(item.suits for item in local),
        "team_count": len(teams),
        "suggestions": [
            {
                "suggestion": suggestion,
                "value": SLOT_SEPARATOR.join(
                    moment.astimezone(zone).strftime("%Y-%m-%dT%H:%M")
                    for moment in (suggestion.starts_at, suggestion.ends_at)
                ),
            }
            for suggestion in suggestions
        ],
    }


def _bound_session_form(request):
    """The form as posted; a chosen suggestion replaces the typed start and end."""
    data = request.POST.copy()
    chosen = request.POST.get("use_slot", "")
    if SLOT_SEPARATOR in chosen:
        data["starts_at"], data["ends_at"] = chosen.split(SLOT_SEPARATOR, 1)
    checking = "check" in request.POST or bool(chosen)
    return SessionForm(data, slot_only=checking), checking


def _session_form_page(request, *, cohort, form, session=None, status=200):
    return render(
        request,
        "cohorts/desk/session_form.html",
        {"cohort": cohort, "form": form, "session": session, **_planning_help(cohort, form)},
        status=status,
    )


@secretariat_required
def session_new(request, pk):
    cohort = get_object_or_404(Cohort.objects.select_related("programme"), pk=pk)
    if request.method != "POST":
        form = SessionForm(initial={"reference_time_zone": request.user.time_zone, "capacity": 30})
        return _session_form_page(request, cohort=cohort, form=form)
    form, checking = _bound_session_form(request)
    if checking or not form.is_valid():
        return _session_form_page(
            request, cohort=cohort, form=form, status=400 if form.errors else 200
        )
    try:
        session = session_create(
            cohort=cohort,
            by=request.user,
            **{name: form.cleaned_data[name] for name in SESSION_FIELDS},
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _session_form_page(request, cohort=cohort, form=form, status=400)
    messages.success(request, _("The session “%(title)s” is planned.") % {"title": session.title})
    return redirect("cohorts:desk_session", pk=session.pk)


def _session_on_desk(pk: int) -> Session:
    return get_object_or_404(
        with_registered_count(Session.objects.select_related("cohort__programme", "theme")),
        pk=pk,
    )


@secretariat_required
def session_edit(request, pk):
    session = _session_on_desk(pk)
    if session.is_cancelled:
        messages.warning(request, _("This session is cancelled; it can no longer be changed."))
        return redirect("cohorts:desk_session", pk=session.pk)
    if request.method != "POST":
        form = SessionForm(initial=session_initial(session))
        # The planning help for the session's current slot, from its saved values.
        help_form = SessionForm(
            {
                name: value.strftime("%Y-%m-%dT%H:%M") if hasattr(value, "strftime") else value
                for name, value in session_initial(session).items()
            },
            slot_only=True,
        )
        return render(
            request,
            "cohorts/desk/session_form.html",
            {
                "cohort": session.cohort,
                "form": form,
                "session": session,
                **_planning_help(session.cohort, help_form),
            },
        )
    form, checking = _bound_session_form(request)
    if checking or not form.is_valid():
        return _session_form_page(
            request,
            cohort=session.cohort,
            form=form,
            session=session,
            status=400 if form.errors else 200,
        )
    try:
        session_update(
            session=session,
            by=request.user,
            **{name: form.cleaned_data[name] for name in SESSION_FIELDS},
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _session_form_page(
            request, cohort=session.cohort, form=form, session=session, status=400
        )
    messages.success(
        request,
        _(
            "The session is saved. If its time changed, everyone registered or waiting is told "
            "by email."
        ),
    )
    return redirect("cohorts:desk_session", pk=session.pk)


# One session -----------------------------------------------------------------------------


def _session_page(request, session, *, cancel_form=None, material_form=None, status=200):
    registrations = list(registrations_for_desk(session))
    registered = [r for r in registrations if r.status == RegistrationStatus.REGISTERED]
    waiting = [r for r in registrations if r.status == RegistrationStatus.WAITLISTED]
    feedback = list(feedback_of_session(session))
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
    return _session_page(request, _session_on_desk(pk))


@secretariat_required
@require_POST
def session_cancel_view(request, pk):
    session = _session_on_desk(pk)
    form = CancelSessionForm(request.POST)
    if not form.is_valid():
        return _session_page(request, session, cancel_form=form, status=400)
    try:
        session_cancel(session=session, by=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            form.add_error(None, error)
            return _session_page(request, session, cancel_form=form, status=400)
        messages.error(request, _message_of(error))
    else:
        messages.success(
            request,
            _("The session is cancelled. Everyone registered or waiting is told by email."),
        )
    return redirect("cohorts:desk_session", pk=session.pk)


@secretariat_required
@require_POST
def session_attendance(request, pk):
    session = _session_on_desk(pk)
    registered = session.registrations.filter(status=RegistrationStatus.REGISTERED).select_related(
        "user"
    )
    form = AttendanceForm(request.POST, registrations=registered)
    if not form.is_valid():
        messages.error(request, _("Tick only people registered for this session."))
        return redirect("cohorts:desk_session", pk=session.pk)
    try:
        came = attendance_record(
            session=session, attended_ids=form.cleaned_data["attended"], by=request.user
        )
    except ValidationError as error:
        messages.error(request, _message_of(error))
    else:
        messages.success(
            request,
            _("Attendance is saved: %(came)d of %(total)d came.")
            % {"came": came, "total": len(registered)},
        )
    return redirect("cohorts:desk_session", pk=session.pk)


@secretariat_required
@require_POST
def session_material(request, pk):
    session = _session_on_desk(pk)
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
        form.add_error(None, error)
        return _session_page(request, session, material_form=form, status=400)
    messages.success(request, _("The recording and slides are saved."))
    return redirect("cohorts:desk_session", pk=session.pk)
