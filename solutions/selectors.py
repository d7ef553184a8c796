"""Careful reads for solution proposals."""

from django.db.models import QuerySet

from challenges.models import Challenge
from challenges.selectors import challenges_published
from incubator.models import Organisation


def challenges_open_to(organisation: Organisation) -> QuerySet[Challenge]:
    """Published challenges a team may offer to help with: never its own country's, as
    matching is across borders."""
    return challenges_published().exclude(organisation__country=organisation.country)
