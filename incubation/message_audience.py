"""Who hears of a new message, and when. Nobody is emailed as the message is posted: the
periodic emails (services.mail) tell each person as they chose, at most once an hour, or
in a daily digest at 08:00 on their clock, or not at all. What the page says after a
message is posted is read from those choices, the ones the emails will follow."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from incubator.models import Organisation, User


@dataclass
class MessageAudience:
    within_the_hour: list[User] = field(default_factory=list)
    in_the_digest: list[User] = field(default_factory=list)
    not_emailed: list[User] = field(default_factory=list)  # chose no email
    untold_teams: list[Organisation] = field(default_factory=list)  # nobody to tell

    def add(self, other: "MessageAudience") -> "MessageAudience":
        for name in ("within_the_hour", "in_the_digest", "not_emailed", "untold_teams"):
            mine = getattr(self, name)
            known = {entry.pk for entry in mine}
            mine.extend(entry for entry in getattr(other, name) if entry.pk not in known)
        return self


def _people(count: int) -> str:
    return ngettext("%(count)d person", "%(count)d people", count) % {"count": count}


def will_hear(audience: MessageAudience) -> str:
    """What the page says once a message is posted: how many will be emailed, and when."""
    soon, digest = len(audience.within_the_hour), len(audience.in_the_digest)
    lines = []
    if soon:
        lines.append(
            ngettext(
                "%(people)s will be emailed about it within the hour.",
                "%(people)s will be emailed about it within the hour.",
                soon,
            )
            % {"people": _people(soon)}
        )
    if digest:
        lines.append(
            ngettext(
                "%(people)s will read it in their daily digest.",
                "%(people)s will read it in their daily digest.",
                digest,
            )
            % {"people": _people(digest)}
        )
    if not soon and not digest:
        lines.append(_("Nobody will be emailed about it."))
    quiet = len(audience.not_emailed)
    if quiet:
        lines.append(
            ngettext(
                "%(people)s chose not to be emailed about messages.",
                "%(people)s chose not to be emailed about messages.",
                quiet,
            )
            % {"people": _people(quiet)}
        )
    untold = audience.untold_teams
    if untold:
        lines.append(
            ngettext(
                "Nobody in %(names)s could be told: the team has no members.",
                "Nobody in %(names)s could be told: these teams have no members.",
                len(untold),
            )
            % {"names": ", ".join(team.name for team in untold)}
        )
    return " ".join(lines)
