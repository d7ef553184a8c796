"""Meetings across time zones: a member proposes one and the portal offers the slots of
the next two weeks inside every team's working hours (or the least bad ones); the
members answer yes or no per slot; the slot chosen becomes the meeting, and everyone
gets its invitation; rescheduling and cancelling send updates."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from incubation.access import require_member
from incubation.calendar import new_meeting_uid
from incubation.hours import team_hours
from incubation.models import Incubation, Meeting, MeetingSlot, MeetingState, SlotAnswer
from incubation.selectors.people import people_of, teams_without_members
from incubation.selectors.workspace import teams_of
from incubation.services.common import others, tell, touch
from incubation.slots import find_slots
from incubator.audience import Audience
from incubator.models import User
from incubator.services.audit import audit_record

HORIZON_DAYS = 14
OFFERED = 12
LATEST_START = timedelta(days=60)  # how far ahead the first day of a proposal may be


def _require_state(meeting: Meeting, *states: str) -> None:
    if meeting.state in states:
        return
    if meeting.state == MeetingState.FIXED:
        raise ValidationError(
            _("The time of this meeting is already fixed: answers can no longer change it.")
        )
    if meeting.state == MeetingState.CANCELLED:
        raise ValidationError(_("This meeting was cancelled."))
    raise ValidationError(_("Fix a time for this meeting first."))


def _first_moment(zone: ZoneInfo, earliest_on: date | None, now: datetime) -> datetime:
    today = now.astimezone(zone).date()
    if earliest_on is None:
        return now
    if earliest_on < today:
        raise ValidationError(
            {"earliest_on": _("That day has passed. Choose today or a later day.")}
        )
    if earliest_on > today + LATEST_START:
        raise ValidationError({"earliest_on": _("Choose a day within the next 60 days.")})
    return max(now, datetime.combine(earliest_on, time(0), tzinfo=zone))


def _store_slots(meeting: Meeting, slots) -> None:
    """The slots offered, with the teams (by id) each falls outside the hours of, and why."""
    MeetingSlot.objects.bulk_create(
        MeetingSlot(
            meeting=meeting,
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            inside=not slot.teams_outside,
            outside=[
                {"team": int(seen.team), "minutes": seen.minutes_outside, "reason": seen.outside}
                for seen in slot.teams_outside
            ],
            position=position,
        )
        for position, slot in enumerate(slots)
    )


@transaction.atomic
def meeting_propose(
    *,
    incubation: Incubation,
    by: User,
    title: str,
    duration_minutes: int,
    agenda: str = "",
    joining_link: str = "",
    earliest_on: date | None = None,
    now: datetime | None = None,
    told: Audience | None = None,
) -> Meeting:
    """Offer the slots of two weeks from ``earliest_on`` (today by default): those inside
    every team's working hours, spread over days; when there is none, the least bad."""
    mine = require_member(by, incubation)
    now = now or timezone.now()
    teams = teams_of(incubation)
    proposer = next(team for team in teams if team.pk in mine)
    zone = proposer.organisation.time_zone
    after = _first_moment(ZoneInfo(zone), earliest_on, now)
    ordered = [proposer, *(team for team in teams if team.pk != proposer.pk)]
    offer = find_slots(
        [team_hours(team) for team in ordered],
        after=after,
        days=HORIZON_DAYS,
        duration=timedelta(minutes=duration_minutes),
        limit=OFFERED,
    )
    meeting = Meeting(
        incubation=incubation,
        title=title.strip(),
        agenda=agenda.strip(),
        duration_minutes=duration_minutes,
        joining_link=joining_link,
        time_zone=zone,
        uid=new_meeting_uid(),
        proposed_by=by,
    )
    meeting.full_clean()
    meeting.save()
    _store_slots(meeting, offer.inside or offer.least_bad)
    audit_record(
        actor=by,
        action="meeting.proposed",
        target=incubation,
        details={"meeting": meeting.pk, "title": meeting.title, "inside": bool(offer.inside)},
    )
    tell(
        people=others(people=people_of(incubation), besides=by),
        untold_teams=teams_without_members(incubation),
        key=f"meeting-proposed:{meeting.pk}",
        template="meeting_proposed",
        context={"incubation": incubation, "meeting": meeting, "by": by},
        told=told,
    )
    touch(incubation=incubation, now=now)
    return meeting


@transaction.atomic
def slot_answers_give(*, meeting: Meeting, by: User, available: set[int]) -> int:
    """The person's yes (the slots in ``available``) and no (every other slot)."""
    require_member(by, meeting.incubation)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _require_state(meeting, MeetingState.POLLING)
    slots = set(meeting.slots.values_list("pk", flat=True))
    if not set(available) <= slots:
        raise ValidationError({"available": _("Choose among the times offered for this meeting.")})
    for slot_id in sorted(slots):
        SlotAnswer.objects.update_or_create(
            slot_id=slot_id, user=by, defaults={"available": slot_id in available}
        )
    audit_record(
        actor=by,
        action="meeting.answered",
        target=meeting.incubation,
        details={"meeting": meeting.pk, "yes": len(available), "no": len(slots - set(available))},
    )
    touch(incubation=meeting.incubation, now=timezone.now())
    return len(available)


