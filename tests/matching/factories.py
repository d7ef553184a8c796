"""A round's challenges, providers and pairs for the matching tests."""

from matching.models import Match
from matching.round_states import tallies_changed
from tests.factories import CallFactory, ChallengeFactory, OrganisationFactory
from tests.solutions.factories import SolutionFactory, SolutionsCallFactory


def challenge(programme, title, **kwargs):
    call = CallFactory(programme=programme)
    return ChallengeFactory(call=call, title=title, providers_wanted=1, **kwargs)


def provider(programme, name, **kwargs):
    return SolutionFactory(
        call=SolutionsCallFactory(programme=programme),
        organisation=OrganisationFactory(name=name, country="EE"),
        **kwargs,
    )


def pair(programme, found, solution, *, score=0.8, state="proposed"):
    """A pair, as the services leave one: the board counts its states again."""
    made = Match.objects.create(
        programme=programme, challenge=found, solution=solution, score=score, state=state
    )
    tallies_changed(programme_id=programme.pk)
    return made
