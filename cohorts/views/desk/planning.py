"""Planning a session and changing it, with each enrolled team's local time for the slot
in view and the week's best slots to choose from."""

from zoneinfo import ZoneInfo

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cohorts.forms import SessionForm, session_initial
from cohorts.models import Cohort
from cohorts.scheduling import Team, local_slots, suggest_week
from cohorts.selectors import cohort_for_desk, enrolled_teams, session_for_desk
from cohorts.services import SESSION_FIELDS, session_create, session_update
from incubator.access import secretariat_required
from incubator.audience import Audience, told
from incubator.forms.errors import form_errors_add

SLOT_SEPARATOR = "|"


def _planning_help(cohort: Cohort, form: SessionForm) -> dict:
    """Each enrolled team's local time for the slot in the form, and the week's best slots."""
    slot = form.slot()
    if slot is None:
        return {"slot": None}
    zone_name, starts_at, ends_at = slot
    teams = [
        Team(name=team.name, time_zone=team.time_zone) for team in enrolled_teams(cohort=cohort)
    ]
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


def _session_form_page(request, *, cohort, form, session=None, help_form=None, status=200):
    """The form page; the planning help reads ``help_form`` when given, else the form."""
    return render(
        request,
        "cohorts/desk/session_form.html",
        {
            "cohort": cohort,
            "form": form,
            "session": session,
            **_planning_help(cohort, help_form or form),
        },
        status=status,
    )


def _session_fields(form: SessionForm) -> dict:
    return {name: form.cleaned_data[name] for name in SESSION_FIELDS}


@secretariat_required
def session_new(request, pk):
    cohort = cohort_for_desk(pk=pk)
    if request.method != "POST":
        form = SessionForm(initial={"reference_time_zone": request.user.time_zone, "capacity": 30})
        return _session_form_page(request, cohort=cohort, form=form)
    form, checking = _bound_session_form(request)
    if checking or not form.is_valid():
        return _session_form_page(
            request, cohort=cohort, form=form, status=400 if form.errors else 200
        )
    try:
        session = session_create(cohort=cohort, by=request.user, **_session_fields(form))
    except ValidationError as error:
        form_errors_add(form, error)
        return _session_form_page(request, cohort=cohort, form=form, status=400)
    messages.success(
        request, _("The session “%(title)s” is planned.") % {"title": session.title_shown}
    )
    return redirect("cohorts:desk_session", pk=session.pk)


def _saved_slot_form(session) -> SessionForm:
    """The session's saved values as a posted form, for the planning help of its slot."""
    return SessionForm(
        {
            name: value.strftime("%Y-%m-%dT%H:%M") if hasattr(value, "strftime") else value
            for name, value in session_initial(session).items()
        },
        slot_only=True,
    )


@secretariat_required
def session_edit(request, pk):
    session = session_for_desk(pk=pk)
    if session.is_cancelled:
        messages.warning(request, _("This session is cancelled; it can no longer be changed."))
        return redirect("cohorts:desk_session", pk=session.pk)
    page = {"cohort": session.cohort, "session": session}
    if request.method != "POST":
        form = SessionForm(initial=session_initial(session))
        return _session_form_page(request, form=form, help_form=_saved_slot_form(session), **page)
    form, checking = _bound_session_form(request)
    if checking or not form.is_valid():
        return _session_form_page(request, form=form, status=400 if form.errors else 200, **page)
    before, announced = (session.starts_at, session.ends_at), Audience()
    try:
        session_update(session=session, by=request.user, told=announced, **_session_fields(form))
    except ValidationError as error:
        form_errors_add(form, error)
        return _session_form_page(request, form=form, status=400, **page)
    saved = _("The session is saved.")
    if (session.starts_at, session.ends_at) != before:
        new_time = _("Its new time:")
        saved = f"{saved} {new_time} {told(announced)}"
    messages.success(request, saved)
    return redirect("cohorts:desk_session", pk=session.pk)
