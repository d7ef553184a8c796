"""Matching's one policy (matching/access.py), asked directly: only the secretariat with
its second factor decides; a run, a challenge or a pair is found only inside its own
programme; a team hears only of its confirmed pairs."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from matching.access import (
    board_challenge,
    board_match,
    confirmed_matches_of,
    decisions_require,
    run_of_round,
)
from matching.models import MatchRun
from tests.factories import MembershipFactory, ProgrammeFactory, secretariat_user
from tests.matching.factories import challenge, pair, provider

pytestmark = pytest.mark.django_db


def test_only_the_secretariat_with_its_second_factor_decides_on_pairs():
    decisions_require(by=secretariat_user())

    for person in (secretariat_user(second_factor=False), MembershipFactory().user):
        with pytest.raises(PermissionDenied, match="Only the secretariat makes matching"):
            decisions_require(by=person)


def test_a_pair_a_challenge_and_a_run_are_found_only_in_their_own_programme():
    ours, theirs = ProgrammeFactory(), ProgrammeFactory()
    found = challenge(theirs, "Their ferries")
    match = pair(theirs, found, provider(theirs, "Their team"))
    run = MatchRun.objects.create(programme=theirs, state=MatchRun.State.DONE)

    assert board_match(programme=theirs, pk=match.pk) == match
    for look_up, pk in (
        (board_match, match.pk),
        (board_challenge, found.pk),
        (run_of_round, run.pk),
    ):
        with pytest.raises(Http404):
            look_up(programme=ours, pk=pk)


def test_a_team_hears_only_of_its_confirmed_pairs():
    programme = ProgrammeFactory()
    found = challenge(programme, "Island ferries")
    confirmed = pair(programme, found, provider(programme, "Harbour office"), state="confirmed")
    pair(programme, found, provider(programme, "Port office"))
    pair(programme, found, provider(programme, "Ferry board"), state="rejected")

    assert confirmed_matches_of(submission=found) == [confirmed]
    assert confirmed_matches_of(submission=confirmed.solution) == [confirmed]
