"""Meeting slots for teams in different time zones: the slots of the coming days that fall
inside every team's working hours, ranked so a person picks easily, or, when the teams
share no hours, the least bad ones. Plain Python, no database and no Django.

A team's working window on a local date is the set of instants at which its own clock
shows that date and a time from the start (included) to the end (excluded) of its day.
The zone's offset is read from ``ZoneInfo`` for every stretch between two clock changes,
so a window is right on the days a clock change falls inside the horizon, and even when
the change falls inside the working day itself (the hour skipped or repeated)."""

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

QUARTER = timedelta(minutes=15)
MINUTE = timedelta(minutes=1)
SECOND = timedelta(seconds=1)
ZERO = timedelta(0)
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)
PER_DAY = 3  # at most this many slots of one day among the first offered
# Every team works at least once a week: its nearest working day is never farther.
NEAREST_WORKING_DAY = timedelta(days=8)

type Window = tuple[datetime, datetime]


@dataclass(frozen=True)
class WorkingHours:
    """When a team works, on its own clock (Monday is 0)."""

    time_zone: str
    weekdays: frozenset[int] = frozenset(range(5))
    starts: time = time(9, 0)
    ends: time = time(17, 0)

    def __post_init__(self):
        try:
            ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"Unknown time zone: {self.time_zone!r}") from None
        weekdays = frozenset(self.weekdays)
        if not weekdays or not weekdays <= set(range(7)):
            raise ValueError("Working weekdays must be some of 0 (Monday) to 6 (Sunday).")
        if self.starts.tzinfo or self.ends.tzinfo:
            raise ValueError("The working day is given on the team's own clock, without zone.")
        if not self.starts < self.ends:
            raise ValueError("The working day must start before it ends.")
        object.__setattr__(self, "weekdays", weekdays)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)


@dataclass(frozen=True)
class TeamHours:
    name: str
    hours: WorkingHours


class Outside(StrEnum):
    BEFORE_START = "before_start"
    AFTER_END = "after_end"
    NOT_WORKING_DAY = "not_working_day"


@dataclass(frozen=True)
class TeamTime:
    """A slot on one team's clock. ``minutes_outside`` is how far the slot lies outside the
    team's hours: the minutes by which its nearest working day would have to start earlier
    plus end later to hold the meeting (0 when inside). ``outside`` says why: the slot
    starts before the working day, ends after it, or falls on a day the team does not work."""

    team: str
    starts: datetime
    ends: datetime
    inside: bool
    minutes_outside: int = 0
    outside: Outside | None = None


@dataclass(frozen=True)
class Slot:
    starts_at: datetime  # UTC
    ends_at: datetime  # UTC
    teams: tuple[TeamTime, ...]

    @property
    def teams_outside(self) -> tuple[TeamTime, ...]:
        return tuple(team for team in self.teams if not team.inside)

    @property
    def minutes_outside(self) -> int:
        return sum(team.minutes_outside for team in self.teams)


@dataclass(frozen=True)
class SlotOffer:
    inside: tuple[Slot, ...] = field(default_factory=tuple)
    least_bad: tuple[Slot, ...] = field(default_factory=tuple)


def find_slots(
    teams: list[TeamHours],
    *,
    after: datetime,
    days: int = 14,
    duration: timedelta,
    step: timedelta = QUARTER,
    limit: int = 12,
) -> SlotOffer:
    """The slots of ``duration`` between ``after`` and ``days`` later (whole slots only).

    Inside slots start at the start of each stretch the teams share, then every ``step``
    while the slot fits, so zones with :30 and :45 offsets are not missed by a grid. They
    are ranked to spread over days: each day (a date on the first team's clock, so pass
    the proposer's team first) offers its earliest slot, then its next slot that starts
    once the previous one has ended, up to PER_DAY of them; the first of every day come
    first, then the second of every day, and so on, earliest first within each round;
    every other slot follows, earliest first.

    When the teams share no slot, ``least_bad`` ranks the slots of a grid (every ``step``
    from ``after`` rounded up to a quarter hour) by the number of teams outside their
    hours, then the total minutes outside, then the earliest."""
    if not teams:
        raise ValueError("At least one team is needed.")
    if after.tzinfo is None or after.utcoffset() is None:
        raise ValueError("`after` must be an aware datetime.")
    if days < 1 or limit < 1 or duration <= timedelta(0) or step <= timedelta(0):
        raise ValueError("days, limit, duration and step must be positive.")
    after = after.astimezone(UTC)
    until = after + days * DAY
    reach = NEAREST_WORKING_DAY + duration
    windows = [_working_windows(team.hours, after - reach, until + reach) for team in teams]
    shared = _shared(windows)
    starts = list(_inside_starts(shared, after=after, until=until, duration=duration, step=step))
    hours = [_Windows(team_windows) for team_windows in windows]
    if starts:
        ranked = _spread(starts, duration, teams[0].hours.zone)[:limit]
        return SlotOffer(inside=tuple(_slot(teams, hours, s, s + duration) for s in ranked))
    return SlotOffer(least_bad=_least_bad(teams, hours, after, until, duration, step, limit))


