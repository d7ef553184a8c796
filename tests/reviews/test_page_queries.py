"""The secretariat's list pages of the review, and the reviewer's export, take as many
queries with many rows as with a few: calls, submissions, reviewers, reviews and
declared conflicts grow, the count does not."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reviews.models import Conflict
from tests.factories import CallFactory, secretariat_user
from tests.reviews.factories import assign, challenge_under_review, review_call, reviewer

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client_of):
    return client_of(secretariat_user())


def test_the_calls_overview_holds_its_queries_as_calls_grow(
    desk, queries_to_render, django_assert_max_num_queries
):
    review_call()
    few = queries_to_render(desk, reverse("reviews:home"))

    for _n in range(20):
        challenge_under_review(review_call())
        CallFactory()

    with django_assert_max_num_queries(few):
        assert desk.get(reverse("reviews:home")).status_code == 200


def a_busy_submission(call, people):
    item = challenge_under_review(call)
    for person in people:
        assign(item, person, scores=[3, 4, 5], submitted=True)
    return item


def test_the_assignments_page_holds_its_queries_as_submissions_and_reviewers_grow(
    desk, queries_to_render, django_assert_max_num_queries
):
    call = review_call()
    url = reverse("reviews:assignments", kwargs={"call_pk": call.pk})
    people = [reviewer() for _n in range(2)]
    Conflict.objects.create(item=a_busy_submission(call, people), reviewer=reviewer(), reason="x")
    few = queries_to_render(desk, url)

    people += [reviewer() for _n in range(10)]
    for n in range(30):
        item = a_busy_submission(call, people[n % 10 : n % 10 + 2])
        Conflict.objects.create(item=item, reviewer=people[-1], reason="Former colleague.")

    with django_assert_max_num_queries(few):
        response = desk.get(url)
    assert "31 submissions under review" in response.content.decode()


def test_one_submission_holds_its_queries_as_reviews_and_the_pool_grow(
    desk, queries_to_render, django_assert_max_num_queries
):
    call = review_call()
    item = a_busy_submission(call, [reviewer()])
    reviewer(country="FR")  # one who may still be added
    url = reverse("reviews:item", kwargs={"call_pk": call.pk, "item_pk": item.pk})
    few = queries_to_render(desk, url)

    for _n in range(8):
        assign(item, reviewer(), scores=[2, 3, 4], submitted=True)
    for _n in range(20):
        reviewer(country="FR")
    Conflict.objects.create(item=item, reviewer=reviewer(), reason="Former colleague.")

    with django_assert_max_num_queries(few):
        response = desk.get(url)
    assert response.content.decode().count("Remove ") >= 9


def test_my_reviews_as_a_spreadsheet_hold_their_queries_as_reviews_grow(
    client_of, django_assert_max_num_queries
):
    person = reviewer()
    call = review_call()
    assign(challenge_under_review(call), person, scores=[3, 3, 3], submitted=True)
    client = client_of(person)

    def download():
        response = client.get(reverse("reviews:export_mine"))
        return b"".join(response.streaming_content).decode().strip().splitlines()

    with CaptureQueriesContext(connection) as few:
        download()
    for _n in range(15):
        assign(challenge_under_review(review_call()), person, scores=[4, 4, 4], submitted=True)

    with django_assert_max_num_queries(len(few)):
        rows = download()
    assert len(rows) == 17
