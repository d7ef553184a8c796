"""The confirmed match on a team's overview of its challenge or proposal: who the
partner is and how to reach them. Registered with the submissions kernel in
MatchingConfig.ready(). The incubation registers its own note the same way
(incubation/overview.py), after this one."""

from django.utils.translation import gettext as _

from challenges.models import Challenge
from matching.access import confirmed_matches_of
from submissions.overview import Link, OverviewNote


def _partner_links(partner) -> tuple[Link, ...]:
    links = []
    if isinstance(partner, Challenge) and partner.is_public:
        links.append(
            Link(
                _("Their challenge: %(title)s") % {"title": partner.title},
                partner.get_absolute_url(),
            )
        )
    for person in partner.contacts.all():
        links.append(Link(_("Write to %(name)s") % {"name": person}, f"mailto:{person.email}"))
    return tuple(links)


def confirmed_match_notes(submission) -> list[OverviewNote]:
    notes = []
    for match in confirmed_matches_of(submission=submission):
        partner = match.solution if isinstance(submission, Challenge) else match.challenge
        team = partner.organisation
        notes.append(
            OverviewNote(
                term=_("Matched with"),
                text=_("%(team)s (%(country)s): “%(title)s”")
                % {"team": team.name, "country": team.country.name, "title": partner.title},
                links=_partner_links(partner),
                next_step=_(
                    "Matched: the secretariat has paired your team with a partner. Work "
                    "with them directly; their contact people are named here."
                ),
            )
        )
    return notes
