"""Who an action tells by email, and how a page says so.

Before an action, an ``Audience`` says who will be told (the active members of each
team concerned); after it, who was: each person in ``people`` has a message in the
outbox, queued by the action itself. Teams without anyone to tell are named, so that
no page claims a team was told when nobody was."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from incubator.models import Organisation, User


@dataclass
class Audience:
    people: list[User] = field(default_factory=list)
    teams: list[Organisation] = field(default_factory=list)  # with someone to tell
    untold_teams: list[Organisation] = field(default_factory=list)  # nobody to tell

    def add(self, other: "Audience") -> "Audience":
        """This audience and the other one, each person and team counted once."""
        for mine, theirs in (
            (self.people, other.people),
            (self.teams, other.teams),
            (self.untold_teams, other.untold_teams),
        ):
            known = {entry.pk for entry in mine}
            mine.extend(entry for entry in theirs if entry.pk not in known)
        told = {team.pk for team in self.teams}
        self.untold_teams[:] = [team for team in self.untold_teams if team.pk not in told]
        return self

    def __bool__(self) -> bool:
        return bool(self.people or self.untold_teams)


def _teams(count: int) -> str:
    return ngettext("%(count)d team", "%(count)d teams", count) % {"count": count}


def _people(count: int) -> str:
    return ngettext("%(count)d person", "%(count)d people", count) % {"count": count}


def _names(teams: list[Organisation]) -> str:
    return ", ".join(team.name for team in teams)


def will_be_told(audience: Audience) -> list[str]:
    """What a confirmation page says of who will be emailed, and who will not."""
    people, teams = len(audience.people), len(audience.teams)
    if not people:
        lines = [_("Nobody will be emailed.")]
    elif teams:
        lines = [
            _("%(teams)s, %(people)s will be emailed.")
            % {"teams": _teams(teams), "people": _people(people)}
        ]
    else:
        lines = [_("%(people)s will be emailed.") % {"people": _people(people)}]
    untold = audience.untold_teams
    if untold:
        lines.append(
            ngettext(
                "%(count)d team has no members and will not be told: %(names)s.",
                "%(count)d teams have no members and will not be told: %(names)s.",
                len(untold),
            )
            % {"count": len(untold), "names": _names(untold)}
        )
    return lines


def told(audience: Audience) -> str:
    """What a message says once the action is done: the people whose email is in the
    outbox, and the teams nobody could tell."""
    people, teams = len(audience.people), len(audience.teams)
    if not people:
        text = _("Nobody was emailed.")
    elif teams:
        text = ngettext(
            "%(people)s in %(teams)s is told by email.",
            "%(people)s in %(teams)s are told by email.",
            people,
        ) % {"people": _people(people), "teams": _teams(teams)}
    else:
        text = ngettext("%(people)s is told by email.", "%(people)s are told by email.", people) % {
            "people": _people(people)
        }
    untold = audience.untold_teams
    if untold:
        text += " " + ngettext(
            "Nobody in %(names)s could be told: the team has no members.",
            "Nobody in %(names)s could be told: these teams have no members.",
            len(untold),
        ) % {"names": _names(untold)}
    return text
