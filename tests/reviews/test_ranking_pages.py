"""The call's ranking is kept as reviews are submitted and removed, and the review call
pages show it a page at a time: the ranks go on from page to page, ties share one."""

import re

import pytest
from django.urls import reverse

from reviews.models import Decision
from reviews.selectors.dashboard import ROWS_PER_PAGE
from tests.factories import secretariat_user
from tests.reviews.factories import assign, challenge_under_review, review_call, reviewer
from tests.reviews.test_reviewing import answers, review_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client_of):
    return client_of(secretariat_user())


@pytest.fixture
def call():
    return review_call()  # rubric: Relevance weighs 3, Novelty 2, Feasibility 1


def call_url(name, call, **query):
    url = reverse(f"reviews:{name}", kwargs={"call_pk": call.pk})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def ranks(page):
    """The rank and title of each row of the dashboard, in order."""
    return re.findall(r"<td>(\d+|—)</td>\s*<th scope=\"row\"><a [^>]*>([^<]*)</a>", page)


def test_a_submitted_review_ranks_its_submission_and_removing_it_unranks_it(client_of, call):
    ana = reviewer(display_name="Ana Reviewer")
    first = assign(challenge_under_review(call, title="Ferries for island schools"), ana)
    assign(challenge_under_review(call, title="Water metering"), reviewer(), scores=[3, 3, 3])

    client_of(ana).post(review_url(first), answers(first, [5, 4, 3], submit="", confirmed="yes"))

    desk = client_of(secretariat_user())
    page = desk.get(call_url("call", call)).content.decode()
    assert ranks(page) == [("1", "Ferries for island schools"), ("—", "Water metering")]
    assert "4.33" in page
    remove = reverse(
        "reviews:assignment_remove",
        kwargs={"call_pk": call.pk, "item_pk": first.item_id, "pk": first.pk},
    )
    desk.post(remove, {"confirmed": "yes"})
    page = desk.get(call_url("call", call)).content.decode()
    assert ("—", "Ferries for island schools") in ranks(page)
    assert "4.33" not in page


def test_the_ranking_goes_on_to_the_next_page_with_ties_sharing_a_rank(desk, call):
    for n in range(ROWS_PER_PAGE):
        item = challenge_under_review(call, title=f"Strong {n}")
        assign(item, reviewer(), scores=[5, 5, 5], submitted=True)
        Decision.objects.create(item=item, outcome="select", staged_at=item.created_at)
    weak = challenge_under_review(call, title="The weakest one")
    assign(weak, reviewer(), scores=[1, 1, 1], submitted=True)
    Decision.objects.create(item=weak, outcome="decline", reason="Low.", staged_at=weak.created_at)

    first = desk.get(call_url("call", call)).content.decode()
    second = desk.get(call_url("call", call, page=2)).content.decode()

    assert {rank for rank, _title in ranks(first)} == {"1"}
    assert "Page 1 of 2" in first and "The weakest one" not in first
    assert ranks(second) == [(str(ROWS_PER_PAGE + 1), "The weakest one")]
    decisions = desk.get(call_url("decisions", call, staged=2)).content.decode()
    assert f"{ROWS_PER_PAGE + 1} staged decisions" in decisions
    assert "Page 2 of 2" in decisions and "The weakest one" in decisions
    assert f"<td>{ROWS_PER_PAGE + 1}</td>" in decisions
    assert "?staged=1&amp;released=1" in decisions


def test_the_assignments_page_shows_a_page_of_submissions_and_counts_them_all(desk, call):
    for n in range(ROWS_PER_PAGE + 1):
        challenge_under_review(call, title=f"Challenge {n:02}")

    page = desk.get(call_url("assignments", call)).content.decode()
    second = desk.get(call_url("assignments", call, page=2)).content.decode()

    assert f"{ROWS_PER_PAGE + 1} submissions under review" in page
    assert f"{ROWS_PER_PAGE + 1} submissions have fewer reviewers than wanted." in page
    assert "Challenge 00" in page and f"Challenge {ROWS_PER_PAGE}" not in page
    assert f"Challenge {ROWS_PER_PAGE}" in second and "Page 2 of 2" in second


def test_the_assignments_page_counts_the_submissions_short_of_reviewers_in_its_call_only(
    desk, call
):
    reviewers = [reviewer() for _n in range(3)]
    for wanted_from in (0, 1, 2, 3, 3):
        item = challenge_under_review(call)
        for person in reviewers[:wanted_from]:
            assign(item, person)
    elsewhere = challenge_under_review(review_call())
    assign(elsewhere, reviewers[0])

    page = desk.get(call_url("assignments", call)).content.decode()

    assert "5 submissions under review" in page
    assert "3 submissions have fewer reviewers than wanted." in page
