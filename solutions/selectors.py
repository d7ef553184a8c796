"""Careful reads for solution proposals."""

from django.db.models import QuerySet

from challenges.models import Challenge
from challenges.selectors import challenges_published
from incubator.models import Organisation, Programme


def challenges_open_to(organisation: Organisation, programme: Programme) -> QuerySet[Challenge]:
    """The programme's published challenges a team may offer to help with: never its own
    country's, as matching is across borders."""
    return (
        challenges_published()
        .filter(call__programme=programme)
        .exclude(organisation__country=organisation.country)
    )
