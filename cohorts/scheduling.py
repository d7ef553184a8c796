"""Scheduling help for the secretariat: what a slot means on every enrolled team's clock,
which slots of a week suit the most teams, and when a day ends in a zone. Plain Python, no
database."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

WORKDAY_STARTS = time(8, 0)
WORKDAY_ENDS = time(19, 0)
STEP = timedelta(minutes=30)
WORKING_DAYS = range(5)  # Monday to Friday


@dataclass(frozen=True)
class Team:
    name: str
    time_zone: str


@dataclass(frozen=True)
class LocalSlot:
    team: Team
    starts: datetime
    ends: datetime
    outside_hours: bool
    on_weekend: bool

    @property
    def suits(self) -> bool:
        return not (self.outside_hours or self.on_weekend)


@dataclass(frozen=True)
class Suggestion:
    starts_at: datetime
    ends_at: datetime
    suited: int
    teams: int


def local_slot(team: Team, starts_at: datetime, ends_at: datetime) -> LocalSlot:
    """The slot on the team's clock. It suits the team when it lies inside 08:00 to 19:00 of
    one local working day."""
    zone = ZoneInfo(team.time_zone)
    starts, ends = starts_at.astimezone(zone), ends_at.astimezone(zone)
    inside = (
        starts.date() == ends.date()
        and starts.time() >= WORKDAY_STARTS
        and ends.time() <= WORKDAY_ENDS
    )
    return LocalSlot(
        team=team,
        starts=starts,
        ends=ends,
        outside_hours=not inside,
        on_weekend=starts.weekday() not in WORKING_DAYS,
    )


def local_slots(teams: list[Team], starts_at: datetime, ends_at: datetime) -> list[LocalSlot]:
    return [local_slot(team, starts_at, ends_at) for team in teams]


def suited_count(teams: list[Team], starts_at: datetime, ends_at: datetime) -> int:
    return sum(local_slot(team, starts_at, ends_at).suits for team in teams)


def suggest_week(
    *, teams: list[Team], day: date, time_zone: str, duration: timedelta
) -> list[Suggestion]:
    """For each working day of the week around ``day`` (in the reference zone), the slot
    of that length that suits the most teams; the best days first. Among equal slots of a
    day, the one nearest the middle of the reference zone's working day wins, so the
    planner's own team is not asked to meet at dawn when it makes no difference."""
    if not teams or duration <= timedelta(0):
        return []
    zone = ZoneInfo(time_zone)
    monday = day - timedelta(days=day.weekday())
    suggestions = []
    for offset in WORKING_DAYS:
        midday = datetime.combine(monday + timedelta(days=offset), time(13, 30))
        best = None
        for step in range(int(timedelta(days=1) / STEP)):
            wall = datetime.combine(midday.date(), time(0, 0)) + step * STEP
            starts_at = wall_clock_instant(wall, zone)
            if starts_at is None:
                continue
            ends_at = starts_at + duration
            count = suited_count(teams, starts_at, ends_at)
            key = (count, -abs(wall - midday))
            if best is None or key > best[0]:
                best = (key, Suggestion(starts_at, ends_at, count, len(teams)))
        if best is not None and best[1].suited > 0:
            suggestions.append(best[1])
    return sorted(suggestions, key=lambda s: (-s.suited, s.starts_at))


def wall_clock_instant(wall: datetime, zone: ZoneInfo) -> datetime | None:
    """The instant (in UTC) a naive wall-clock time names in a zone, or None when that
    time does not exist there (the hour skipped when clocks go forward). In the hour that
    repeats when clocks go back, the first one."""
    instant = wall.replace(tzinfo=zone, fold=0).astimezone(UTC)
    if instant.astimezone(zone).replace(tzinfo=None) != wall:
        return None
    return instant


def end_of_day(day: date, zone_name: str) -> datetime:
    """The instant a date ends in a zone: the next day's midnight there."""
    return datetime.combine(day + timedelta(days=1), time(0, 0), tzinfo=ZoneInfo(zone_name))
