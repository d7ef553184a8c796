"""Meeting slots for real pairs of the programme, read on each team's clock: Tokyo and
São Paulo, Lisbon, Nairobi and Toronto, Paris and São Paulo across the European clock
change, zones with :45 offsets, and teams that share no hour at all."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from incubation.slots import (
    PER_DAY,
    Outside,
    TeamHours,
    WorkingHours,
    find_slots,
    shared_hours,
)

HOUR = timedelta(hours=1)
MONDAY_3_JUNE_2030 = datetime(2030, 6, 3, tzinfo=UTC)


def team(name, zone, starts=time(9), ends=time(17), weekdays=range(5)) -> TeamHours:
    return TeamHours(name, WorkingHours(zone, frozenset(weekdays), starts, ends))


def on_the_clocks(slot) -> list[str]:
    return [f"{seen.team} {seen.starts:%a %H:%M}–{seen.ends:%H:%M}" for seen in slot.teams]


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_tokyo_and_sao_paulo_share_no_hour_of_an_office_day():
    # Twelve hours apart: 09:00 to 17:00 in Tokyo is 21:00 to 05:00 in São Paulo.
    teams = [team("Tokyo", "Asia/Tokyo"), team("São Paulo", "America/Sao_Paulo")]

    offer = find_slots(teams, after=MONDAY_3_JUNE_2030, duration=HOUR)

    assert offer.inside == ()
    assert shared_hours(teams, week_starting=date(2030, 6, 3)) == []
    # Four hours lie between their days each way: a one-hour meeting asks one team for
    # five hours beyond its day.
    least_bad = offer.least_bad[0]
    assert on_the_clocks(least_bad) == ["Tokyo Mon 16:00–17:00", "São Paulo Mon 04:00–05:00"]
    (sao_paulo,) = least_bad.teams_outside
    assert (sao_paulo.team, sao_paulo.minutes_outside) == ("São Paulo", 300)
    assert sao_paulo.outside is Outside.BEFORE_START
    assert all(slot.minutes_outside == 300 for slot in offer.least_bad)


def test_tokyo_from_eight_and_sao_paulo_until_nine_share_one_hour_four_days_a_week():
    teams = [
        team("Tokyo", "Asia/Tokyo", starts=time(8)),
        team("São Paulo", "America/Sao_Paulo", starts=time(12), ends=time(21)),
    ]

    offer = find_slots(teams, after=MONDAY_3_JUNE_2030, duration=HOUR, limit=20)

    # 08:00 in Tokyo is 20:00 the evening before in São Paulo, so Tokyo's Monday morning
    # is a Sunday there: Tuesday to Friday only.
    assert [on_the_clocks(slot) for slot in offer.inside[:4]] == [
        ["Tokyo Tue 08:00–09:00", "São Paulo Mon 20:00–21:00"],
        ["Tokyo Wed 08:00–09:00", "São Paulo Tue 20:00–21:00"],
        ["Tokyo Thu 08:00–09:00", "São Paulo Wed 20:00–21:00"],
        ["Tokyo Fri 08:00–09:00", "São Paulo Thu 20:00–21:00"],
    ]
    assert len(offer.inside) == 8  # two weeks
    assert shared_hours(teams, week_starting=date(2030, 6, 3)) == [
        (utc(2030, 6, day, 23), utc(2030, 6, day + 1, 0)) for day in (3, 4, 5, 6)
    ]


def test_lisbon_nairobi_and_toronto_share_an_hour_only_while_toronto_is_on_summer_time():
    teams = [
        team("Lisbon", "Europe/Lisbon"),
        team("Nairobi", "Africa/Nairobi"),
        team("Toronto", "America/Toronto"),
    ]

    june = find_slots(teams, after=MONDAY_3_JUNE_2030, duration=HOUR)
    january = find_slots(teams, after=utc(2030, 1, 7), duration=HOUR)

    assert len(june.inside) == 10
    assert on_the_clocks(june.inside[0]) == [
        "Lisbon Mon 14:00–15:00",
        "Nairobi Mon 16:00–17:00",
        "Toronto Mon 09:00–10:00",
    ]
    # In January Toronto's 09:00 is Nairobi's 17:00: the least bad asks one team for an hour.
    assert january.inside == ()
    first = january.least_bad[0]
    assert on_the_clocks(first) == [
        "Lisbon Mon 13:00–14:00",
        "Nairobi Mon 16:00–17:00",
        "Toronto Mon 08:00–09:00",
    ]
    assert [(seen.team, seen.minutes_outside, seen.outside) for seen in first.teams_outside] == [
        ("Toronto", 60, Outside.BEFORE_START)
    ]


def test_the_shared_hour_ends_when_toronto_puts_its_clocks_back_inside_the_two_weeks():
    teams = [
        team("Lisbon", "Europe/Lisbon"),
        team("Nairobi", "Africa/Nairobi"),
        team("Toronto", "America/Toronto"),
    ]

    # Europe changed on 27 October 2030; Toronto changes on Sunday 3 November.
    offer = find_slots(teams, after=utc(2030, 10, 28), duration=HOUR)

    assert [slot.starts_at for slot in offer.inside] == [
        utc(2030, 10, 28, 13),
        utc(2030, 10, 29, 13),
        utc(2030, 10, 30, 13),
        utc(2030, 10, 31, 13),
        utc(2030, 11, 1, 13),
    ]
    assert shared_hours(teams, week_starting=date(2030, 11, 4)) == []


def test_across_the_european_clock_change_paris_keeps_its_hours_and_the_utc_slots_move():
    teams = [team("Paris", "Europe/Paris"), team("São Paulo", "America/Sao_Paulo")]

    # Paris puts its clocks forward on Sunday 31 March 2030; São Paulo does not change.
    offer = find_slots(teams, after=utc(2030, 3, 27), duration=HOUR, limit=1000)

    latest = {}  # the latest slot of each day, by the Paris calendar
    for slot in offer.inside:
        day = slot.teams[0].starts.date()
        latest[day] = max(latest.get(day, slot.starts_at), slot.starts_at)
    paris = ZoneInfo("Europe/Paris")
    assert {starts_at.astimezone(paris).strftime("%H:%M") for starts_at in latest.values()} == {
        "16:00"
    }
    assert latest[date(2030, 3, 29)] == utc(2030, 3, 29, 15)
    assert latest[date(2030, 4, 1)] == utc(2030, 4, 1, 14)
    assert shared_hours(teams, week_starting=date(2030, 3, 25))[0] == (
        utc(2030, 3, 25, 12),
        utc(2030, 3, 25, 16),
    )
    assert shared_hours(teams, week_starting=date(2030, 4, 1))[0] == (
        utc(2030, 4, 1, 12),
        utc(2030, 4, 1, 15),
    )


@pytest.mark.parametrize(
    ("day", "hours_worked"),
    [(date(2030, 3, 31), 5), (date(2030, 10, 27), 7)],
    ids=["the hour skipped", "the hour repeated"],
)
def test_a_working_night_through_the_clock_change_lasts_what_the_clock_says(day, hours_worked):
    night_shift = team("Paris", "Europe/Paris", starts=time(0), ends=time(6), weekdays=[6])

    (night,) = shared_hours([night_shift], week_starting=day)

    assert night[1] - night[0] == hours_worked * HOUR


def test_slots_open_when_a_team_with_a_quarter_hour_offset_starts_its_day():
    # Kathmandu is UTC+05:45 and Eucla UTC+08:45: their shared hours start at 03:15 UTC.
    teams = [team("Eucla", "Australia/Eucla"), team("Kathmandu", "Asia/Kathmandu")]

    offer = find_slots(teams, after=MONDAY_3_JUNE_2030, duration=HOUR, step=HOUR)

    assert offer.inside[0].starts_at == utc(2030, 6, 3, 3, 15)
    assert on_the_clocks(offer.inside[0]) == ["Eucla Mon 12:00–13:00", "Kathmandu Mon 09:00–10:00"]


def test_a_window_as_long_as_the_meeting_at_an_odd_minute_is_found():
    teams = [
        team("Mumbai", "Asia/Kolkata", starts=time(8, 45), ends=time(17)),
        team("Kathmandu", "Asia/Kathmandu", starts=time(9), ends=time(10)),
    ]

    offer = find_slots(teams, after=MONDAY_3_JUNE_2030, duration=HOUR, days=1)

    assert [on_the_clocks(slot) for slot in offer.inside] == [
        ["Mumbai Mon 08:45–09:45", "Kathmandu Mon 09:00–10:00"]
    ]


def test_no_slot_starts_before_the_proposal_and_the_first_is_on_the_next_quarter_hour():
    teams = [team("Lisbon", "Europe/Lisbon"), team("Paris", "Europe/Paris")]

    offer = find_slots(teams, after=utc(2030, 6, 3, 10, 7), duration=HOUR, days=1, limit=50)

    assert offer.inside[0].starts_at == utc(2030, 6, 3, 10, 15)
    assert min(slot.starts_at for slot in offer.inside) == utc(2030, 6, 3, 10, 15)


def test_the_first_slots_offered_are_spread_over_the_days_a_few_per_day():
    teams = [team("Lisbon", "Europe/Lisbon"), team("Paris", "Europe/Paris")]

    offer = find_slots(teams, after=MONDAY_3_JUNE_2030, duration=HOUR)

    days = [slot.teams[0].starts.date() for slot in offer.inside]
    assert len(offer.inside) == 12
    assert len(set(days[:10])) == 10  # the ten working days of the two weeks, one each
    assert days[:10] == sorted(days[:10])
    assert all(days.count(day) <= PER_DAY for day in days)
    # Each day's first slot starts when Lisbon's day starts; the second an hour later.
    assert {slot.teams[0].starts.strftime("%H:%M") for slot in offer.inside[:10]} == {"09:00"}
    assert [on_the_clocks(slot)[0] for slot in offer.inside[10:]] == [
        "Lisbon Mon 10:00–11:00",
        "Lisbon Tue 10:00–11:00",
    ]


def test_teams_with_no_hour_in_common_get_the_least_bad_slots_explained():
    teams = [
        team("Honolulu", "Pacific/Honolulu", starts=time(10), ends=time(14)),
        team("Tokyo", "Asia/Tokyo", starts=time(10), ends=time(14)),
        team("London", "Europe/London", starts=time(10), ends=time(14)),
    ]

    offer = find_slots(teams, after=utc(2030, 1, 7), duration=HOUR)

    assert offer.inside == ()
    first = offer.least_bad[0]
    assert on_the_clocks(first) == [
        "Honolulu Mon 15:00–16:00",
        "Tokyo Tue 10:00–11:00",
        "London Tue 01:00–02:00",
    ]
    assert [(seen.team, seen.minutes_outside, seen.outside) for seen in first.teams_outside] == [
        ("Honolulu", 120, Outside.AFTER_END),
        ("London", 540, Outside.BEFORE_START),
    ]
    # The same hour a day earlier is worse: Tokyo's Monday morning is a Sunday in Honolulu.
    every_slot = find_slots(teams, after=utc(2030, 1, 7), duration=HOUR, limit=10_000)
    (monday,) = [slot for slot in every_slot.least_bad if slot.starts_at == utc(2030, 1, 7, 1)]
    assert on_the_clocks(monday)[0] == "Honolulu Sun 15:00–16:00"
    assert monday.teams[0].outside is Outside.NOT_WORKING_DAY


@pytest.mark.parametrize(
    ("zone", "starts", "ends", "message"),
    [
        ("Mars/Olympus_Mons", time(9), time(17), "Unknown time zone"),
        ("Europe/Paris", time(17), time(9), "start before it ends"),
        ("Europe/Paris", time(9), time(9), "start before it ends"),
    ],
)
def test_working_hours_that_cannot_be_are_refused(zone, starts, ends, message):
    with pytest.raises(ValueError, match=message):
        WorkingHours(zone, starts=starts, ends=ends)


def test_a_proposal_time_without_a_zone_is_refused():
    with pytest.raises(ValueError, match="aware"):
        find_slots([team("Paris", "Europe/Paris")], after=datetime(2030, 6, 3), duration=HOUR)
