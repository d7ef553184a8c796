"""Meetings: the list, proposing one, a meeting with its slots (answering, fixing one),
the invitation file, a new time and cancelling."""

from datetime import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

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
from incubation.selectors.people import people_of, teams_without_members
from incubation.services.common import others
from incubation.services.meetings import (
    meeting_cancel,
    meeting_fix,
    meeting_propose,
    meeting_reschedule,
    slot_answers_give,
)
from incubation.times import span_text
from incubation.views.common import WorkspaceAction, members_only, page, workspace_view
from incubator.audience import Audience, told
from incubator.forms.errors import form_errors_add, refusal_text
from incubator.views.confirmation import Confirmation, form_receiver


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
        audience = Audience()
        try:
            meeting = meeting_propose(
                incubation=incubation, by=request.user, told=audience, **form.cleaned_data
            )
        except (PermissionDenied, ValidationError) as error:
            form_errors_add(form, error)
        else:
            done = _("The meeting is proposed. The others are asked which times suit them.")
            messages.success(request, f"{done} {told(audience)}")
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


@form_receiver("incubation:meeting", pk="pk", meeting_pk="meeting_pk")
@workspace_view
@members_only
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


@form_receiver("incubation:meeting", pk="pk", meeting_pk="meeting_pk")
@workspace_view
@members_only
def meeting_fix_view(request, incubation, meeting_pk):
    meeting = meeting_of(incubation=incubation, pk=meeting_pk)
    slots = slots_with_answers(meeting=meeting)
    labels = {slot.pk: span_text(slot.starts_at, slot.ends_at) for slot in slots}
    form = FixForm(request.POST, slots=slots, labels=labels)
    if form.is_valid():
        slot = slot_of(meeting=meeting, pk=form.cleaned_data["slot"])
        audience = Audience()
        try:
            meeting_fix(meeting=meeting, slot=slot, by=request.user, told=audience)
        except (PermissionDenied, ValidationError) as error:
            form_errors_add(form, error)
        else:
            done = _("The meeting is fixed. It joins everyone’s personal calendar feed.")
            messages.success(request, f"{done} {told(audience)}")
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
            audience = Audience()
            try:
                meeting_reschedule(
                    meeting=meeting, by=request.user, starts_at=starts_at, told=audience
                )
            except (PermissionDenied, ValidationError) as error:
                form_errors_add(form, error)
            else:
                done = _("The meeting has its new time.")
                messages.success(request, f"{done} {told(audience)}")
                return redirect("incubation:meeting", pk=incubation.pk, meeting_pk=meeting.pk)
    return page(
        request,
        incubation,
        "incubation/meeting_reschedule.html",
        {"form": form, "meeting": meeting},
        section="meetings",
    )


class MeetingCancel(WorkspaceAction):
    """Cancelling emails everyone else, and a cancelled meeting cannot be revived: the
    page says so, and who will be told, before the member confirms."""

    only = staticmethod(members_only)

    def found(self, *, meeting_pk):
        self.meeting = meeting_of(incubation=self.incubation, pk=meeting_pk)

    def back(self) -> str:
        return reverse(
            "incubation:meeting", kwargs={"pk": self.incubation.pk, "meeting_pk": self.meeting.pk}
        )

    def _refused(self) -> str:
        meeting = self.meeting
        if meeting.state == MeetingState.CANCELLED:
            return _("This meeting was cancelled.")
        if meeting.state == MeetingState.FIXED and meeting.ends_at <= timezone.now():
            return _("This meeting is over; it can no longer be cancelled.")
        if not self.incubation.is_open:
            return _("This incubation is closed: it stays readable, but nothing can be changed.")
        return ""

    def confirmation(self) -> Confirmation:
        meeting, refused = self.meeting, self._refused()
        will_happen = [
            _(
                "The meeting is cancelled for everyone. It cannot be revived: to meet after "
                "all, propose a new meeting."
            )
        ]
        if meeting.state == MeetingState.FIXED:
            subject = _("“%(title)s”, %(time)s") % {
                "title": meeting.title,
                "time": span_text(meeting.starts_at, meeting.ends_at),
            }
            will_happen.append(_("Calendars that have it get the cancellation."))
        else:
            subject = _("“%(title)s”, whose time is not fixed yet") % {"title": meeting.title}
        audience = Audience(
            people=others(people=people_of(self.incubation), besides=self.request.user),
            untold_teams=teams_without_members(self.incubation),
        )
        return Confirmation(
            title=_("Cancel “%(title)s”?") % {"title": meeting.title},
            button=_("Cancel the meeting"),
            back_url=self.back(),
            subjects=[subject],
            will_happen=will_happen,
            audience=None if refused else audience,
            not_ready=[refused] if refused else [],
            possible=not refused,
        )

    def act(self):
        audience = Audience()
        try:
            meeting_cancel(meeting=self.meeting, by=self.request.user, told=audience)
        except (PermissionDenied, ValidationError) as error:
            messages.error(self.request, refusal_text(error))
        else:
            messages.success(self.request, f"{_('The meeting is cancelled.')} {told(audience)}")
        return redirect(self.back())
