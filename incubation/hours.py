"""The teams' working hours as the slot finder reads them, and what it says back in the
words people read: who would be outside their hours, and why."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from incubation.models import IncubationTeam
from incubation.slots import Outside, TeamHours, WorkingHours, shared_hours

REASONS = {
    Outside.BEFORE_START: lambda minutes: (
        _("%(minutes)d minutes before their day starts") % {"minutes": minutes}
    ),
    Outside.AFTER_END: lambda minutes: (
        _("%(minutes)d minutes after their day ends") % {"minutes": minutes}
    ),
    Outside.NOT_WORKING_DAY: lambda minutes: _("on a day they do not work"),
}


def team_hours(team: IncubationTeam) -> TeamHours:
    """A team's hours on its own clock; its name is its id, for the slots to store."""
    return TeamHours(
        name=str(team.pk),
        hours=WorkingHours(
            time_zone=team.organisation.time_zone,
            weekdays=frozenset(team.weekdays),
            starts=team.day_starts,
            ends=team.day_ends,
        ),
    )


def outside_words(outside: list[dict], teams: dict[int, IncubationTeam]) -> list[str]:
    """``MeetingSlot.outside`` as sentences: “Tokyo Digital Office: 60 minutes after
    their day ends”."""
    words = []
    for entry in outside:
        team = teams.get(int(entry["team"]))
        name = team.organisation.name if team else _("A team that left")
        reason = REASONS[Outside(entry["reason"])](entry["minutes"])
        words.append(_("%(team)s: %(reason)s") % {"team": name, "reason": reason})
    return words


def week_start(today: date) -> date:
    return today - timedelta(days=today.weekday())


def hours_shared_this_week(teams: list[IncubationTeam], *, now: datetime, zone: str):
    """The stretches of this week (Monday to Sunday on the reader's calendar) when every
    team works, as (start, end) in the reader's zone."""
    if len(teams) < 2:
        return []
    reader = ZoneInfo(zone)
    monday = week_start(now.astimezone(reader).date())
    windows = shared_hours([team_hours(team) for team in teams], week_starting=monday)
    lo = datetime.combine(monday, datetime.min.time(), tzinfo=reader)
    hi = lo + timedelta(days=7)
    return [
        (max(start, lo).astimezone(reader), min(end, hi).astimezone(reader))
        for start, end in windows
        if end > lo and start < hi
    ]
