"""What a cohort member sees of sessions: upcoming and past, by theme, every time in
their own zone with the zone named and the reference zone beside it."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cohorts.models import RegistrationStatus
from tests.cohorts.factories import (
    CohortFactory,
    RegistrationFactory,
    SessionFactory,
    cohort_member,
)
from tests.factories import ThemeFactory

pytestmark = pytest.mark.django_db

LIST = reverse("cohorts:sessions")


def page_of(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_member_sees_upcoming_sessions_soonest_first_and_past_ones_apart(client_of):
    cohort = CohortFactory()
    member = cohort_member(cohort)
    now = timezone.now()
    SessionFactory(
        cohort=cohort,
        title="Later: scaling services",
        starts_at=now + timedelta(days=20),
        ends_at=now + timedelta(days=20, hours=1),
    )
    SessionFactory(
        cohort=cohort,
        title="Sooner: citizen panels",
        starts_at=now + timedelta(days=2),
        ends_at=now + timedelta(days=2, hours=1),
    )
    SessionFactory(
        cohort=cohort,
        title="Done: evidence reviews",
        starts_at=now - timedelta(days=3),
        ends_at=now - timedelta(days=3) + timedelta(hours=1),
    )
    client = client_of(member)

    upcoming = page_of(client, LIST)
    past = page_of(client, LIST, when="past")

    assert upcoming.index("Sooner: citizen panels") < upcoming.index("Later: scaling services")
    assert "Done: evidence reviews" not in upcoming
    assert "2 sessions" in upcoming
    assert "Done: evidence reviews" in past
    assert "Sooner: citizen panels" not in past


def test_the_theme_filter_keeps_the_sessions_of_that_theme(client_of):
    cohort = CohortFactory()
    member = cohort_member(cohort)
    scaling = ThemeFactory(slug="scaling", name="Scaling")
    SessionFactory(cohort=cohort, theme=scaling, title="Scaling a pilot nationally")
    SessionFactory(cohort=cohort, title="Citizen juries")

    page = page_of(client_of(member), LIST, theme="scaling")

    assert "Scaling a pilot nationally" in page
    assert "Citizen juries" not in page
    assert '<option value="scaling" selected>Scaling</option>' in page


def test_an_unknown_theme_in_the_address_shows_every_session_rather_than_failing(client_of):
    cohort = CohortFactory()
    member = cohort_member(cohort)
    SessionFactory(cohort=cohort, title="Citizen juries")

    page = page_of(client_of(member), LIST, theme="<script>", page="nonsense")

    assert "Citizen juries" in page


@pytest.mark.parametrize(
    ("zone", "local_time", "abbreviation"),
    [
        ("America/Sao_Paulo", "10:00–11:30", "UTC−03:00"),  # no abbreviation: the offset
        ("Asia/Tokyo", "22:00–23:30", "JST"),
    ],
)
def test_times_are_in_the_members_zone_with_the_reference_zone_beside(
    client_of, zone, local_time, abbreviation
):
    cohort = CohortFactory()
    member = cohort_member(cohort, time_zone=zone)
    # 14:00 in Paris in winter is 13:00 UTC.
    starts = datetime(2030, 1, 15, 13, 0, tzinfo=UTC)
    session = SessionFactory(
        cohort=cohort, starts_at=starts, ends_at=starts + timedelta(minutes=90)
    )
    client = client_of(member)

    for page in (page_of(client, LIST), page_of(client, session.get_absolute_url())):
        assert f"{local_time} {abbreviation} ({zone})" in page
        assert "14:00–15:30 CET (Europe/Paris)" in page


def test_the_session_page_shows_places_left_and_a_register_button(client_of):
    session = SessionFactory(capacity=3)
    RegistrationFactory(session=session)
    member = cohort_member(session.cohort)

    page = page_of(client_of(member), session.get_absolute_url())

    assert "1 registered of 3 places" in page
    assert "2 places left." in page
    assert ">Register</button>" in page


def test_a_full_session_offers_the_waitlist(client_of):
    session = SessionFactory(capacity=1)
    RegistrationFactory(session=session)
    member = cohort_member(session.cohort)

    page = page_of(client_of(member), session.get_absolute_url())

    assert "Join the waitlist" in page
    assert "Full: waitlist open" in page_of(client_of(member), LIST)


def test_a_cancelled_session_says_so_and_takes_no_registration(client_of):
    session = SessionFactory(
        cancelled_at=timezone.now(), cancellation_reason="The expert fell ill."
    )
    member = cohort_member(session.cohort)

    page = page_of(client_of(member), session.get_absolute_url())

    assert "This session is cancelled." in page
    assert "The expert fell ill." in page
    assert ">Register</button>" not in page
    assert session.joining_link not in page


def test_the_list_marks_the_sessions_the_member_registered_for(client_of):
    session = SessionFactory(title="Citizen juries")
    registration = RegistrationFactory(session=session)

    page = page_of(client_of(registration.user), LIST)

    assert "Registered" in page


def test_a_person_outside_every_cohort_is_told_how_to_join(client_of):
    SessionFactory(title="Citizen juries")
    outsider = cohort_member(CohortFactory())
    outsider.memberships.all().delete()

    page = page_of(client_of(outsider), LIST)

    assert "Citizen juries" not in page
    assert "not enrolled" in page


def test_the_recording_and_slides_appear_after_the_session(client_of):
    now = timezone.now()
    session = SessionFactory(
        starts_at=now - timedelta(hours=3),
        ends_at=now - timedelta(hours=2),
        recording_url="https://video.example/recording-1",
    )
    registration = RegistrationFactory(session=session)

    page = page_of(client_of(registration.user), session.get_absolute_url())

    assert "https://video.example/recording-1" in page
    assert "Give feedback" in page
    assert session.joining_link not in page


def test_the_sessions_list_issues_as_many_queries_with_300_sessions_as_with_3(
    client_of, queries_to_render, django_assert_max_num_queries
):
    cohort = CohortFactory()
    member = cohort_member(cohort)
    theme = ThemeFactory(slug="scaling", name="Scaling")

    def make(count):
        for session in SessionFactory.create_batch(count, cohort=cohort, theme=theme):
            RegistrationFactory(session=session, user=member, status=RegistrationStatus.WAITLISTED)

    make(3)
    client = client_of(member)
    urls = [LIST, f"{LIST}?theme=scaling"]
    few = {url: queries_to_render(client, url) for url in urls}

    make(297)

    for url, count in few.items():
        with django_assert_max_num_queries(count):
            page = client.get(url).content.decode()
        assert "300 sessions" in page
