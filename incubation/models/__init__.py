"""The incubation workspace of a matched challenge: its teams and their working hours,
the joint plan and milestones, meetings across time zones, messages, check-ins and the
closing reports."""

from incubation.models.checkins import CheckIn, CheckInSchedule
from incubation.models.closing import ClosingReport
from incubation.models.meetings import Meeting, MeetingSlot, MeetingState, SlotAnswer
from incubation.models.messages import EmailChoice, MemberInbox, Message
from incubation.models.plan import Milestone, MilestoneState
from incubation.models.workspace import (
    LIMITS,
    Incubation,
    IncubationState,
    IncubationTeam,
    TeamRole,
)

__all__ = [
    "LIMITS",
    "CheckIn",
    "CheckInSchedule",
    "ClosingReport",
    "EmailChoice",
    "Incubation",
    "IncubationState",
    "IncubationTeam",
    "Meeting",
    "MeetingSlot",
    "MeetingState",
    "MemberInbox",
    "Message",
    "Milestone",
    "MilestoneState",
    "SlotAnswer",
    "TeamRole",
]
