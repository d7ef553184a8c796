"""People outside a cohort see nothing of it: no session, no joining link, no calendar
file, no resource, no opportunity. Inside it, the joining link is for people with a place."""

import pytest
from django.urls import reverse

from cohorts.models import RegistrationStatus
from tests.cohorts.factories import (
    CohortFactory,
    OpportunityFactory,
    RegistrationFactory,
    ResourceFactory,
    SessionFactory,
    cohort_member,
)
from tests.factories import MembershipFactory, UserFactory, secretariat_user

pytestmark = pytest.mark.django_db

LINK = "secret-room-42"


def member_pages(session):
    return [
        reverse("cohorts:session", kwargs={"pk": session.pk}),
        reverse("cohorts:session_ics", kwargs={"pk": session.pk}),
        reverse("cohorts:session_feedback", kwargs={"pk": session.pk}),
    ]


@pytest.mark.parametrize("who", ["other cohort", "no team", "team not enrolled"])
def test_people_outside_the_cohort_see_nothing_of_its_sessions(client_of, who):
    session = SessionFactory(title="Citizen juries")
    ResourceFactory(cohort=session.cohort, title="Internal handbook")
    OpportunityFactory(cohort=session.cohort, title="Internal call")
    outsider = {
        "other cohort": lambda: cohort_member(CohortFactory()),
        "no team": UserFactory,
        "team not enrolled": lambda: MembershipFactory().user,
    }[who]()
    client = client_of(outsider)

    for url in member_pages(session):
        response = client.get(url)
        assert response.status_code == 404, url
        assert LINK not in response.content.decode()
    lists = "".join(
        client.get(reverse(name)).content.decode()
        for name in ("cohorts:sessions", "cohorts:resources", "cohorts:opportunities")
    )
    assert "Citizen juries" not in lists
    assert "Internal handbook" not in lists
    assert "Internal call" not in lists
    assert LINK not in lists


def test_a_visitor_is_asked_to_sign_in(client):
    session = SessionFactory()

    for url in [*member_pages(session), reverse("cohorts:sessions"), reverse("cohorts:calendar")]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    "status", [None, RegistrationStatus.WAITLISTED, RegistrationStatus.CANCELLED]
)
def test_a_member_without_a_place_sees_the_session_but_not_its_joining_link(client_of, status):
    session = SessionFactory()
    member = cohort_member(session.cohort)
    if status:
        RegistrationFactory(session=session, user=member, status=status)
    client = client_of(member)

    page = client.get(session.get_absolute_url()).content.decode()
    calendar_file = client.get(reverse("cohorts:session_ics", kwargs={"pk": session.pk}))

    assert session.title in page
    assert LINK not in page
    assert LINK not in calendar_file.content.decode()


def test_a_member_with_a_place_sees_the_joining_link(client_of):
    registration = RegistrationFactory()

    page = client_of(registration.user).get(registration.session.get_absolute_url())

    assert LINK in page.content.decode()


def test_the_secretariat_sees_every_cohorts_sessions(client_of):
    SessionFactory(title="Citizen juries")

    page = client_of(secretariat_user()).get(reverse("cohorts:sessions")).content.decode()

    assert "Citizen juries" in page
