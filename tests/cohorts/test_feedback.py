"""Feedback after a session: a rating from 1 to 5, what worked, what to improve; from
people who were registered, once the session is over."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cohorts.models import Feedback, RegistrationStatus
from tests.cohorts.factories import (
    CohortFactory,
    RegistrationFactory,
    SessionFactory,
    cohort_member,
)

pytestmark = pytest.mark.django_db


def feedback_url(session):
    return reverse("cohorts:session_feedback", kwargs={"pk": session.pk})


def ended_session(**fields):
    now = timezone.now()
    return SessionFactory(
        starts_at=now - timedelta(hours=3), ends_at=now - timedelta(hours=2), **fields
    )


def test_a_registered_member_rates_a_session_after_it_and_can_change_their_mind(client_of):
    registration = RegistrationFactory(session=ended_session())
    client = client_of(registration.user)

    response = client.post(
        feedback_url(registration.session),
        {"rating": "5", "worked": "Real cases.", "improve": "Start on time."},
        follow=True,
    )
    client.post(feedback_url(registration.session), {"rating": "3", "worked": "", "improve": ""})

    assert "your feedback is saved" in response.content.decode()
    feedback = Feedback.objects.get()
    assert (feedback.rating, feedback.user) == (3, registration.user)
    page = client.get(feedback_url(registration.session)).content.decode()
    assert 'value="3" required id="id_rating_2" checked' in page


def test_a_missing_rating_is_asked_for_and_the_text_is_kept(client_of):
    registration = RegistrationFactory(session=ended_session())

    response = client_of(registration.user).post(
        feedback_url(registration.session), {"worked": "The case from Kenya.", "improve": ""}
    )

    assert response.status_code == 400
    assert "Choose a rating from 1 to 5." in response.content.decode()
    assert "The case from Kenya." in response.content.decode()
    assert not Feedback.objects.exists()


def test_a_rating_outside_1_to_5_is_refused(client_of):
    registration = RegistrationFactory(session=ended_session())

    response = client_of(registration.user).post(
        feedback_url(registration.session), {"rating": "9"}
    )

    assert response.status_code == 400
    assert not Feedback.objects.exists()


def test_feedback_opens_when_the_session_is_over(client_of):
    registration = RegistrationFactory(session=SessionFactory())

    response = client_of(registration.user).post(
        feedback_url(registration.session), {"rating": "4"}
    )

    assert response.status_code == 400
    assert "Feedback opens when the session is over." in response.content.decode()
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("status", [RegistrationStatus.WAITLISTED, RegistrationStatus.CANCELLED])
def test_only_people_who_had_a_place_give_feedback(client_of, status):
    registration = RegistrationFactory(session=ended_session(), status=status)

    response = client_of(registration.user).post(
        feedback_url(registration.session), {"rating": "4"}, follow=True
    )

    assert "Only people registered for the session can give feedback." in response.content.decode()
    assert not Feedback.objects.exists()


def test_people_outside_the_cohort_cannot_reach_the_feedback_form(client_of):
    session = ended_session()
    outsider = cohort_member(CohortFactory())

    assert client_of(outsider).get(feedback_url(session)).status_code == 404
    assert client_of(outsider).post(feedback_url(session), {"rating": "1"}).status_code == 404
