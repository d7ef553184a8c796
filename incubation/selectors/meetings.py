"""Careful reads of meetings: an incubation's meetings by what is left to do with them,
one meeting with its slots and answers, and a person's meetings for their calendar."""

from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from incubation.access import incubations_of_member
from incubation.models import Incubation, Meeting, MeetingSlot, MeetingState, SlotAnswer
from incubation.models.workspace import OPEN_STATES
from incubator.models import User


def meeting_of(*, incubation: Incubation, pk: int) -> Meeting:
    """A meeting of this incubation; 404 for any other id, another incubation's included."""
    return get_object_or_404(
        Meeting.objects.select_related("proposed_by", "fixed_by"), incubation=incubation, pk=pk
    )


def slot_of(*, meeting: Meeting, pk) -> MeetingSlot | None:
    return MeetingSlot.objects.filter(meeting=meeting, pk=pk).first()


@dataclass
class MeetingLists:
    polling: list[Meeting] = field(default_factory=list)
    upcoming: list[Meeting] = field(default_factory=list)
    held: list[Meeting] = field(default_factory=list)
    cancelled: list[Meeting] = field(default_factory=list)


def meetings_of(*, incubation: Incubation, now) -> MeetingLists:
    """Every meeting of the incubation, sorted into what is being decided, what comes,
    what was held and what was called off; each with how many answered."""
    lists = MeetingLists()
    meetings = (
        Meeting.objects.filter(incubation=incubation)
        .select_related("proposed_by")
        .annotate(answered=Count("slots__answers__user", distinct=True))
        .order_by("starts_at", "created_at", "pk")
    )
    for meeting in meetings:
        if meeting.state == MeetingState.POLLING:
            lists.polling.append(meeting)
        elif meeting.state == MeetingState.CANCELLED:
            lists.cancelled.append(meeting)
        elif meeting.ends_at > now:
            lists.upcoming.append(meeting)
        else:
            lists.held.append(meeting)
    lists.held.reverse()  # the latest first
    return lists


def slots_with_answers(*, meeting: Meeting) -> list[MeetingSlot]:
    """The meeting's slots, earliest first, each with its answers and the yes count."""
    return list(
        MeetingSlot.objects.filter(meeting=meeting)
        .annotate(yes=Count("answers", filter=Q(answers__available=True)))
        .prefetch_related(
            Prefetch(
                "answers",
                SlotAnswer.objects.select_related("user").order_by("user__display_name", "pk"),
            )
        )
        .order_by("starts_at", "pk")
    )


def answers_of(*, meeting: Meeting, user: User) -> dict[int, bool]:
    return dict(
        SlotAnswer.objects.filter(slot__meeting=meeting, user=user).values_list(
            "slot_id", "available"
        )
    )


def next_meetings(*, incubations, now) -> dict[int, Meeting]:
    """The next fixed meeting of each incubation, in one query."""
    upcoming = (
        Meeting.objects.filter(
            incubation__in=incubations, state=MeetingState.FIXED, ends_at__gt=now
        )
        .order_by("incubation_id", "starts_at", "pk")
        .distinct()
    )
    first: dict[int, Meeting] = {}
    for meeting in upcoming:
        first.setdefault(meeting.incubation_id, meeting)
    return first


def meetings_for_feed(*, user: User, since) -> QuerySet[Meeting]:
    """The fixed and cancelled meetings of the person's incubations (as a member or the
    mentor) that end after ``since``: a cancelled one tells calendars to drop it."""
    return (
        Meeting.objects.filter(
            incubation__in=incubations_of_member(user),
            state__in=[MeetingState.FIXED, MeetingState.CANCELLED],
            ends_at__gte=since,
        )
        .select_related("proposed_by")
        .order_by("starts_at", "pk")
    )


def meetings_to_remind(*, now, within) -> QuerySet[Meeting]:
    """Fixed meetings that start within ``within`` and were set earlier than that before
    they start (a meeting fixed for the next hour needs no reminder: its invitation is it)."""
    return (
        Meeting.objects.filter(
            state=MeetingState.FIXED,
            starts_at__gt=now,
            starts_at__lte=now + within,
            incubation__state__in=OPEN_STATES,
            fixed_at__lt=F("starts_at") - within,
        )
        .select_related("incubation__challenge")
        .order_by("starts_at", "pk")
    )
