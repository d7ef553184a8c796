"""Many public records at once, for tests whose query counts must not grow with rows."""

from django.utils import timezone

from library.index import library_refresh
from outcomes.models import ShowcaseConsent, Story, StoryState
from tests.factories import ProgrammeFactory, ThemeFactory
from tests.outcomes.factories import ConfirmedMatchFactory


def public_rows(count: int, *, programme=None):
    """``count`` shown matches, each with its published challenge, consented proposal and
    approved story; then the index."""
    programme = programme or ProgrammeFactory()
    theme = ThemeFactory(slug="digital-inclusion", name="Digital inclusion")
    for _ in range(count):
        match = ConfirmedMatchFactory(
            programme=programme, challenge__themes=[theme], solution__themes=[theme]
        )
        for team in (match.challenge.organisation, match.solution.organisation):
            ShowcaseConsent.objects.create(programme=programme, organisation=team, given=True)
        Story.objects.create(
            match=match,
            organisation=match.challenge.organisation,
            state=StoryState.APPROVED,
            title="What we learned",
            decided_at=timezone.now(),
        )
    library_refresh()
    return programme
