"""Registering for a session: a place while there are places, the waitlist after, the
first person waiting promoted and told when someone cancels."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from cohorts.models import Registration, RegistrationStatus
from cohorts.services import registration_cancel, registration_create
from incubator.models import Notification
from tests.cohorts.factories import (
    CohortFactory,
    RegistrationFactory,
    SessionFactory,
    cohort_member,
)

pytestmark = pytest.mark.django_db

R = RegistrationStatus


def register_url(session):
    return reverse("cohorts:session_register", kwargs={"pk": session.pk})


def unregister_url(session):
    return reverse("cohorts:session_unregister", kwargs={"pk": session.pk})


def status_of(session, user):
    return Registration.objects.get(session=session, user=user).status


def test_a_member_registers_and_then_sees_the_joining_link(client_of):
    session = SessionFactory()
    member = cohort_member(session.cohort)
    client = client_of(member)

    before = client.get(session.get_absolute_url()).content.decode()
    response = client.post(register_url(session), follow=True)

    assert session.joining_link not in before
    assert status_of(session, member) == R.REGISTERED
    assert "You are registered." in response.content.decode()
    assert session.joining_link in response.content.decode()


def test_when_the_places_are_taken_the_next_person_goes_on_the_waitlist(client_of):
    session = SessionFactory(capacity=1)
    first = cohort_member(session.cohort)
    second = cohort_member(session.cohort)
    client_of(first).post(register_url(session))

    response = client_of(second).post(register_url(session), follow=True)
    page = response.content.decode()

    assert status_of(session, first) == R.REGISTERED
    assert status_of(session, second) == R.WAITLISTED
    assert "you are on the waitlist" in page
    assert "You are number 1 on the waitlist" in page
    assert session.joining_link not in page


def test_cancelling_gives_the_place_to_the_first_person_waiting_and_tells_them(client_of):
    session = SessionFactory(capacity=1, title="Citizen juries")
    holder = cohort_member(session.cohort)
    waiting_first = cohort_member(session.cohort, language="fr", time_zone="Asia/Tokyo")
    waiting_second = cohort_member(session.cohort)
    for person in (holder, waiting_first, waiting_second):
        registration_create(session=session, user=person)

    response = client_of(holder).post(unregister_url(session), follow=True)

    assert "Your registration is cancelled." in response.content.decode()
    assert status_of(session, holder) == R.CANCELLED
    assert status_of(session, waiting_first) == R.REGISTERED
    assert status_of(session, waiting_second) == R.WAITLISTED
    email = Notification.objects.get(recipient=waiting_first)
    assert "Citizen juries" in email.subject
    assert email.language == "fr"
    assert "(Asia/Tokyo)" in email.body_text
    assert session.joining_link in email.body_text
    assert not Notification.objects.filter(recipient=waiting_second).exists()


def test_leaving_the_waitlist_promotes_nobody_and_sends_nothing():
    session = SessionFactory(capacity=1)
    holder, waiting = cohort_member(session.cohort), cohort_member(session.cohort)
    registration_create(session=session, user=holder)
    registration = registration_create(session=session, user=waiting)

    registration_cancel(registration=registration, by=waiting)

    assert status_of(session, holder) == R.REGISTERED
    assert status_of(session, waiting) == R.CANCELLED
    assert not Notification.objects.exists()


def test_registering_again_after_cancelling_joins_the_back_of_the_queue():
    session = SessionFactory(capacity=1)
    first, second = cohort_member(session.cohort), cohort_member(session.cohort)
    registration = registration_create(session=session, user=first)
    registration_cancel(registration=registration, by=first)
    registration_create(session=session, user=second)

    again = registration_create(session=session, user=first)

    assert again.pk == registration.pk
    assert again.status == R.WAITLISTED


def test_registering_twice_keeps_one_place():
    session = SessionFactory(capacity=5)
    member = cohort_member(session.cohort)

    registration_create(session=session, user=member)
    registration_create(session=session, user=member)

    assert session.registrations.count() == 1


def test_nobody_outside_the_cohort_can_register(client_of):
    session = SessionFactory()
    outsider = cohort_member(CohortFactory())

    with pytest.raises(PermissionDenied):
        registration_create(session=session, user=outsider)
    response = client_of(outsider).post(register_url(session))

    assert response.status_code == 404
    assert not session.registrations.exists()


def test_registration_closes_when_the_session_starts_and_for_a_cancelled_session(client_of):
    now = timezone.now()
    started = SessionFactory(starts_at=now - timedelta(minutes=5), ends_at=now + timedelta(hours=1))
    cancelled = SessionFactory(cancelled_at=now, cancellation_reason="Moved to next month.")
    member = cohort_member(started.cohort)
    cohort_member(cancelled.cohort, team=member.organisations.get())

    for session in (started, cancelled):
        with pytest.raises(ValidationError):
            registration_create(session=session, user=member)
        response = client_of(member).post(register_url(session), follow=True)
        assert response.status_code == 200
        assert not session.registrations.exists()


def test_nobody_cancels_someone_elses_registration():
    registration = RegistrationFactory()
    other = cohort_member(registration.session.cohort)

    with pytest.raises(PermissionDenied):
        registration_cancel(registration=registration, by=other)
    registration.refresh_from_db()
    assert registration.status == R.REGISTERED
