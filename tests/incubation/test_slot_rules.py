"""The rule of meeting slots, for random teams in random zones, checked against a brute
force that reads every minute on every team's clock (``astimezone`` minute by minute),
without the windows and intersections the implementation computes:

(a) every offered slot lies inside every team's working hours on its own clock;
(b) when some slot on the quarter-hour grid, or starting when a team's day starts, lies
    inside everyone's hours, the offer is not empty;
(c) the least bad slots come only when nothing is inside, and they are the best by
    (teams outside, total minutes outside, earliest) over the whole grid;
(d) every slot starts at or after ``after`` and ends within the horizon."""

from datetime import UTC, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo, available_timezones

import numpy as np
from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from incubation.slots import Outside, TeamHours, WorkingHours, find_slots

MINUTE = timedelta(minutes=1)
HOUR = timedelta(hours=1)
PROPERTY = settings(max_examples=150, deadline=None, database=None)

ALL_ZONES = sorted(available_timezones() - {"localtime"})  # localtime is this machine's
ODD_OFFSETS = [
    "Asia/Kathmandu",  # +05:45
    "Australia/Eucla",  # +08:45
    "Asia/Kolkata",  # +05:30
    "Pacific/Chatham",  # +12:45, +13:45 in summer
    "America/St_Johns",  # -03:30, -02:30 in summer
    "Australia/Adelaide",  # +09:30, +10:30 in summer
    "Australia/Lord_Howe",  # +10:30, clocks move by half an hour
    "Pacific/Marquesas",  # -09:30
]
CLOCK_CHANGES = [
    "Europe/London",
    "Europe/Paris",
    "Europe/Lisbon",
    "America/New_York",
    "America/Toronto",
    "America/Santiago",  # changes at midnight: Sunday 00:00 is skipped
    "America/Havana",  # changes at midnight too
    "Pacific/Auckland",
    "Australia/Sydney",
    "Antarctica/Troll",  # clocks move by two hours
]
FAR_APART = ["Pacific/Honolulu", "Asia/Tokyo", "Pacific/Kiritimati", "Etc/GMT+12"]
JANUARY_OFFSET = {
    zone: datetime(2030, 1, 15, tzinfo=UTC).astimezone(ZoneInfo(zone)).utcoffset() / HOUR
    for zone in ALL_ZONES
}
# (month, day) on or just after which clocks change somewhere each year.
CHANGE_DAYS = [(3, 8), (3, 25), (4, 1), (9, 1), (9, 24), (10, 1), (10, 25), (11, 1)]

zones = st.one_of(
    st.sampled_from(ODD_OFFSETS + CLOCK_CHANGES + FAR_APART), st.sampled_from(ALL_ZONES)
)


def offset_minutes(zone: ZoneInfo, moment: datetime) -> int:
    return moment.astimezone(zone).utcoffset() // MINUTE


def neighbours(zone: str) -> list[str]:
    """The zones at most three hours from ``zone`` in mid-January 2030."""
    return [other for other in ALL_ZONES if abs(JANUARY_OFFSET[other] - JANUARY_OFFSET[zone]) <= 3]


def clock_time(minute_of_day: int) -> time:
    return time(*divmod(minute_of_day, 60))


KINDS = ["office", "any", "night", "just the meeting"]
WEEKDAYS = st.one_of(st.just(frozenset(range(5))), st.frozensets(st.integers(0, 6), min_size=1))


@st.composite
def working_hours(draw, duration: int, zone=zones, kinds=KINDS, weekdays=WEEKDAYS):
    weekdays = draw(weekdays)
    kind = draw(st.sampled_from(kinds))
    if kind == "office":  # sometimes a short one
        starts = draw(st.integers(6 * 60, 11 * 60))
        ends = starts + draw(st.integers(15, 10 * 60))
    elif kind == "long office":
        starts = draw(st.integers(7 * 60, 10 * 60))
        ends = starts + draw(st.integers(6 * 60, 11 * 60))
    elif kind == "any":
        starts = draw(st.integers(0, 1438))
        ends = draw(st.integers(starts + 1, 1439))
    elif kind == "night":  # when clocks change
        starts = draw(st.integers(0, 4 * 60))
        ends = draw(st.integers(starts + 1, 8 * 60))
    else:  # room for the meeting and a few minutes, at an odd minute
        starts = draw(st.integers(0, 1439 - duration - 3))
        ends = starts + duration + draw(st.integers(0, 3))
    return WorkingHours(draw(zone), weekdays, clock_time(starts), clock_time(ends))


