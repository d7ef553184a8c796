"""Meetings: the list, proposing one, a meeting with its slots (answering, fixing one),
the invitation file, a new time and cancelling."""

from datetime import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from cohorts.scheduling import wall_clock_instant
from incubation.calendar import meeting_ics
from incubation.forms.meetings import AnswerForm, FixForm, ProposeForm, RescheduleForm
from incubation.models import MeetingState
from incubation.selectors.meetings import (
    answers_of,
    meeting_of,
    meetings_of,
    slot_of,
    slots_with_answers,
)
from incubation.selectors.people import people_of
from incubation.services.meetings import (
    meeting_cancel,
    meeting_fix,
    meeting_propose,
    meeting_reschedule,
    slot_answers_give,
)
from incubation.times import span_text
from incubation.views.common import members_only, page, workspace_view
from incubator.forms.errors import form_errors_add, refusal_text


@workspace_view
@require_safe
def meeting_list(request, incubation):
    return page(
        request,
        incubation,
        "incubation/meetings.html",
        {"lists": meetings_of(incubation=incubation, now=timezone.now())},
        section="meetings",
    )


@workspace_view
@members_only
def meeting_new(request, incubation):
    form = ProposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = meeting_propose(incubation=incubation, by=request.user, **form.cleaned_data)
        except (PermissionDenied, ValidationError) as error:
            form_errors_add(form, error)
        else:
            messages.success(
                request,
                _(
                    "The meeting is proposed. The other members are told by email and asked "
                    "which times suit them."
                ),
            )
            return redirect("incubation:meeting", pk=incubation.pk, meeting_pk=meeting.pk)
    return page(
        request, incubation, "incubation/meeting_form.html", {"form": form}, section="meetings"
    )


def _forms(request, meeting, slots, *, answering=None, fixing=None):
    labels = {slot.pk: span_text(slot.starts_at, slot.ends_at) for slot in slots}
    mine = answers_of(meeting=meeting, user=request.user)
    answer = answering or AnswerForm(
        slots=slots,
        labels=labels,
        initial={"available": [pk for pk, available in mine.items() if available]},
    )
    fix = fixing or FixForm(
        slots=slots,
        labels={
            slot.pk: _("%(time)s — %(count)d can come")
            % {"time": labels[slot.pk], "count": slot.yes}
            for slot in slots
        },
    )
    return {"answer_form": answer, "fix_form": fix, "answered": bool(mine)}


def _meeting_page(request, incubation, meeting, **failed):
    """The meeting's page; ``failed`` is the form that was sent back (``answering`` or
    ``fixing``), shown with its errors above the page whatever the meeting's state."""
    slots = slots_with_answers(meeting=meeting) if meeting.state == MeetingState.POLLING else []
    context = {
        "meeting": meeting,
        "slots": slots,
        "people": people_of(incubation),
        "any_inside": any(slot.inside for slot in slots),
        "held": meeting.is_held_by(timezone.now()),
    }
    if meeting.state == MeetingState.POLLING:
        context.update(_forms(request, meeting, slots, **failed))
    for form in failed.values():
        context["form"] = form
    return page(request, incubation, "incubation/meeting.html", context, section="meetings")


@workspace_view
@require_safe
def meeting_detail(request, incubation, meeting_pk):
    meeting = meeting_of(incubation=incubation, pk=meeting_pk)
    return _meeting_page(request, incubation, meeting)


@workspace_view
@members_only
@require_POST
def meeting_answer(request, incubation, meeting_pk):
    meeting = meeting_of(incubation=incubation, pk=meeting_pk)
    slots = slots_with_answers(meeting=meeting)
    labels = {slot.pk: span_text(slot.starts_at, slot.ends_at) for slot in slots}
    form = AnswerForm(request.POST, slots=slots, labels=labels)
    if form.is_valid():
        try:
            yes = slot_answers_give(
                meeting=meeting, by=request.user, available=set(form.cleaned_data["available"])
            )
        except (PermissionDenied, ValidationError) as error:
            form_errors_add(form, error)
        else:
            messages.success(
                request,
                _("Your answers are saved: you can come at %(count)d of the times offered.")
                % {"count": yes},
            )
            return redirect("incubation:meeting", pk=incubation.pk, meeting_pk=meeting.pk)
    return _meeting_page(request, incubation, meeting, answering=form)


@workspace_view
@members_only
@require_POST
def meeting_fix_view(request, incubation, meeting_pk):
    meeting = meeting_of(incubation=incubation, pk=meeting_pk)
    slots = slots_with_answers(meeting=meeting)
    labels = {slot.pk: span_text(slot.starts_at, slot.ends_at) for slot in slots}
    form = FixForm(request.POST, slots=slots, labels=labels)
    if form.is_valid():
        slot = slot_of(meeting=meeting, pk=form.cleaned_data["slot"])
        try:
            meeting_fix(meeting=meeting, slot=slot, by=request.user)
        except (PermissionDenied, ValidationError) as error:
            form_errors_add(form, error)
        else:
            messages.success(
                request,
                _(
                    "The meeting is fixed. Everyone in the incubation gets the invitation by "
                    "email, and it joins their personal calendar feed."
                ),
            )
            return redirect("incubation:meeting", pk=incubation.pk, meeting_pk=meeting.pk)
    return _meeting_page(request, incubation, meeting, fixing=form)


@workspace_view
@require_safe
def meeting_invitation(request, incubation, meeting_pk):
    meeting = meeting_of(incubation=incubation, pk=meeting_pk)
    if meeting.state == MeetingState.POLLING:
        raise Http404
    response = HttpResponse(meeting_ics(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


def _new_start(form, zone: str) -> datetime | None:
    wall = datetime.combine(form.cleaned_data["starts_on"], form.cleaned_data["starts_time"])
    instant = wall_clock_instant(wall, timezone.get_current_timezone())
    if instant is None:
        form.add_error(
            "starts_time",
            _("That time does not exist in %(zone)s: the clocks go forward then.") % {"zone": zone},
        )
    return instant


@workspace_view
@members_only
def meeting_reschedule_view(request, incubation, meeting_pk):
    meeting = meeting_of(incubation=incubation, pk=meeting_pk)
    if meeting.state != MeetingState.FIXED:
        raise Http404
    zone = timezone.get_current_timezone_name()
    local = meeting.starts_at.astimezone(timezone.get_current_timezone())
    form = RescheduleForm(
        request.POST or None,
        zone=zone,
        initial={"starts_on": local.date(), "starts_time": local.time()},
    )
    if request.method == "POST" and form.is_valid():
        starts_at = _new_start(form, zone)
        if starts_at is not None:
            try:
                meeting_reschedule(meeting=meeting, by=request.user, starts_at=starts_at)
            except (PermissionDenied, ValidationError) as error:
                form_errors_add(form, error)
            else:
                messages.success(
                    request,
                    _("The meeting has its new time. Everyone gets the updated invitation."),
                )
                return redirect("incubation:meeting", pk=incubation.pk, meeting_pk=meeting.pk)
    return page(
        request,
        incubation,
        "incubation/meeting_reschedule.html",
        {"form": form, "meeting": meeting},
        section="meetings",
    )


@workspace_view
@members_only
@require_POST
def meeting_cancel_view(request, incubation, meeting_pk):
    meeting = meeting_of(incubation=incubation, pk=meeting_pk)
    try:
        meeting_cancel(meeting=meeting, by=request.user)
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(
            request, _("The meeting is cancelled. The other members are told by email.")
        )
    return redirect("incubation:meeting", pk=incubation.pk, meeting_pk=meeting.pk)
