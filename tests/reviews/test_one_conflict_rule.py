"""One conflict-of-interest rule: the reviewers the secretariat's page of a submission
offers to add, those hand assignment accepts, those automatic assignment gives it and
those the reviewer's own desk shows are the same people, on the same data."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reviews.access import assignments_of_reviewer
from reviews.conflicts import AFFILIATION, COUNTRY, DECLARED, MEMBER
from reviews.models import Assignment, Conflict
from reviews.selectors import conflicts_between, reviewer_pool
from reviews.services import assignment_add, assignment_run
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    secretariat_user,
)
from tests.reviews.factories import challenge_under_review, review_call, reviewer

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_with_every_kind_of_conflict():
    """Two submissions of a Chilean team and six reviewers: two free, one from Chile,
    one affiliated with the team, one a member of it, and one who declared a conflict
    with the first submission only."""
    call = review_call(reviewers_per_submission=10)
    team = OrganisationFactory(name="Chilean Health Office", country="CL")
    ferries = challenge_under_review(call, organisation=team, title="Island ferries")
    meals = challenge_under_review(call, organisation=team, title="School meals")
    people = {
        "free": reviewer(country="PT", display_name="Free Reviewer"),
        "also free": reviewer(country="FR", display_name="Another Free Reviewer"),
        "compatriot": reviewer(country="CL", display_name="Chilean Reviewer"),
        "affiliated": reviewer(organisation=team, display_name="Affiliated Reviewer"),
        "member": reviewer(display_name="Member Reviewer"),
        "declared": reviewer(country="JP", display_name="Declaring Reviewer"),
    }
    MembershipFactory(organisation=team, user=people["member"])
    Conflict.objects.create(item=ferries, reviewer=people["declared"], reason="My sister.")
    return call, [ferries, meals], people


def offered_on_the_page(client, item) -> set[int]:
    page = client.get(reverse("reviews:item", kwargs={"call_pk": item.call_id, "item_pk": item.pk}))
    select = re.search(r'<select name="reviewer".*?</select>', page.content.decode(), re.S)
    return {int(pk) for pk in re.findall(r'<option value="(\d+)"', select.group(0))}


def accepted_by_hand(desk, item, people) -> set[int]:
    accepted = set()
    for person in people.values():
        try:
            assignment_add(item=item, reviewer=person, by=desk)
        except ValidationError:
            continue
        accepted.add(person.pk)
    Assignment.objects.filter(item=item).delete()
    return accepted


def test_the_page_hand_and_automatic_assignment_and_the_desk_agree(
    client_of, round_with_every_kind_of_conflict
):
    call, items, people = round_with_every_kind_of_conflict
    desk = secretariat_user()
    ferries, meals = items

    conflicts = conflicts_between(items=items, reviewers=reviewer_pool())
    assert conflicts == {
        (item.pk, people[name].pk): reason
        for item in items
        for name, reason in (
            ("compatriot", COUNTRY),
            ("affiliated", AFFILIATION),
            ("member", MEMBER),
        )
    } | {(ferries.pk, people["declared"].pk): DECLARED}

    allowed = {
        item.pk: {p.pk for p in people.values() if (item.pk, p.pk) not in conflicts}
        for item in items
    }
    page = {item.pk: offered_on_the_page(client_of(desk), item) for item in items}
    by_hand = {item.pk: accepted_by_hand(desk, item, people) for item in items}
    assignment_run(call=call, by=desk)
    automatic = {
        item.pk: set(Assignment.objects.filter(item=item).values_list("reviewer_id", flat=True))
        for item in items
    }
    desks = {
        item.pk: {
            p.pk for p in people.values() if assignments_of_reviewer(user=p).filter(item=item)
        }
        for item in items
    }

    assert allowed[meals.pk] == allowed[ferries.pk] | {people["declared"].pk}
    assert page == allowed
    assert by_hand == allowed
    assert automatic == allowed
    assert desks == allowed


def test_a_conflict_arising_later_hides_the_item_and_automatic_assignment_removes_it(
    client_of, round_with_every_kind_of_conflict
):
    call, items, people = round_with_every_kind_of_conflict
    desk = secretariat_user()
    assignment_run(call=call, by=desk)
    free = people["free"]
    free.reviewer_profile.country = "CL"
    free.reviewer_profile.save()

    assert not assignments_of_reviewer(user=free).exists()
    assert all(free.pk not in offered_on_the_page(client_of(desk), item) for item in items)
    assert assignment_run(call=call, by=desk).removed_for_conflicts == 2
    assert not Assignment.objects.filter(reviewer=free).exists()