def shared_hours(teams: list[TeamHours], *, week_starting: date) -> list[Window]:
    """The stretches (UTC) of the week when every team is working. The week is the seven
    dates from ``week_starting`` on each team's own calendar."""
    if not teams:
        raise ValueError("At least one team is needed.")
    windows = []
    for team in teams:
        zone = team.hours.zone
        lo = datetime.combine(week_starting, time(0), tzinfo=zone).astimezone(UTC)
        hi = datetime.combine(week_starting + 7 * DAY, time(0), tzinfo=zone).astimezone(UTC)
        windows.append(_clip(_working_windows(team.hours, lo, hi), lo, hi))
    return _shared(windows)


def _working_windows(hours: WorkingHours, lo: datetime, hi: datetime) -> list[Window]:
    """The team's working windows (UTC, sorted) for the local dates around [lo, hi).
    Windows that touch (a clock change at the edge of a day) are joined into one."""
    zone = hours.zone
    # A local date's window lies within a day and a half of its UTC date.
    clock = _clock_stretches(zone, lo - 3 * DAY, hi + 3 * DAY)
    day, last_day = (lo - DAY).date(), (hi + DAY).date()
    pieces: list[Window] = []
    while day <= last_day:
        if day.weekday() in hours.weekdays:
            first = datetime.combine(day, hours.starts)
            last = datetime.combine(day, hours.ends)
            for begins, ends, offset in clock:
                # Within a stretch the clock runs steadily: it shows ``first`` at first - offset.
                starts_at = max(begins, (first - offset).replace(tzinfo=UTC))
                ends_at = min(ends, (last - offset).replace(tzinfo=UTC))
                if starts_at < ends_at:
                    pieces.append((starts_at, ends_at))
        day += DAY
    pieces.sort()
    joined: list[Window] = []
    for starts_at, ends_at in pieces:
        if joined and joined[-1][1] >= starts_at:
            joined[-1] = (joined[-1][0], max(joined[-1][1], ends_at))
        else:
            joined.append((starts_at, ends_at))
    return joined


def _offset(zone: ZoneInfo, instant: datetime) -> timedelta:
    return instant.astimezone(zone).utcoffset()


def _clock_stretches(zone: ZoneInfo, lo: datetime, hi: datetime):
    """[(begins, ends, offset)] covering [lo, hi): the zone's offset is the same all along
    each stretch. Clocks change at most once an hour, so hourly probes find every change."""
    stretches = []
    begins, offset = lo, _offset(zone, lo)
    probe = lo
    while probe < hi:
        following = min(probe + HOUR, hi)
        if _offset(zone, following) != offset:
            change = _clock_change(zone, probe, following)
            stretches.append((begins, change, offset))
            begins, offset = change, _offset(zone, change)
        probe = following
    stretches.append((begins, hi, offset))
    return stretches


def _clock_change(zone: ZoneInfo, before: datetime, after: datetime) -> datetime:
    """The first instant (to the second) with ``after``'s offset; the offset changes once
    between ``before`` and ``after``."""
    before, after = before.replace(microsecond=0), after.replace(microsecond=0)
    target = _offset(zone, after)
    while after - before > SECOND:
        middle = (before + (after - before) / 2).replace(microsecond=0)
        if _offset(zone, middle) == target:
            after = middle
        else:
            before = middle
    return after


def _shared(windows: list[list[Window]]) -> list[Window]:
    shared = windows[0]
    for other in windows[1:]:
        shared = _intersect(shared, other)
    return shared


