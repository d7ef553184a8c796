"""Who may reach which review page: the secretariat (with its second factor) every
page of the review; a reviewer only their own desk and assignments; applicants nothing,
and their own pages never show a reviewer, a score or a staged decision."""

import pytest
from django.urls import reverse

from reviews.services import decision_stage, decisions_release
from tests.factories import (
    MembershipFactory,
    UserFactory,
    secretariat_user,
)
from tests.reviews.factories import assign, challenge_under_review, review_call, reviewer

pytestmark = pytest.mark.django_db


@pytest.fixture
def item():
    return challenge_under_review(review_call(), title="Island ferries")


def secretariat_pages(item):
    call = {"call_pk": item.call_id}
    return [
        reverse("reviews:home"),
        reverse("reviews:pool"),
        reverse("reviews:call", kwargs=call),
        reverse("reviews:export", kwargs=call),
        reverse("reviews:phase", kwargs=call),
        reverse("reviews:rubric", kwargs=call),
        reverse("reviews:assignments", kwargs=call),
        reverse("reviews:decisions", kwargs=call),
        reverse("reviews:item", kwargs={**call, "item_pk": item.pk}),
    ]


def test_reviewers_and_team_members_get_no_secretariat_review_page(client_of, item):
    board = reviewer()
    assign(item, board)
    member = MembershipFactory(organisation=item.organisation).user
    profile = reverse("reviews:pool_profile", kwargs={"user_pk": board.pk})

    for person in (board, member):
        client = client_of(person)
        for url in [*secretariat_pages(item), profile]:
            assert client.get(url).status_code == 403, (person, url)


def test_the_secretariat_needs_its_second_factor(client_of, item):
    client = client_of(secretariat_user(second_factor=False))

    for url in secretariat_pages(item):
        response = client.get(url)
        assert response.status_code == 302 and "2fa" in response["Location"], url


def test_the_secretariat_reaches_every_review_page(client_of, item):
    client = client_of(secretariat_user())

    for url in secretariat_pages(item):
        assert client.get(url).status_code == 200, url


def test_visitors_are_sent_to_sign_in(client, item):
    assignment = assign(item, reviewer())
    reviewer_pages = [
        reverse("reviews:desk"),
        reverse("reviews:export_mine"),
        reverse("reviews:assignment", kwargs={"pk": assignment.pk}),
    ]

    for url in [*secretariat_pages(item), *reviewer_pages]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_the_reviewers_desk_is_only_for_reviewers(client_of, item):
    assignment = assign(item, reviewer())
    member = MembershipFactory(organisation=item.organisation).user
    client = client_of(member)

    assert client.get(reverse("reviews:desk")).status_code == 403
    assert (
        client.get(reverse("reviews:assignment", kwargs={"pk": assignment.pk})).status_code == 403
    )


def test_a_reviewer_who_is_not_assigned_sees_nothing_of_the_item(client_of, item):
    assignment = assign(item, reviewer())
    stranger = reviewer()
    client = client_of(stranger)

    assert "Island ferries" not in client.get(reverse("reviews:desk")).content.decode()
    for name in ("reviews:assignment", "reviews:conflict"):
        assert client.get(reverse(name, kwargs={"pk": assignment.pk})).status_code == 404


def test_applicants_never_see_reviews_or_reviewers(client_of, item):
    member = MembershipFactory(organisation=item.organisation, user=UserFactory()).user
    board = reviewer(display_name="Beatriz Boardmember")
    assign(item, board, scores=[2, 3, 4], submitted=True, comment="Weak evidence of demand.")
    desk = secretariat_user()
    decision_stage(item=item, by=desk, outcome="decline", reason="Out of scope this round.")
    team = client_of(member)
    team_pages = [
        reverse("incubator:dashboard"),
        reverse("challenges:mine"),
        reverse("challenges:overview", kwargs={"pk": item.object_id}),
        reverse("challenges:check", kwargs={"pk": item.object_id}),
    ]

    def shown_to_the_team():
        return "".join(team.get(url).content.decode() for url in team_pages)

    before = shown_to_the_team()
    decisions_release(call=item.call, by=desk)
    after = shown_to_the_team()
    emails = "".join(n.body_text for n in member.notifications.all())

    for content in (before, after, emails):
        assert "Beatriz Boardmember" not in content
        assert board.email not in content
        assert "Weak evidence of demand." not in content
    assert "Out of scope this round." not in before
    assert "Out of scope this round." in emails  # the reason, and only once released