@st.composite
def moments(draw) -> datetime:
    """Whole minutes in 2026-2035, often in the days before a clock change."""
    if draw(st.booleans()):
        month, day = draw(st.sampled_from(CHANGE_DAYS))
        change = datetime(draw(st.integers(2026, 2035)), month, day, tzinfo=UTC)
        return change - draw(st.integers(0, 13 * 24 * 60)) * MINUTE
    start = datetime(2026, 1, 1, tzinfo=UTC)
    return start + draw(st.integers(0, 10 * 365 * 24 * 60)) * MINUTE


@st.composite
def meetings(draw) -> dict:
    duration = draw(st.one_of(st.sampled_from([15, 30, 45, 60, 90, 120]), st.integers(1, 180)))
    # Half the time, teams a few hours apart with day-time hours: they often share some.
    neighbourly = draw(st.booleans())
    kinds = ["long office", "long office", "office", "any"] if neighbourly else KINDS
    weekdays = st.sampled_from([frozenset(range(5)), frozenset(range(7))])
    weekdays = weekdays if neighbourly else WEEKDAYS
    first = draw(working_hours(duration, kinds=kinds, weekdays=weekdays))
    zone = st.sampled_from(neighbours(first.time_zone)) if neighbourly else zones
    others = st.lists(working_hours(duration, zone, kinds, weekdays), min_size=1, max_size=3)
    hours = [first, *draw(others)]
    return {
        "teams": [TeamHours(f"Team {i}", h) for i, h in enumerate(hours)],
        "after": draw(moments()),
        "days": draw(st.one_of(st.just(14), st.integers(1, 14))),
        "duration": duration * MINUTE,
        "step": draw(st.one_of(st.just(15), st.sampled_from([5, 10, 30, 60]))) * MINUTE,
        "limit": draw(st.one_of(st.integers(1, 15), st.just(10_000))),
    }


