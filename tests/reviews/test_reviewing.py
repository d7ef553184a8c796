"""The reviewer's desk and the scoring form: assignments and progress, drafts and
submission, scores outside the scale, the phase's dates, other reviewers' scores and
declining for a conflict of interest."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reviews.models import Assignment, Conflict, ReviewItem, Score
from tests.factories import OrganisationFactory
from tests.reviews.factories import (
    assign,
    challenge_under_review,
    review_call,
    reviewer,
)

pytestmark = pytest.mark.django_db

DESK = reverse("reviews:desk")


def review_url(assignment):
    return reverse("reviews:assignment", kwargs={"pk": assignment.pk})


def conflict_url(assignment):
    return reverse("reviews:conflict", kwargs={"pk": assignment.pk})


def answers(assignment, scores, *, comment="", **extra):
    criteria = assignment.item.call.review_criteria.order_by("position")
    data = {}
    for criterion, score in zip(criteria, scores, strict=True):
        data[f"score_{criterion.pk}"] = "" if score is None else str(score)
        data[f"comment_{criterion.pk}"] = comment
    data.update(extra)
    return data


@pytest.fixture
def call():
    return review_call()


@pytest.fixture
def ana():
    return reviewer(display_name="Ana Reviewer", email="ana@board.example")


def test_the_desk_lists_my_assignments_with_my_progress(client_of, call, ana):
    done = assign(challenge_under_review(call, title="Ferries for island schools"), ana)
    done.submitted_at = timezone.now()
    done.save()
    assign(challenge_under_review(call, title="Water metering in small towns"), ana)
    assign(challenge_under_review(call, title="Someone else's"), reviewer())

    page = client_of(ana).get(DESK).content.decode()

    assert "Ferries for island schools" in page
    assert "Water metering in small towns" in page
    assert "Someone else&#x27;s" not in page and "Someone else's" not in page
    assert "You have submitted 1 of your 2 reviews." in page


def test_a_draft_keeps_what_was_typed_and_can_be_incomplete(client_of, call, ana):
    assignment = assign(challenge_under_review(call), ana)
    client = client_of(ana)

    response = client.post(
        review_url(assignment),
        answers(assignment, [4, None, None], comment="Clear problem.", draft=""),
        follow=True,
    )

    assert "Your draft is saved" in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.draft_saved_at is not None and assignment.submitted_at is None
    assert sorted(Score.objects.values_list("score", flat=True), key=str) == [4, None, None]
    page = client.get(review_url(assignment)).content.decode()
    assert re.search(r'value="4"[^>]*checked', page)
    assert "Clear problem." in page


def test_submitting_needs_every_criterion_scored(client_of, call, ana):
    assignment = assign(challenge_under_review(call), ana)

    response = client_of(ana).post(
        review_url(assignment), answers(assignment, [4, None, 3], submit="")
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Score this criterion before submitting." in page
    assignment.refresh_from_db()
    assert assignment.submitted_at is None


def test_a_submitted_review_counts_and_can_no_longer_change(client_of, call, ana):
    assignment = assign(challenge_under_review(call), ana)
    client = client_of(ana)

    response = client.post(
        review_url(assignment),
        answers(assignment, [5, 4, 3], submit="", confirmed="yes"),
        follow=True,
    )

    assert "is submitted. Thank you." in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.submitted_at is not None
    again = client.post(
        review_url(assignment), answers(assignment, [1, 1, 1], submit="", confirmed="yes")
    )
    assert "already submitted" in again.content.decode()
    assert set(Score.objects.values_list("score", flat=True)) == {5, 4, 3}


@pytest.mark.parametrize("bad", ["0", "6", "7", "-1", "three", "4.5"])
def test_a_score_outside_the_scale_is_refused_at_its_field(client_of, call, ana, bad):
    assignment = assign(challenge_under_review(call), ana)
    data = answers(assignment, [4, 4, 4], submit="")
    first = assignment.item.call.review_criteria.order_by("position").first()
    data[f"score_{first.pk}"] = bad

    response = client_of(ana).post(review_url(assignment), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose a score from 1 to 5." in page
    assert f'href="#id_score_{first.pk}_0"' in page
    assert not Score.objects.exists()


def test_a_review_posted_after_the_phase_closed_is_refused(client_of, ana):
    call = review_call(
        opens_at=timezone.now() - timedelta(days=20),
        due_at=timezone.now() - timedelta(days=10),
        closes_at=timezone.now() - timedelta(days=1),
    )
    assignment = assign(challenge_under_review(call), ana)

    response = client_of(ana).post(
        review_url(assignment), answers(assignment, [4, 4, 4], submit="")
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "The review phase closed on" in page
    assert "Reviews can no longer be saved or submitted." in page
    assert not Score.objects.exists()
    assignment.refresh_from_db()
    assert assignment.submitted_at is None


def test_other_reviewers_scores_show_only_after_my_own_and_only_if_the_phase_says_so(
    client_of, ana
):
    call = review_call(reviewers_see_scores=True)
    item = challenge_under_review(call)
    other = reviewer(display_name="Bruno Otherreviewer")
    assign(item, other, scores=[2, 2, 2], submitted=True, comment="Too vague to judge.")
    mine = assign(item, ana)
    client = client_of(ana)

    assert "Too vague to judge." not in client.get(review_url(mine)).content.decode()

    client.post(review_url(mine), answers(mine, [4, 4, 4], submit="", confirmed="yes"))
    page = client.get(review_url(mine)).content.decode()

    assert "Too vague to judge." in page
    assert "Bruno Otherreviewer" not in page


def test_without_the_phase_setting_other_scores_stay_hidden(client_of, call, ana):
    item = challenge_under_review(call)
    assign(item, reviewer(), scores=[2, 2, 2], submitted=True, comment="Too vague to judge.")
    mine = assign(item, ana, scores=[4, 4, 4], submitted=True)

    assert "Too vague to judge." not in client_of(ana).get(review_url(mine)).content.decode()


def test_declining_for_a_conflict_records_it_and_removes_the_assignment(client_of, call, ana):
    assignment = assign(challenge_under_review(call, title="Ferries for island schools"), ana)
    client = client_of(ana)

    empty = client.post(conflict_url(assignment), {"reason": "  "})
    assert "Say what the conflict of interest is." in empty.content.decode()

    response = client.post(
        conflict_url(assignment), {"reason": "I advised this team in 2025."}, follow=True
    )

    assert "Your conflict of interest is recorded" in response.content.decode()
    assert not Assignment.objects.exists()
    assert ReviewItem.objects.get().reviewers == 0
    conflict = Conflict.objects.get()
    assert (conflict.reviewer, conflict.reason) == (ana, "I advised this team in 2025.")
    assert client.get(review_url(assignment)).status_code == 404
    assert "Ferries for island schools" not in client.get(DESK).content.decode()


def test_a_reviewer_cannot_open_another_reviewers_assignment(client_of, call, ana):
    theirs = assign(challenge_under_review(call), reviewer())
    client = client_of(ana)

    assert client.get(review_url(theirs)).status_code == 404
    assert client.post(review_url(theirs), answers(theirs, [5, 5, 5], submit="")).status_code == 404
    assert client.get(conflict_url(theirs)).status_code == 404
    assert not Score.objects.exists()


def test_an_item_a_reviewer_became_conflicted_with_disappears_at_once(client_of, call):
    team = OrganisationFactory(country="CL")
    person = reviewer(country="PT")
    assignment = assign(challenge_under_review(call, organisation=team), person)
    client = client_of(person)
    assert client.get(review_url(assignment)).status_code == 200

    person.reviewer_profile.country = "CL"
    person.reviewer_profile.save()

    assert client.get(review_url(assignment)).status_code == 404
    assert client.get(DESK).content.decode().count(review_url(assignment)) == 0


def test_the_desk_issues_as_many_queries_with_300_assignments_as_with_3(
    client_of, call, ana, queries_to_render, django_assert_max_num_queries
):
    client = client_of(ana)
    for _n in range(3):
        assign(challenge_under_review(call), ana)
    few = queries_to_render(client, DESK)

    for _n in range(297):
        assign(challenge_under_review(call), ana)

    with django_assert_max_num_queries(few):
        page = client.get(DESK).content.decode()
    assert "You have submitted 0 of your 300 reviews." in page


def test_submitting_is_asked_first_with_the_scores_as_they_will_be_sent(client_of, call, ana):
    assignment = assign(challenge_under_review(call, title="Ferries for island schools"), ana)
    client = client_of(ana)

    response = client.post(
        review_url(assignment), answers(assignment, [5, 4, 3], comment="Clear.", submit="")
    )

    page = response.content.decode()
    assert "Submit your review of “Ferries for island schools”?" in page
    assert "Relevance: 5 of 5 — Clear." in page
    assert "Weighted score: 4.33 out of 5." in page  # (5·3 + 4·2 + 3·1) / 6
    assert "A submitted review can no longer change." in page
    assert 'name="confirmed" value="yes"' in page
    assignment.refresh_from_db()
    assert assignment.submitted_at is None
    assert assignment.draft_saved_at is not None, "going back loses nothing"
    assert sorted(Score.objects.values_list("score", flat=True)) == [3, 4, 5]
