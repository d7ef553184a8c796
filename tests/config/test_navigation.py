"""The main navigation lists, for each kind of person, only the pages they can open, and
each link it lists opens for them."""

import re

import pytest
from django.urls import reverse

from tests.cohorts.factories import CohortFactory, cohort_member
from tests.factories import MembershipFactory, UserFactory, secretariat_user, with_second_factor
from tests.reviews.factories import reviewer

pytestmark = pytest.mark.django_db

NAV = re.compile(r'<nav class="site-nav".*?</nav>', re.S)
LINK = re.compile(r'<a href="([^"]+)"[^>]*>([^<]+)</a>')


def navigation(client) -> dict[str, str]:
    page = client.get(reverse("incubator:home")).content.decode()
    return {label: url for url, label in LINK.findall(NAV.search(page).group(0))}


def people():
    cohort = CohortFactory()
    board = reviewer()
    both = MembershipFactory().user
    both.role_grants.create(role="reviewer")
    return {
        "visitor": None,
        "newcomer": UserFactory(),
        "member": MembershipFactory().user,
        "cohort member": cohort_member(cohort),
        "reviewer": board,
        "reviewer in a team": both,
        "secretariat": with_second_factor(secretariat_user()),
    }


EXPECTED = {
    "visitor": ["Home", "Challenges", "Library", "Sign in", "Create an account"],
    "newcomer": ["Home", "Challenges", "My portal", "Profile"],
    "member": ["Home", "Challenges", "My portal", "Profile"],
    "cohort member": ["Home", "Challenges", "My portal", "Sessions", "Profile"],
    "reviewer": ["Home", "Challenges", "My portal", "Reviews", "Profile"],
    "reviewer in a team": [
        "Home",
        "Challenges",
        "My portal",
        "Reviews",
        "Profile",
    ],
    "secretariat": [
        "Home",
        "Challenges",
        "My portal",
        "Sessions",
        "Secretariat",
        "Profile",
    ],
}


@pytest.mark.parametrize("who", EXPECTED)
def test_each_person_sees_only_what_they_can_open(client, client_of, who):
    person = people()[who]
    if person is not None:
        client_of(person)

    links = navigation(client)

    assert list(links) == EXPECTED[who]
    for label, url in links.items():
        assert client.get(url).status_code == 200, f"{who}: “{label}” ({url}) does not open"


def test_the_page_one_is_on_is_marked_current(client_of):
    client = client_of(UserFactory())

    page = client.get(reverse("incubator:profile")).content.decode()

    assert f'<a href="{reverse("incubator:profile")}" aria-current="page">Profile</a>' in page


def test_the_navigation_asks_the_database_a_fixed_number_of_questions(client_of, queries_to_render):
    person = cohort_member(CohortFactory())
    person.role_grants.create(role="reviewer")
    client = client_of(person)
    few = queries_to_render(client, reverse("incubator:home"))
    for _ in range(5):
        MembershipFactory(user=person)
        cohort_member(CohortFactory(), team=person.organisations.first())

    assert queries_to_render(client, reverse("incubator:home")) == few
