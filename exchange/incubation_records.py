"""Reading the optional ``incubations`` of an exchange file (docs/exchange-format.md)
into plain records, every problem named by its JSON path, before anything is written.
A file without the key reads as no incubations: older files import as they always did.

Which challenges and proposals the refs name is looked up once the rest of the round is
in (they may come in the same file); see exchange.incubations."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from django.utils.translation import gettext as _

from exchange.schema import ExchangeError
from incubation.models import LIMITS, IncubationState, MeetingState, MilestoneState
from incubation.models.meetings import DURATIONS
from incubator.validators import MARKUP, time_zone_names

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
REF_MAX = 100


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


def _shown(value) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "…'"


class _Reader:
    def __init__(self):
        self.errors: list[str] = []

    def error(self, path: str, message: str) -> None:
        self.errors.append(f"{path}: {message}")

    def items(self, record: dict, key: str, path: str, allowed) -> list[tuple[str, dict]]:
        where = f"{path}.{key}" if path else key
        value = record.get(key, [])
        if not isinstance(value, list):
            self.error(where, _("must be a list"))
            return []
        found = []
        for index, item in enumerate(value):
            item_path = f"{where}[{index}]"
            if self.fields(item, item_path, allowed):
                found.append((item_path, item))
        return found

    def fields(self, item, path: str, allowed) -> bool:
        if not isinstance(item, dict):
            self.error(path, _("must be an object"))
            return False
        for name in sorted(set(item) - set(allowed)):
            self.error(f"{path}.{name}", _("is not a field of the format"))
        return True

    def text(self, item: dict, key: str, path: str, *, limit: int, required=False) -> str:
        value = item.get(key, "")
        if not isinstance(value, str) or "\x00" in value:
            self.error(f"{path}.{key}", _("must be text, not %(value)s") % {"value": _shown(value)})
            return ""
        if required and not value.strip():
            self.error(f"{path}.{key}", _("must not be empty"))
        elif len(value) > limit:
            self.error(f"{path}.{key}", _("is longer than %(limit)d characters") % {"limit": limit})
        elif MARKUP.search(value):
            self.error(f"{path}.{key}", _("must be plain text, without HTML"))
        return value

    def ref(self, item: dict, key: str, path: str) -> str:
        value = item.get(key)
        if not isinstance(value, str) or not 0 < len(value) <= REF_MAX or "\x00" in value:
            self.error(f"{path}.{key}", _("must be a ref: text of 1 to 100 characters"))
            return ""
        return value

    def choice(self, item: dict, key: str, path: str, choices, default: str) -> str:
        value = item.get(key, default)
        if value not in choices:
            self.error(
                f"{path}.{key}",
                _("%(value)s is not one of: %(choices)s")
                % {"value": _shown(value), "choices": ", ".join(choices)},
            )
        return value

    def moment(self, item: dict, key: str, path: str) -> datetime | None:
        value = item.get(key)
        if value is None:
            return None
        try:
            moment = datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            self.error(
                f"{path}.{key}",
                _("%(value)s is not an ISO 8601 date and time with its offset")
                % {"value": _shown(value)},
            )
            return None
        return moment.astimezone(UTC)

    def day(self, item: dict, key: str, path: str) -> date | None:
        value = item.get(key)
        try:
            if isinstance(value, str):
                return date.fromisoformat(value)
        except ValueError:
            pass
        self.error(f"{path}.{key}", _("must be a date such as 2026-10-01"))
        return None


def _hours(reader: _Reader, item: dict, path: str) -> tuple[tuple[int, ...], time, time]:
    days = item.get("working_days", [0, 1, 2, 3, 4])
    if not isinstance(days, list) or not days or not all(d in range(7) for d in days):
        reader.error(f"{path}.working_days", _("must list days from 0 (Monday) to 6 (Sunday)"))
        days = [0]
    hours = item.get("working_hours", ["09:00", "17:00"])
    try:
        starts, ends = (time.fromisoformat(value) for value in hours)
        if not starts < ends or not isinstance(hours, list):
            raise ValueError
    except (TypeError, ValueError):
        reader.error(
            f"{path}.working_hours",
            _("must be a list of a start and an end time, such as 09:00 and 17:00"),
        )
        starts, ends = time(9), time(17)
    return tuple(sorted(set(days))), starts, ends


def _team(reader: _Reader, path: str, item: dict) -> TeamRecord:
    days, starts, ends = _hours(reader, item, path)
    return TeamRecord(
        submission=reader.ref(item, "submission", path),
        brings=reader.text(item, "brings", path, limit=LIMITS["brings"]),
        weekdays=days,
        day_starts=starts,
        day_ends=ends,
    )


def _milestone(reader: _Reader, path: str, item: dict) -> MilestoneRecord:
    return MilestoneRecord(
        ref=reader.ref(item, "ref", path),
        team=reader.ref(item, "team", path),
        title=reader.text(item, "title", path, limit=LIMITS["milestone_title"], required=True),
        details=reader.text(item, "details", path, limit=LIMITS["milestone_details"]),
        due_on=reader.day(item, "due_on", path),
        state=reader.choice(item, "state", path, MilestoneState.values, MilestoneState.PLANNED),
        done_at=reader.moment(item, "done_at", path),
        note=reader.text(item, "note", path, limit=LIMITS["note"]),
        link=reader.text(item, "link", path, limit=500),
    )


def _meeting(reader: _Reader, path: str, item: dict) -> MeetingRecord:
    zone = item.get("time_zone")
    if zone not in time_zone_names():
        reader.error(
            f"{path}.time_zone", _("%(value)s is not an IANA time zone") % {"value": _shown(zone)}
        )
    duration = item.get("duration_minutes", 60)
    if duration not in DURATIONS:
        reader.error(
            f"{path}.duration_minutes",
            _("must be one of: %(choices)s") % {"choices": ", ".join(map(str, DURATIONS))},
        )
    sequence = item.get("sequence", 0)
    if not isinstance(sequence, int) or isinstance(sequence, bool) or not 0 <= sequence < 2**31:
        reader.error(f"{path}.sequence", _("must be a whole number from 0"))
        sequence = 0
    record = MeetingRecord(
        uid=reader.text(item, "uid", path, limit=200, required=True),
        title=reader.text(item, "title", path, limit=LIMITS["meeting_title"], required=True),
        agenda=reader.text(item, "agenda", path, limit=LIMITS["agenda"]),
        duration_minutes=duration,
        time_zone=zone,
        state=reader.choice(item, "state", path, MeetingState.values, MeetingState.FIXED),
        starts_at=reader.moment(item, "starts_at", path),
        ends_at=reader.moment(item, "ends_at", path),
        sequence=sequence,
        joining_link=reader.text(item, "joining_link", path, limit=500),
    )
    timed = record.starts_at is not None and record.ends_at is not None
    if record.state != MeetingState.POLLING and not (timed and record.starts_at < record.ends_at):
        reader.error(path, _("a fixed or cancelled meeting needs starts_at before ends_at"))
    return record


def incubation_records(data: dict) -> list[IncubationRecord]:
    """The file's incubations; an ExchangeError lists every problem found."""
    reader = _Reader()
    if not isinstance(data, dict) or "incubations" not in data:
        return []
    records = []
    for path, item in reader.items(data, "incubations", "", INCUBATION_FIELDS):
        teams = reader.items(item, "teams", path, TEAM_FIELDS)
        if not teams:
            reader.error(f"{path}.teams", _("must name the teams, the challenge owner first"))
        records.append(
            IncubationRecord(
                path=path,
                challenge=reader.ref(item, "challenge", path),
                state=reader.choice(
                    item, "state", path, IncubationState.values, IncubationState.ACTIVE
                ),
                goal=reader.text(item, "goal", path, limit=LIMITS["goal"]),
                deliverables=reader.text(item, "deliverables", path, limit=LIMITS["deliverables"]),
                teams=tuple(_team(reader, p, team) for p, team in teams),
                milestones=tuple(
                    _milestone(reader, p, m)
                    for p, m in reader.items(item, "milestones", path, MILESTONE_FIELDS)
                ),
                meetings=tuple(
                    _meeting(reader, p, m)
                    for p, m in reader.items(item, "meetings", path, MEETING_FIELDS)
                ),
            )
        )
    if reader.errors:
        raise ExchangeError(reader.errors)
    return records
