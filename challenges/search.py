"""The weighted words a challenge is found by on the public list: its title first, then
its summary, then its problem statement. PostgreSQL only; SQLite matches words unranked."""

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import QuerySet

from challenges.models import Challenge


def challenge_search_vector() -> SearchVector:
    return (
        SearchVector("title", weight="A", config="simple")
        + SearchVector("summary", weight="B", config="simple")
        + SearchVector("problem_statement", weight="C", config="simple")
    )


def challenges_search_refresh(*, challenges: QuerySet) -> None:
    """Recompute the vector of these challenges in one statement."""
    if connection.vendor != "postgresql":
        return
    challenges.update(search_vector=challenge_search_vector())


def challenge_search_refresh(challenge: Challenge) -> None:
    """After a team saves its answers: the vector follows the new words."""
    challenges_search_refresh(challenges=Challenge.objects.filter(pk=challenge.pk))
