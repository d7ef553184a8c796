import pytest

from tests.sweep.round import seed_round


@pytest.fixture
def two_team_round(db):
    """The seeded round with teams A and B (tests/sweep/round.py)."""
    return seed_round()
