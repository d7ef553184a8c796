"""Conflicts of interest, as rules over plain facts. A reviewer may never review a
submission of a team they belong to or are affiliated with, or of a team from their
own country; and never one they declared a conflict with."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

MEMBER = "member"
AFFILIATION = "affiliation"
COUNTRY = "country"
DECLARED = "declared"

REASONS = {
    MEMBER: _("member of the applicant team"),
    AFFILIATION: _("affiliated with the applicant team"),
    COUNTRY: _("from the applicant team's country"),
    DECLARED: _("declared a conflict of interest"),
}


@dataclass(frozen=True)
class ReviewerFacts:
    user_id: int
    organisation_id: int | None = None
    country: str = ""
    member_of: frozenset[int] = frozenset()


def conflict_with(facts: ReviewerFacts, *, organisation_id: int, country: str) -> str | None:
    """Why the reviewer may not review a submission of this team, or None if they may.
    Declared conflicts are per submission and checked by the caller."""
    if organisation_id in facts.member_of:
        return MEMBER
    if facts.organisation_id == organisation_id:
        return AFFILIATION
    if facts.country and facts.country == country:
        return COUNTRY
    return None