def _invite(meeting: Meeting, *, by: User, rescheduled: bool, told: Audience | None) -> None:
    tell(
        people=people_of(meeting.incubation),
        untold_teams=teams_without_members(meeting.incubation),
        key=f"meeting-invitation:{meeting.pk}:{meeting.sequence}",
        template="meeting_invitation",
        context={
            "incubation": meeting.incubation,
            "meeting": meeting,
            "by": by,
            "rescheduled": rescheduled,
        },
        told=told,
    )


@transaction.atomic
def meeting_fix(
    *, meeting: Meeting, slot: MeetingSlot, by: User, now=None, told: Audience | None = None
) -> Meeting:
    """The slot chosen becomes the meeting's time; every member gets the invitation."""
    require_member(by, meeting.incubation)
    now = now or timezone.now()
    meeting = Meeting.objects.select_for_update().select_related("incubation").get(pk=meeting.pk)
    _require_state(meeting, MeetingState.POLLING)
    if slot.meeting_id != meeting.pk:
        raise ValidationError({"slot": _("Choose one of the times offered for this meeting.")})
    if slot.starts_at <= now:
        raise ValidationError(
            {"slot": _("This time has passed. Choose a later one, or propose the meeting again.")}
        )
    meeting.starts_at, meeting.ends_at = slot.starts_at, slot.ends_at
    meeting.state, meeting.fixed_by, meeting.fixed_at = MeetingState.FIXED, by, now
    meeting.save()
    audit_record(
        actor=by,
        action="meeting.fixed",
        target=meeting.incubation,
        details={"meeting": meeting.pk, "starts_at": meeting.starts_at.isoformat()},
    )
    _invite(meeting, by=by, rescheduled=False, told=told)
    touch(incubation=meeting.incubation, now=now)
    return meeting


@transaction.atomic
def meeting_reschedule(
    *,
    meeting: Meeting,
    by: User,
    starts_at: datetime,
    now=None,
    told: Audience | None = None,
) -> Meeting:
    """A new time: the same meeting (its calendar UID) with a higher SEQUENCE, and an
    updated invitation for everyone."""
    require_member(by, meeting.incubation)
    now = now or timezone.now()
    meeting = Meeting.objects.select_for_update().select_related("incubation").get(pk=meeting.pk)
    _require_state(meeting, MeetingState.FIXED)
    if starts_at <= now:
        raise ValidationError({"starts_on": _("That time has passed. Choose a time to come.")})
    if starts_at == meeting.starts_at:
        raise ValidationError({"starts_on": _("That is the meeting's time already.")})
    meeting.starts_at = starts_at
    meeting.ends_at = starts_at + timedelta(minutes=meeting.duration_minutes)
    meeting.sequence += 1
    meeting.fixed_by, meeting.fixed_at = by, now
    meeting.save()
    audit_record(
        actor=by,
        action="meeting.rescheduled",
        target=meeting.incubation,
        details={"meeting": meeting.pk, "starts_at": starts_at.isoformat()},
    )
    _invite(meeting, by=by, rescheduled=True, told=told)
    touch(incubation=meeting.incubation, now=now)
    return meeting


@transaction.atomic
def meeting_cancel(
    *, meeting: Meeting, by: User, now=None, told: Audience | None = None
) -> Meeting:
    """Called off: a fixed meeting's calendars get the cancellation (a higher SEQUENCE)."""
    require_member(by, meeting.incubation)
    now = now or timezone.now()
    meeting = Meeting.objects.select_for_update().select_related("incubation").get(pk=meeting.pk)
    _require_state(meeting, MeetingState.POLLING, MeetingState.FIXED)
    if meeting.state == MeetingState.FIXED and meeting.ends_at <= now:
        raise ValidationError(_("This meeting is over; it can no longer be cancelled."))
    was_fixed = meeting.state == MeetingState.FIXED
    meeting.state, meeting.cancelled_at = MeetingState.CANCELLED, now
    if was_fixed:
        meeting.sequence += 1
    meeting.save()
    audit_record(
        actor=by,
        action="meeting.cancelled",
        target=meeting.incubation,
        details={"meeting": meeting.pk},
    )
    tell(
        people=others(people=people_of(meeting.incubation), besides=by),
        untold_teams=teams_without_members(meeting.incubation),
        key=f"meeting-cancelled:{meeting.pk}",
        template="meeting_cancelled",
        context={
            "incubation": meeting.incubation,
            "meeting": meeting,
            "by": by,
            "was_fixed": was_fixed,
        },
        told=told,
    )
    touch(incubation=meeting.incubation, now=now)
    return meeting
