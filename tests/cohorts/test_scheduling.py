"""Scheduling help, on its own: a slot on every team's clock, and the week's best slots."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from cohorts.scheduling import Team, local_slot, suggest_week, wall_clock_instant

LISBON = Team("Lisbon Lab", "Europe/Lisbon")
TOKYO = Team("Tokyo Digital Office", "Asia/Tokyo")
SANTIAGO = Team("Santiago Lab", "America/Santiago")
AUCKLAND = Team("Auckland Council", "Pacific/Auckland")


def test_a_slot_inside_the_local_working_day_suits_the_team():
    slot = local_slot(
        LISBON, datetime(2030, 6, 12, 9, 0, tzinfo=UTC), datetime(2030, 6, 12, 10, 0, tzinfo=UTC)
    )

    assert slot.starts.strftime("%H:%M") == "10:00"
    assert slot.suits


def test_a_slot_that_ends_after_19_00_or_starts_before_08_00_is_flagged():
    evening = local_slot(
        TOKYO, datetime(2030, 6, 12, 9, 30, tzinfo=UTC), datetime(2030, 6, 12, 10, 30, tzinfo=UTC)
    )
    dawn = local_slot(
        SANTIAGO, datetime(2030, 6, 12, 11, 0, tzinfo=UTC), datetime(2030, 6, 12, 12, 0, tzinfo=UTC)
    )

    assert evening.ends.strftime("%H:%M") == "19:30" and evening.outside_hours
    assert dawn.starts.strftime("%H:%M") == "07:00" and dawn.outside_hours


def test_a_friday_afternoon_in_europe_is_a_saturday_in_auckland():
    slot = local_slot(
        AUCKLAND, datetime(2030, 6, 14, 22, 0, tzinfo=UTC), datetime(2030, 6, 14, 23, 0, tzinfo=UTC)
    )

    assert slot.starts.strftime("%A %H:%M") == "Saturday 10:00"
    assert slot.on_weekend and not slot.suits


def test_the_week_suggestions_pick_for_each_working_day_the_slot_that_suits_most_teams():
    teams = [LISBON, TOKYO, Team("Berlin Service", "Europe/Berlin")]

    suggestions = suggest_week(
        teams=teams, day=date(2030, 6, 12), time_zone="Europe/Paris", duration=timedelta(hours=1)
    )

    assert len(suggestions) == 5
    assert all(s.suited == 3 for s in suggestions)
    days = [s.starts_at.astimezone(ZoneInfo("Europe/Paris")).strftime("%A") for s in suggestions]
    assert days == ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    for suggestion in suggestions:
        for team in teams:
            assert local_slot(team, suggestion.starts_at, suggestion.ends_at).suits


def test_teams_twelve_hours_apart_cannot_all_be_suited_and_the_best_is_still_offered():
    teams = [LISBON, TOKYO, SANTIAGO]

    suggestions = suggest_week(
        teams=teams, day=date(2030, 6, 12), time_zone="Europe/Paris", duration=timedelta(hours=1)
    )

    assert suggestions and all(s.suited == 2 for s in suggestions)


def test_no_team_no_suggestion():
    assert (
        suggest_week(teams=[], day=date(2030, 6, 12), time_zone="UTC", duration=timedelta(hours=1))
        == []
    )


def test_the_hour_skipped_when_clocks_go_forward_names_no_instant():
    paris = ZoneInfo("Europe/Paris")

    assert wall_clock_instant(datetime(2030, 3, 31, 2, 30), paris) is None
    assert wall_clock_instant(datetime(2030, 3, 31, 3, 30), paris) == datetime(
        2030, 3, 31, 1, 30, tzinfo=UTC
    )
    # In the hour that repeats in October, the first of the two.
    assert wall_clock_instant(datetime(2030, 10, 27, 2, 30), paris) == datetime(
        2030, 10, 27, 0, 30, tzinfo=UTC
    )
