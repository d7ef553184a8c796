"""The slot rule once more, through the portal: a member proposes a meeting for teams in
random zones (half-hour and 45-minute offsets, clocks that change inside the two weeks,
teams with no shared hour), and what is stored and shown holds to it, read minute by
minute on each team's own clock: when an inside slot exists, only inside slots are
offered; otherwise the least bad ones say who is outside, and why."""

import random
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from incubation.models import Incubation, IncubationTeam
from incubation.services.meetings import meeting_propose
from incubation.slots import Outside
from tests.factories import OrganisationFactory
from tests.incubation.factories import member, workspace

pytestmark = pytest.mark.django_db

ZONES = [
    "Asia/Kathmandu",  # +05:45
    "Australia/Eucla",  # +08:45
    "Asia/Kolkata",  # +05:30
    "Pacific/Chatham",  # +12:45 / +13:45
    "America/St_Johns",  # -03:30 / -02:30
    "Europe/Paris",
    "America/Sao_Paulo",
    "Asia/Tokyo",
    "America/New_York",
    "Australia/Lord_Howe",  # clocks move by half an hour
]
# Weeks with a clock change inside the next two weeks somewhere among the zones.
PROPOSED_ON = [
    datetime(2030, 3, 4, 9, tzinfo=UTC),  # New York changes on 10 March
    datetime(2030, 3, 25, 9, tzinfo=UTC),  # Paris changed on 31 March
    datetime(2030, 9, 23, 9, tzinfo=UTC),  # Chatham, Lord Howe change in late September
    datetime(2030, 10, 21, 9, tzinfo=UTC),  # Paris on 27 October, New York on 3 November
    datetime(2030, 6, 10, 9, tzinfo=UTC),  # no change
]


def inside(team: IncubationTeam, starts: datetime, ends: datetime) -> bool:
    """Every minute of the slot on a working day, within the day's hours, on the team's clock."""
    zone = ZoneInfo(team.organisation.time_zone)
    moment = starts
    while moment < ends:
        local = moment.astimezone(zone)
        if local.weekday() not in team.weekdays or not (
            team.day_starts <= local.time() < team.day_ends
        ):
            return False
        moment += timedelta(minutes=1)
    return True


def teams_in_random_zones(rnd: random.Random) -> Incubation:
    ws = workspace(owner_zone=rnd.choice(ZONES), provider_zone=rnd.choice(ZONES))
    if rnd.random() < 0.5:  # a third team joins
        third = OrganisationFactory(time_zone=rnd.choice(ZONES))
        IncubationTeam.objects.create(incubation=ws.incubation, organisation=third, role="provider")
        member(third)
    for team in ws.incubation.teams.all():
        start = rnd.choice([6, 7, 8, 9, 10]) * 60 + rnd.choice([0, 15, 30, 45])
        length = rnd.choice([4, 6, 8, 10, 13]) * 60
        team.day_starts = time(*divmod(start, 60))
        team.day_ends = time(*divmod(min(start + length, 23 * 60 + 59), 60))
        team.weekdays = sorted(rnd.sample(range(7), rnd.choice([2, 4, 5, 5, 7])))
        team.save()
    return Incubation.objects.get(pk=ws.incubation.pk), ws.owner


@pytest.mark.parametrize("seed", range(24))
def test_slots_offered_to_random_teams_are_inside_everyones_hours_or_the_least_bad(seed):
    rnd = random.Random(seed)
    incubation, proposer = teams_in_random_zones(rnd)
    teams = list(incubation.teams.select_related("organisation"))
    duration = rnd.choice([30, 45, 60, 90])

    meeting = meeting_propose(
        incubation=incubation,
        by=proposer,
        title="Check",
        duration_minutes=duration,
        now=rnd.choice(PROPOSED_ON),
    )

    slots = list(meeting.slots.all())
    assert slots
    some_inside = any(slot.inside for slot in slots)
    for slot in slots:
        assert slot.ends_at - slot.starts_at == timedelta(minutes=duration)
        outside = {entry["team"]: entry for entry in slot.outside}
        for team in teams:
            assert inside(team, slot.starts_at, slot.ends_at) == (team.pk not in outside), (
                seed,
                team.organisation.time_zone,
                slot.starts_at,
            )
        if some_inside:
            assert slot.inside and not slot.outside
        for entry in slot.outside:
            assert entry["reason"] in set(Outside) and entry["minutes"] > 0
