"""Reading the optional ``incubations`` of an exchange file (docs/exchange-format.md)
into plain records, every problem named by its JSON path, before anything is written.
A file without the key reads as no incubations: older files import as they always did.

The refs an incubation names are checked here, with the rest of the file, against the
challenges and proposals the file declares and those the programme holds (``Known``);
exchange.incubations finds the records they name once the round is written."""

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils.translation import gettext as _

from exchange.schema.checks import Checker, Unique, json_path, max_length, quoted, records_of
from exchange.schema.submissions import UNKNOWN_CHALLENGE
from incubation.models import (
    LIMITS,
    IncubationState,
    Meeting,
    MeetingState,
    Milestone,
    MilestoneState,
)
from incubation.models.meetings import DURATIONS
from incubation.models.workspace import OFFICE_DAYS

INCUBATION_FIELDS = (
    "challenge",
    "state",
    "goal",
    "deliverables",
    "teams",
    "milestones",
    "meetings",
)
TEAM_FIELDS = ("submission", "brings", "working_days", "working_hours")
MILESTONE_FIELDS = ("ref", "team", "title", "details", "due_on", "state", "done_at", "note", "link")
MEETING_FIELDS = (
    *("uid", "title", "agenda", "duration_minutes", "time_zone", "state"),
    *("starts_at", "ends_at", "sequence", "joining_link"),
)
WEEKDAYS = (0, 6)  # Monday to Sunday
SEQUENCE = (0, 2**31 - 1)  # what the column holds
DEFAULT_DURATION = 60
CLOCK = re.compile(r"[0-2][0-9]:[0-5][0-9]")


@dataclass(frozen=True)
class TeamRecord:
    submission: str
    brings: str
    weekdays: tuple[int, ...]
    day_starts: time
    day_ends: time


@dataclass(frozen=True)
class MilestoneRecord:
    ref: str
    team: str
    title: str
    details: str
    due_on: date
    state: str
    done_at: datetime | None
    note: str
    link: str


@dataclass(frozen=True)
class MeetingRecord:
    uid: str
    title: str
    agenda: str
    duration_minutes: int
    time_zone: str
    state: str
    starts_at: datetime | None
    ends_at: datetime | None
    sequence: int
    joining_link: str


@dataclass(frozen=True)
class IncubationRecord:
    path: str
    challenge: str
    state: str
    goal: str
    deliverables: str
    teams: tuple[TeamRecord, ...]
    milestones: tuple[MilestoneRecord, ...]
    meetings: tuple[MeetingRecord, ...]


def _hours(check: Checker, item: dict, path: str) -> tuple[tuple[int, ...], time, time]:
    where = json_path(path, "working_days")
    days = check.list(item.get("working_days", list(OFFICE_DAYS)), where) or []
    if not days and "working_days" in item and isinstance(item["working_days"], list):
        check.error(where, _("must name at least one day"))
    weekdays = set()
    for index, day in enumerate(days):
        day = check.whole(day, json_path(where, index), bounds=WEEKDAYS)
        if day is not None:
            weekdays.add(day)
    hours = item.get("working_hours", ["09:00", "17:00"])
    starts = ends = None
    if isinstance(hours, list) and len(hours) == 2 and all(_clock(value) for value in hours):
        starts, ends = map(time.fromisoformat, hours)
    if starts is None or not starts < ends:
        check.error(
            json_path(path, "working_hours"),
            _("must be a list of a start and an end time, such as 09:00 and 17:00"),
        )
    return tuple(sorted(weekdays)), starts, ends


def _clock(value) -> bool:
    return isinstance(value, str) and CLOCK.fullmatch(value) is not None and value < "24:00"


def _team(check: Checker, path: str, item: dict, *, challenge, solutions) -> TeamRecord:
    submission = check.ref(item, "submission", path)
    if submission is not None and submission != challenge and submission not in solutions:
        check.error(
            json_path(path, "submission"),
            _(
                "%(value)s is not this incubation's challenge or a proposal of this file or "
                "of the programme"
            )
            % {"value": quoted(submission)},
        )
    days, starts, ends = _hours(check, item, path)
    return TeamRecord(
        submission=submission,
        brings=check.optional_text(item, "brings", path, limit=LIMITS["brings"]),
        weekdays=days,
        day_starts=starts,
        day_ends=ends,
    )