class MinuteClock:
    """Whether a team works, minute by minute from ``lo``, read off its own clock. The
    zone's offset is read every hour, and every minute of an hour in which it changes
    (from 2025 to 2037 no zone changes its clocks twice within a month, always on a
    whole minute)."""

    def __init__(self, hours: WorkingHours, lo: datetime, hi: datetime):
        zone = ZoneInfo(hours.time_zone)
        count = (hi - lo) // MINUTE
        hourly = [offset_minutes(zone, lo + h * HOUR) for h in range(count // 60 + 2)]
        offsets = np.repeat(hourly[:-1], 60)[:count]
        for h in np.flatnonzero(np.diff(hourly)):
            minutes = range(h * 60, min(h * 60 + 60, count))
            offsets[minutes.start : minutes.stop] = [
                offset_minutes(zone, lo + m * MINUTE) for m in minutes
            ]
        local = int(lo.timestamp()) // 60 + np.arange(count) + offsets
        days, minute_of_day = np.divmod(local, 24 * 60)
        working = (
            np.isin((days + 3) % 7, sorted(hours.weekdays))  # 1 January 1970 was a Thursday
            & (minute_of_day >= hours.starts.hour * 60 + hours.starts.minute)
            & (minute_of_day < hours.ends.hour * 60 + hours.ends.minute)
        )
        self.working = working.astype(np.int64)
        self.worked_before = np.concatenate([[0], np.cumsum(self.working)])
        edges = np.diff(np.concatenate([[0], self.working, [0]]))
        self.run_starts = np.flatnonzero(edges == 1)
        self.run_ends = np.flatnonzero(edges == -1)

    def works_throughout(self, starts, duration: int):
        return self.worked_before[starts + duration] - self.worked_before[starts] == duration

    def minutes_outside(self, starts, duration: int):
        """How far each slot is from its nearest working stretch (0 when inside), and
        whether it starts before that stretch starts."""
        starts = np.asarray(starts)[:, None]
        early = np.maximum(self.run_starts[None, :] - starts, 0)
        late = np.maximum(starts + duration - self.run_ends[None, :], 0)
        nearest = (early + late).argmin(axis=1)
        return (early + late).min(axis=1), self.run_starts[nearest] > starts[:, 0]


def longest_break(hours: WorkingHours) -> timedelta:
    """Days from one working day to the next, at most."""
    days = sorted(hours.weekdays)
    return timedelta(days=max((b - a) % 7 or 7 for a, b in pairwise([*days, days[0]])))


def brute_force(teams, after, until, duration):
    # The nearest working stretch of a slot is within the team's longest break (and a
    # day for the slot's own date, another for a day a clock change leaves without hours).
    margin = max(longest_break(team.hours) for team in teams) + timedelta(days=2) + duration
    lo, hi = after - margin, until + margin
    clocks = [MinuteClock(team.hours, lo, hi) for team in teams]
    return lo, clocks


def minute_of(lo: datetime, moment: datetime) -> int:
    return (moment - lo) // MINUTE


def assert_inside_on_every_clock(slot, teams):
    for team, seen in zip(teams, slot.teams, strict=True):
        zone = ZoneInfo(team.hours.time_zone)
        assert seen.inside and seen.minutes_outside == 0 and seen.outside is None
        assert seen.starts == slot.starts_at.astimezone(zone)
        assert seen.ends == slot.ends_at.astimezone(zone)
        moment = slot.starts_at
        while moment < slot.ends_at:
            local = moment.astimezone(zone)
            assert local.weekday() in team.hours.weekdays, (team, local)
            assert team.hours.starts <= local.time() < team.hours.ends, (team, local)
            moment += MINUTE


def next_quarter(moment: datetime) -> datetime:
    return moment + (-moment.minute % 15) * MINUTE  # moments here are whole minutes


def inside_starts_by_brute_force(teams, after, until, duration, step):
    """Every slot the rule allows: from the start of each stretch when everyone works
    (or the quarter hour after ``after``), then every step while the slot fits."""
    lo, clocks = brute_force(teams, after, until, duration)
    everyone = np.logical_and.reduce([clock.working.astype(bool) for clock in clocks])
    edges = np.diff(np.concatenate([[0], everyone.astype(np.int64), [0]]))
    first, end = minute_of(lo, after), minute_of(lo, until)
    d, every = duration // MINUTE, step // MINUTE
    starts = []
    for run_start, run_end in zip(
        np.flatnonzero(edges == 1), np.flatnonzero(edges == -1), strict=True
    ):
        start = run_start if run_start >= first else minute_of(lo, next_quarter(after))
        starts += range(start, min(run_end, end) - d + 1, every)
    return [lo + int(start) * MINUTE for start in starts]


def assert_inside_slots_are_the_rules(offer, teams, after, until, duration, step, limit):
    allowed = inside_starts_by_brute_force(teams, after, until, duration, step)
    offered = [slot.starts_at for slot in offer.inside]
    assert set(offered) <= set(allowed)
    assert len(offered) == min(limit, len(allowed))
    first_zone = ZoneInfo(teams[0].hours.time_zone)
    days = {start.astimezone(first_zone).date() for start in allowed}
    assert len({start.astimezone(first_zone).date() for start in offered}) == min(limit, len(days))
    for slot in offer.inside[:15]:
        assert_inside_on_every_clock(slot, teams)


def assert_nothing_inside_by_brute_force(teams, after, until, duration):
    lo, clocks = brute_force(teams, after, until, duration)
    d = duration // MINUTE
    first, last = minute_of(lo, after), minute_of(lo, until) - d
    candidates = np.arange(first, last + 1)
    on_grid = ((lo + first * MINUTE).minute + candidates - first) % 15 == 0
    day_starts = np.zeros_like(on_grid)
    for clock in clocks:
        day_starts |= np.isin(candidates, clock.run_starts)
    candidates = candidates[on_grid | day_starts]
    inside_all = np.ones(len(candidates), dtype=bool)
    for clock in clocks:
        inside_all &= clock.works_throughout(candidates, d)
    assert not inside_all.any(), lo + int(candidates[inside_all][0]) * MINUTE
    return lo, clocks


def assert_least_bad_are_the_best(offer, teams, after, until, duration, step, limit):
    lo, clocks = assert_nothing_inside_by_brute_force(teams, after, until, duration)
    d = duration // MINUTE
    grid_start = next_quarter(after)
    starts = []
    while grid_start + duration <= until:
        starts.append(minute_of(lo, grid_start))
        grid_start += step
    if not starts:
        assert offer.least_bad == ()
        return
    measured = [clock.minutes_outside(starts, d) for clock in clocks]
    outside = np.stack([far for far, _ in measured])
    early = np.stack([starts_early for _, starts_early in measured])
    keys = sorted(
        zip(
            (outside > 0).sum(axis=0).tolist(),
            outside.sum(axis=0).tolist(),
            [lo + start * MINUTE for start in starts],
            strict=True,
        )
    )
    offered = [
        (len(slot.teams_outside), slot.minutes_outside, slot.starts_at) for slot in offer.least_bad
    ]
    assert offered == keys[:limit]
    column_of = {start: column for column, start in enumerate(starts)}
    for slot in offer.least_bad[:15]:
        column = column_of[minute_of(lo, slot.starts_at)]
        for i, (team, seen) in enumerate(zip(teams, slot.teams, strict=True)):
            far = outside[i, column]
            assert seen.minutes_outside == far and seen.inside == (far == 0)
            local = slot.starts_at.astimezone(ZoneInfo(team.hours.time_zone))
            if not far:
                why = None
            elif local.weekday() not in team.hours.weekdays:
                why = Outside.NOT_WORKING_DAY
            else:
                why = Outside.BEFORE_START if early[i, column] else Outside.AFTER_END
            assert seen.outside is why


HONOLULU_TOKYO_LONDON = [
    TeamHours(name, WorkingHours(zone, starts=time(10), ends=time(12)))
    for name, zone in [("H", "Pacific/Honolulu"), ("T", "Asia/Tokyo"), ("L", "Europe/London")]
]
EVERY_DAY = frozenset(range(7))


def through_the_night_in_paris(starts: time) -> list[TeamHours]:
    """Paris works at night, through the hour its clocks change (London's change too)."""
    return [
        TeamHours("Paris", WorkingHours("Europe/Paris", EVERY_DAY, starts, time(6))),
        TeamHours("London", WorkingHours("Europe/London", EVERY_DAY, time(0), time(23, 59))),
    ]


KATHMANDU_CHATHAM_ST_JOHNS = [
    TeamHours(name, WorkingHours(zone, starts=time(7), ends=time(21)))
    for name, zone in [("K", "Asia/Kathmandu"), ("C", "Pacific/Chatham"), ("S", "America/St_Johns")]
]


@PROPERTY
@given(meeting=meetings())
@example(meeting={"teams": HONOLULU_TOKYO_LONDON, "after": datetime(2030, 3, 25, 7, 3, tzinfo=UTC)})
@example(meeting={"teams": KATHMANDU_CHATHAM_ST_JOHNS, "after": datetime(2030, 3, 28, tzinfo=UTC)})
@example(
    meeting={
        # The working night holds the hour the clocks skip.
        "teams": through_the_night_in_paris(time(1)),
        "after": datetime(2030, 3, 28, 0, 7, tzinfo=UTC),
        "duration": 90 * MINUTE,
        "limit": 10_000,
    }
)
@example(
    meeting={
        # The working night starts in the hour the clocks skip...
        "teams": through_the_night_in_paris(time(2, 30)),
        "after": datetime(2030, 3, 28, 0, 7, tzinfo=UTC),
        "limit": 10_000,
    }
)
@example(
    meeting={
        # ... or in the hour they repeat: 02:00 to 02:30 the second time is before it starts.
        "teams": through_the_night_in_paris(time(2, 30)),
        "after": datetime(2030, 10, 24, 0, 7, tzinfo=UTC),
        "limit": 10_000,
    }
)
def test_slots_lie_inside_everyones_hours_or_are_the_least_bad(meeting):
    meeting = {"days": 14, "duration": 60 * MINUTE, "step": 15 * MINUTE, "limit": 12} | meeting
    teams, after, days = meeting["teams"], meeting["after"], meeting["days"]
    duration, step, limit = meeting["duration"], meeting["step"], meeting["limit"]
    until = after + timedelta(days=days)

    offer = find_slots(teams, after=after, days=days, duration=duration, step=step, limit=limit)

    for slot in offer.inside + offer.least_bad:  # (d)
        assert after <= slot.starts_at and slot.ends_at <= until
        assert slot.starts_at.tzinfo is UTC and slot.ends_at - slot.starts_at == duration
    if offer.inside:
        event("shared hours")
        assert offer.least_bad == ()  # (c)
        # (a), and every allowed slot is offered when the limit allows
        assert_inside_slots_are_the_rules(offer, teams, after, until, duration, step, limit)
    else:
        event("no shared hours")
        # (b), then (c)
        assert_least_bad_are_the_best(offer, teams, after, until, duration, step, limit)
