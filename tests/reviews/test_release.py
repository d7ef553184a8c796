"""Releasing a call's decisions goes through its confirmation page, which says what will
happen, who will be emailed and what is not ready; the message afterwards counts the
emails the outbox holds and names the teams nobody could tell."""

import pytest
from django.urls import reverse

from incubator.models import Notification
from incubator.times import in_zone
from reviews.models import Decision
from reviews.services import decision_stage
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    secretariat_user,
    with_second_factor,
)
from tests.reviews.factories import assign, challenge_under_review, review_call, reviewer

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat():
    return with_second_factor(secretariat_user(time_zone="Europe/Paris"))


@pytest.fixture
def desk(client_of, secretariat):
    return client_of(secretariat)


def release_url(call):
    return reverse("reviews:release", kwargs={"call_pk": call.pk})


def team(name, members=0):
    organisation = OrganisationFactory(name=name)
    for _n in range(members):
        MembershipFactory(organisation=organisation)
    return organisation


@pytest.fixture
def staged(secretariat):
    """Three staged decisions: two teams with people (3 in all), one team with nobody;
    six reviews assigned, one of them submitted."""
    call = review_call()
    items = [
        challenge_under_review(call, organisation=team("Azores Office", members=2)),
        challenge_under_review(call, organisation=team("Santiago Board", members=1)),
        challenge_under_review(call, organisation=team("Empty Office")),
    ]
    for n in range(6):
        assign(items[n % 3], reviewer(), scores=[3, 3, 3], submitted=n == 0)
    decision_stage(item=items[0], by=secretariat, outcome="select", reason="")
    decision_stage(item=items[1], by=secretariat, outcome="select", reason="")
    decision_stage(item=items[2], by=secretariat, outcome="decline", reason="Out of scope.")
    return call


def test_the_confirmation_page_says_what_will_happen_to_whom_and_what_is_not_ready(desk, staged):
    page = desk.get(release_url(staged)).content.decode()

    assert "Release 3 decisions?" in page
    assert "2 submissions are selected." in page
    assert "1 submission is declined; its team reads your reason." in page
    assert "2 teams, 3 people will be emailed." in page
    assert "1 team has no members and will not be told: Empty Office." in page
    ends = in_zone(staged.review_phase.closes_at, "Europe/Paris")
    assert f"5 of 6 reviews are missing; the review phase ends on {ends}." in page
    assert not Decision.objects.filter(released_at__isnull=False).exists()


def test_a_post_without_the_confirmation_releases_nothing(desk, staged):
    response = desk.post(release_url(staged))

    assert response.status_code == 200
    assert "Release 3 decisions?" in response.content.decode()
    assert not Decision.objects.filter(released_at__isnull=False).exists()
    assert not Notification.objects.exists()


def test_the_message_counts_the_emails_queued_and_names_the_team_nobody_could_tell(desk, staged):
    response = desk.post(release_url(staged), {"confirmed": "yes"}, follow=True)

    page = response.content.decode()
    assert Notification.objects.count() == 3
    assert "3 decisions released. 3 people in 2 teams are told by email." in page
    assert "Nobody in Empty Office could be told: the team has no members." in page
    assert Decision.objects.filter(released_at__isnull=False).count() == 3


def test_when_no_team_has_members_the_message_says_nobody_was_emailed(desk, secretariat):
    call = review_call()
    for name in ("Empty Office A", "Empty Office B"):
        item = challenge_under_review(call, organisation=team(name))
        decision_stage(item=item, by=secretariat, outcome="select", reason="")

    response = desk.post(release_url(call), {"confirmed": "yes"}, follow=True)

    page = response.content.decode()
    assert not Notification.objects.exists()
    assert "2 decisions released. Nobody was emailed." in page
    assert "Nobody in Empty Office A, Empty Office B could be told" in page
    assert "Each team is told by email" not in page


def test_with_nothing_staged_the_page_says_so_and_offers_no_button(desk):
    call = review_call()

    page = desk.get(release_url(call)).content.decode()

    assert "No decision to release" in page
    assert 'name="confirmed"' not in page