def _milestone(check: Checker, path: str, item: dict, *, teams: set) -> MilestoneRecord:
    team = check.ref(item, "team", path)
    if team is not None and team not in teams:
        check.error(
            json_path(path, "team"),
            _("%(value)s is not a team of this incubation") % {"value": quoted(team)},
        )
    return MilestoneRecord(
        ref=check.ref(item, "ref", path),
        team=team,
        title=check.text(item, "title", path, limit=LIMITS["milestone_title"], blank=False),
        details=check.optional_text(item, "details", path, limit=LIMITS["milestone_details"]),
        due_on=check.day(item, "due_on", path),
        state=check.choice(
            item, "state", path, choices=MilestoneState.values, default=MilestoneState.PLANNED
        ),
        done_at=check.moment(item, path, "done_at"),
        note=check.optional_text(item, "note", path, limit=LIMITS["note"]),
        link=check.link(item, "link", path, limit=max_length(Milestone, "done_link")),
    )


def _meeting(check: Checker, path: str, item: dict) -> MeetingRecord:
    record = MeetingRecord(
        uid=check.text(item, "uid", path, limit=max_length(Meeting, "uid"), blank=False),
        title=check.text(item, "title", path, limit=LIMITS["meeting_title"], blank=False),
        agenda=check.optional_text(item, "agenda", path, limit=LIMITS["agenda"]),
        duration_minutes=check.choice(
            item, "duration_minutes", path, choices=DURATIONS, default=DEFAULT_DURATION
        ),
        time_zone=check.time_zone(item, "time_zone", path),
        state=check.choice(
            item, "state", path, choices=MeetingState.values, default=MeetingState.FIXED
        ),
        starts_at=check.moment(item, path, "starts_at"),
        ends_at=check.moment(item, path, "ends_at"),
        sequence=check.integer(item, "sequence", path, bounds=SEQUENCE) or 0,
        joining_link=check.link(
            item, "joining_link", path, limit=max_length(Meeting, "joining_link")
        ),
    )
    timed = record.starts_at is not None and record.ends_at is not None
    if record.state != MeetingState.POLLING and not (timed and record.starts_at < record.ends_at):
        check.error(path, _("a fixed or cancelled meeting needs starts_at before ends_at"))
    return record


def incubation_records(
    check: Checker, data: dict, *, challenges: frozenset[str], solutions: frozenset[str]
) -> list[IncubationRecord]:
    """The file's incubations, every problem added to ``check``. ``challenges`` and
    ``solutions`` are the refs they may name: those of the file and of the programme."""
    if not isinstance(data, dict) or "incubations" not in data:
        return []
    records, unique, uids = [], Unique(check), Unique(check)
    for path, item in records_of(check, data, "incubations", INCUBATION_FIELDS):
        record = _incubation(check, path, item, challenges=challenges, solutions=solutions)
        unique.add(record.challenge, path, "challenge")
        _unique(record.teams, "submission", json_path(path, "teams"), Unique(check))
        _unique(record.milestones, "ref", json_path(path, "milestones"), Unique(check))
        _unique(record.meetings, "uid", json_path(path, "meetings"), uids)
        records.append(record)
    return records


def _unique(items, key: str, path: str, unique: Unique) -> None:
    for index, item in enumerate(items):
        unique.add(getattr(item, key), json_path(path, index), key)


def _incubation(check: Checker, path: str, item: dict, *, challenges, solutions):
    challenge = check.ref(item, "challenge", path)
    if challenge is not None and challenge not in challenges:
        check.error(
            json_path(path, "challenge"), _(UNKNOWN_CHALLENGE) % {"value": quoted(challenge)}
        )
    state = check.choice(
        item, "state", path, choices=IncubationState.values, default=IncubationState.ACTIVE
    )
    goal = check.optional_text(item, "goal", path, limit=LIMITS["goal"])
    deliverables = check.optional_text(item, "deliverables", path, limit=LIMITS["deliverables"])
    teams = tuple(
        _team(check, where, team, challenge=challenge, solutions=solutions)
        for where, team in records_of(check, item, "teams", TEAM_FIELDS, path)
    )
    if not teams and isinstance(item.get("teams", []), list):
        check.error(json_path(path, "teams"), _("must name the teams, the challenge owner first"))
    named = {team.submission for team in teams}
    return IncubationRecord(
        path=path,
        challenge=challenge,
        state=state,
        goal=goal,
        deliverables=deliverables,
        teams=teams,
        milestones=tuple(
            _milestone(check, where, milestone, teams=named)
            for where, milestone in records_of(check, item, "milestones", MILESTONE_FIELDS, path)
        ),
        meetings=tuple(
            _meeting(check, where, meeting)
            for where, meeting in records_of(check, item, "meetings", MEETING_FIELDS, path)
        ),
    )
