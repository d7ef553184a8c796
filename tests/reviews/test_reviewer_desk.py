"""The reviewer's desk and home: open work first, this year's calls before last year's,
finished reviews folded away; a person with several roles sees each role's part."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CallFactory, MembershipFactory
from tests.reviews.factories import assign, challenge_under_review, review_call, reviewer

pytestmark = pytest.mark.django_db

NOW = timezone.now()


@pytest.fixture
def board_member():
    """A reviewer who finished last year's review and has this year's still to do."""
    person = reviewer(display_name="Marie Dubois")
    last_year = review_call(
        call=CallFactory(
            title="Call for challenges 2026",
            opens_at=NOW - timedelta(days=400),
            closes_at=NOW - timedelta(days=365),
        ),
        opens_at=NOW - timedelta(days=360),
        due_at=NOW - timedelta(days=350),
        closes_at=NOW - timedelta(days=340),
    )
    this_year = review_call(call=CallFactory(title="Call for challenges 2027", closes_at=NOW))
    assign(
        challenge_under_review(last_year, title="Island ferries 2026"),
        person,
        scores=[4, 4, 4],
        submitted=True,
    )
    assign(challenge_under_review(this_year, title="School meals 2027"), person)
    return person


def test_the_desk_lists_this_years_open_work_before_last_years_finished_reviews(
    client_of, board_member
):
    page = client_of(board_member).get(reverse("reviews:desk")).content.decode()

    assert page.index("School meals 2027") < page.index("Island ferries 2026")
    to_do, finished = page.split('<details class="finished-reviews">')
    assert "School meals 2027" in to_do and "Island ferries 2026" not in to_do
    assert "Finished: 1 review" in finished and "Island ferries 2026" in finished
    assert "You have submitted 1 of your 2 reviews." in page
    assert '<span class="completion-text">1 of 2 reviews done (50%)</span>' in page
    assert '<rect class="completion-done" width="50"' in page


def test_a_reviewers_home_is_the_reviewers_desk(client_of, board_member):
    page = client_of(board_member).get(reverse("incubator:dashboard")).content.decode()

    assert "1 review is waiting for you." in page
    assert "School meals 2027" in page and "Island ferries 2026" not in page
    assert "All my reviews, finished ones too" in page
    assert "Register a government team" not in page and "Start a new challenge" not in page


def test_a_reviewer_in_a_team_sees_both_parts(client_of, board_member):
    MembershipFactory(user=board_member)

    page = client_of(board_member).get(reverse("incubator:dashboard")).content.decode()

    assert page.index("My reviews") < page.index("My government teams")
    assert "Start a new challenge" in page


def test_a_newcomer_is_shown_how_to_start(client_of):
    page = client_of(MembershipFactory().user).get(reverse("incubator:dashboard"))

    assert "My reviews" not in page.content.decode()
    assert "Start a new challenge" in page.content.decode()


def _more_work(person, calls: int, each: int) -> None:
    for _ in range(calls):
        call = review_call()
        for _ in range(each):
            assign(challenge_under_review(call), person)
            assign(challenge_under_review(call), person, scores=[3, 3, 3], submitted=True)


@pytest.mark.parametrize("page", ["reviews:desk", "incubator:dashboard"])
def test_the_desk_and_home_take_the_same_queries_however_much_work_there_is(
    client_of, queries_to_render, page
):
    person = reviewer()
    _more_work(person, calls=1, each=1)
    client = client_of(person)
    few = queries_to_render(client, reverse(page))

    _more_work(person, calls=4, each=3)

    assert queries_to_render(client, reverse(page)) == few
