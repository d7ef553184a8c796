"""When the follow-up surveys are due: 3, 6 and 12 calendar months after a match was
confirmed. Plain Python, no database."""

import calendar
from datetime import datetime, timedelta

from outcomes.models import Milestone

MILESTONES = sorted(Milestone.values)
# No span of three calendar months is shorter than 89 days: matches confirmed later than
# this cannot have a survey due, whatever the month lengths.
SHORTEST_FIRST_MILESTONE = timedelta(days=89)


def add_months(moment: datetime, months: int) -> datetime:
    """The same day and time so many months later; the month's last day when it is
    shorter (31 August + 6 months is 28 or 29 February)."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    return moment.replace(
        year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1])
    )


def latest_milestone_passed(confirmed_at: datetime, *, now: datetime) -> int | None:
    """The last milestone reached by now; None before the first."""
    passed = [months for months in MILESTONES if add_months(confirmed_at, months) <= now]
    return passed[-1] if passed else None
