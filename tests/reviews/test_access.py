"""The review's one policy (reviews/access.py), asked directly: the secretariat writes
only with its second factor, a reviewer reaches only their own unconflicted assignments,
and sees the other reviews of an item only once theirs is in and the phase shows them."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from reviews.access import (
    assignment_of_reviewer,
    assignments_of_reviewer,
    may_see_other_reviews,
    secretariat_require,
)
from reviews.models import Conflict
from tests.factories import UserFactory, secretariat_user
from tests.reviews.factories import assign, challenge_under_review, review_call, reviewer

pytestmark = pytest.mark.django_db


def test_the_secretariat_manages_the_review_only_with_its_second_factor():
    secretariat_require(by=secretariat_user())

    with pytest.raises(PermissionDenied, match="Only the secretariat manages the review"):
        secretariat_require(by=secretariat_user(second_factor=False))


def test_a_reviewer_reaches_their_own_assignment_and_no_other():
    item = challenge_under_review(review_call())
    mine, theirs = assign(item, reviewer()), assign(item, reviewer())

    assert assignment_of_reviewer(user=mine.reviewer, pk=mine.pk) == mine
    with pytest.raises(Http404):
        assignment_of_reviewer(user=mine.reviewer, pk=theirs.pk)


def test_a_declared_conflict_hides_the_assignment_at_once():
    item = challenge_under_review(review_call())
    assignment = assign(item, reviewer())
    Conflict.objects.create(item=item, reviewer=assignment.reviewer, reason="A former colleague.")

    assert not assignments_of_reviewer(user=assignment.reviewer).exists()


def test_someone_without_the_reviewer_role_has_no_assignment_at_all():
    item = challenge_under_review(review_call())
    person = UserFactory()
    assign(item, person)

    assert not assignments_of_reviewer(user=person).exists()


@pytest.mark.parametrize(
    ("submitted", "phase_shows_scores", "sees_others"),
    [(True, True, True), (False, True, False), (True, False, False)],
)
def test_other_reviews_are_seen_once_ones_own_is_in_and_the_phase_shows_them(
    submitted, phase_shows_scores, sees_others
):
    call = review_call(reviewers_see_scores=phase_shows_scores)
    assignment = assign(
        challenge_under_review(call), reviewer(), scores=[3, 3, 3], submitted=submitted
    )

    assert may_see_other_reviews(assignment=assignment, phase=call.review_phase) is sees_others
    assert may_see_other_reviews(assignment=assignment, phase=None) is False