def _intersect(one: list[Window], other: list[Window]) -> list[Window]:
    both, i, j = [], 0, 0
    while i < len(one) and j < len(other):
        starts_at = max(one[i][0], other[j][0])
        ends_at = min(one[i][1], other[j][1])
        if starts_at < ends_at:
            both.append((starts_at, ends_at))
        if one[i][1] < other[j][1]:
            i += 1
        else:
            j += 1
    return both


def _clip(windows: list[Window], lo: datetime, hi: datetime) -> list[Window]:
    clipped = [(max(s, lo), min(e, hi)) for s, e in windows]
    return [(s, e) for s, e in clipped if s < e]


def _next_quarter(moment: datetime) -> datetime:
    floor = moment.replace(minute=moment.minute - moment.minute % 15, second=0, microsecond=0)
    return floor if floor == moment else floor + QUARTER


def _inside_starts(shared: list[Window], *, after, until, duration, step):
    """Each shared stretch's start, then every step while the slot fits. A stretch already
    under way at ``after`` is offered from the next quarter hour, not at an odd minute."""
    for starts_at, ends_at in shared:
        if starts_at < after:
            starts_at = _next_quarter(after)
        ends_at = min(ends_at, until)
        while starts_at + duration <= ends_at:
            yield starts_at
            starts_at += step


def _spread(starts: list[datetime], duration: timedelta, zone: ZoneInfo) -> list[datetime]:
    """The ranking described in ``find_slots``: rounds of one slot per day."""
    picked_per_day: dict[date, list[datetime]] = {}
    rounds = {}
    for starts_at in starts:
        picked = picked_per_day.setdefault(starts_at.astimezone(zone).date(), [])
        if len(picked) < PER_DAY and (not picked or starts_at >= picked[-1] + duration):
            rounds[starts_at] = len(picked)
            picked.append(starts_at)
    return sorted(starts, key=lambda starts_at: (rounds.get(starts_at, PER_DAY), starts_at))


def _least_bad(teams, hours, after, until, duration, step, limit) -> tuple[Slot, ...]:
    keyed = []
    starts_at = _next_quarter(after)
    while starts_at + duration <= until:
        ends_at = starts_at + duration
        far = [team_hours.nearest(starts_at, ends_at)[0] for team_hours in hours]
        keyed.append((sum(1 for stretch in far if stretch), sum(far, timedelta(0)), starts_at))
        starts_at += step
    keyed.sort()
    return tuple(_slot(teams, hours, s, s + duration) for _, _, s in keyed[:limit])


class _Windows:
    """One team's working windows: UTC, sorted, never overlapping."""

    def __init__(self, windows: list[Window]):
        self.windows = windows
        self.begins = [begins for begins, _ in windows]

    def nearest(self, starts_at: datetime, ends_at: datetime) -> tuple[timedelta, Window]:
        """The window nearest the slot, and how far the slot lies outside it: how much
        earlier the window would have to start plus how much later end to hold it."""
        # A window ending before the last one to start by the slot's start, or starting
        # after the first one to start after its end, is farther than that one.
        first = max(bisect_right(self.begins, starts_at) - 1, 0)
        last = min(bisect_right(self.begins, ends_at), len(self.windows) - 1)
        best, nearest = None, None
        for begins, ends in self.windows[first : last + 1]:
            stretch = max(begins - starts_at, ZERO) + max(ends_at - ends, ZERO)
            if best is None or stretch < best:
                best, nearest = stretch, (begins, ends)
        return best, nearest


def _slot(teams, hours, starts_at: datetime, ends_at: datetime) -> Slot:
    return Slot(
        starts_at=starts_at,
        ends_at=ends_at,
        teams=tuple(
            _team_time(team, team_hours, starts_at, ends_at)
            for team, team_hours in zip(teams, hours, strict=True)
        ),
    )


def _team_time(team: TeamHours, hours: _Windows, starts_at, ends_at) -> TeamTime:
    zone = team.hours.zone
    local_start, local_end = starts_at.astimezone(zone), ends_at.astimezone(zone)
    stretch, window = hours.nearest(starts_at, ends_at)
    if not stretch:
        return TeamTime(team.name, local_start, local_end, inside=True)
    if local_start.weekday() not in team.hours.weekdays:
        why = Outside.NOT_WORKING_DAY
    elif starts_at < window[0]:
        why = Outside.BEFORE_START
    else:
        why = Outside.AFTER_END
    minutes = -(-stretch // MINUTE)  # a part of a minute counts as a minute
    return TeamTime(team.name, local_start, local_end, False, minutes, why)
