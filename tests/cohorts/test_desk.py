"""The secretariat's cohort desk: cohorts and enrolment, planning a session with every
team's local time in view, changing and cancelling it (and telling people), attendance,
material, feedback. Bad input gets a clear message, keeps what was typed, never a 500."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from cohorts.models import Cohort, Registration, RegistrationStatus, Session
from cohorts.services import registration_create
from incubator.models import Notification
from tests.challenges.files import PDF, PNG, upload
from tests.cohorts.factories import (
    CohortFactory,
    EnrolmentFactory,
    FeedbackFactory,
    RegistrationFactory,
    SessionFactory,
    cohort_member,
)
from tests.factories import (
    OrganisationFactory,
    ProgrammeFactory,
    ThemeFactory,
    UserFactory,
    secretariat_user,
)

pytestmark = pytest.mark.django_db

COHORTS = reverse("cohorts:desk_cohorts")
PARIS = ZoneInfo("Europe/Paris")


def paris_clock(moment) -> str:
    return moment.astimezone(PARIS).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def desk(client_of):
    return client_of(secretariat_user(time_zone="Europe/Paris"))


def new_session_url(cohort):
    return reverse("cohorts:desk_session_new", kwargs={"pk": cohort.pk})


def edit_url(session):
    return reverse("cohorts:desk_session_edit", kwargs={"pk": session.pk})


def desk_url(session):
    return reverse("cohorts:desk_session", kwargs={"pk": session.pk})


def next_monday(hour=14):
    today = timezone.now().date()
    monday = today + timedelta(days=7 - today.weekday() + 7)
    return datetime(monday.year, monday.month, monday.day, hour, 0)


def session_fields(theme, **overrides):
    starts = next_monday()
    return {
        "title": "Running an open experiment",
        "theme": theme.pk,
        "description": "Set-up, ethics, and telling the public.",
        "facilitators": "Ana Silva",
        "reference_time_zone": "Europe/Paris",
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (starts + timedelta(minutes=90)).strftime("%Y-%m-%dT%H:%M"),
        "format": "online",
        "location": "",
        "joining_link": "https://meet.example/room",
        "capacity": "25",
        **overrides,
    }


# Access ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "cohorts:desk_cohorts",
        "cohorts:desk_cohort",
        "cohorts:desk_session",
        "cohorts:desk_session_edit",
    ],
)
def test_only_the_secretariat_with_a_second_factor_reaches_the_desk(client, client_of, name):
    session = SessionFactory()
    kwargs = (
        {}
        if name == "cohorts:desk_cohorts"
        else {"pk": session.cohort.pk if name == "cohorts:desk_cohort" else session.pk}
    )
    url = reverse(name, kwargs=kwargs)

    assert client.get(url).status_code == 302
    assert client_of(cohort_member(session.cohort)).get(url).status_code == 403
    assert (
        client_of(secretariat_user(second_factor=False)).get(url).status_code == 302
    )  # to set up 2FA
    assert client_of(secretariat_user()).get(url).status_code == 200


# Cohorts and teams -----------------------------------------------------------------------


def test_the_secretariat_creates_a_cohort_and_enrols_teams(desk):
    programme = ProgrammeFactory(name="Incubator 2030")
    lisbon = OrganisationFactory(name="Lisbon Lab")
    nairobi = OrganisationFactory(name="Nairobi Service Desk", time_zone="Africa/Nairobi")

    response = desk.post(
        COHORTS, {"name": "Cohort 2030", "programme": programme.pk, "description": ""}
    )
    cohort = Cohort.objects.get()
    desk.post(
        reverse("cohorts:desk_cohort_enrol", kwargs={"pk": cohort.pk}),
        {"organisations": [lisbon.pk, nairobi.pk]},
    )

    assert response.status_code == 302
    assert set(cohort.teams.values_list("name", flat=True)) == {
        "Lisbon Lab",
        "Nairobi Service Desk",
    }
    page = desk.get(reverse("cohorts:desk_cohort", kwargs={"pk": cohort.pk})).content.decode()
    assert "Africa/Nairobi" in page


def test_enrolling_nobody_says_what_to_do(desk):
    cohort = CohortFactory()
    OrganisationFactory()

    response = desk.post(reverse("cohorts:desk_cohort_enrol", kwargs={"pk": cohort.pk}), {})

    assert response.status_code == 400
    assert "Tick at least one team to enrol." in response.content.decode()


def test_removing_a_team_frees_its_peoples_places_for_the_waitlist(desk):
    session = SessionFactory(capacity=1)
    leaving = RegistrationFactory(session=session)
    waiting = cohort_member(session.cohort)
    registration_create(session=session, user=waiting)
    team = leaving.user.organisations.get()

    desk.post(
        reverse(
            "cohorts:desk_cohort_remove_team",
            kwargs={"pk": session.cohort.pk, "organisation_pk": team.pk},
        ),
        {"confirmed": "yes"},
    )

    leaving.refresh_from_db()
    assert leaving.status == RegistrationStatus.CANCELLED
    assert Registration.objects.get(user=waiting).status == RegistrationStatus.REGISTERED
    assert Notification.objects.filter(
        recipient=waiting, key__startswith="session-promoted"
    ).exists()


# Planning a session ----------------------------------------------------------------------


def test_the_secretariat_plans_a_session_in_its_reference_zone(desk):
    cohort = CohortFactory()
    theme = ThemeFactory()
    fields = session_fields(theme)

    response = desk.post(new_session_url(cohort), fields)

    session = Session.objects.get()
    assert response.status_code == 302
    paris = datetime.strptime(fields["starts_at"], "%Y-%m-%dT%H:%M")
    assert session.starts_at.astimezone(PARIS).replace(tzinfo=None) == paris
    assert session.reference_time_zone == "Europe/Paris"
    assert session.capacity == 25


def test_a_session_on_the_far_side_of_a_daylight_saving_change_gets_the_right_instant(desk):
    cohort = CohortFactory()
    fields = session_fields(
        ThemeFactory(), starts_at="2030-04-05T14:00", ends_at="2030-04-05T15:30"
    )

    desk.post(new_session_url(cohort), fields)

    assert Session.objects.get().starts_at == datetime(2030, 4, 5, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"starts_at": "2030-03-05T14:00", "ends_at": "2030-03-05T13:00"},
            "ends_at",
            "The session ends before it starts.",
        ),
        (
            {"starts_at": "2030-03-05T14:00", "ends_at": "2030-03-05T14:00"},
            "ends_at",
            "The session ends before it starts.",
        ),
        (
            {"reference_time_zone": "Mars/Olympus_Mons"},
            "reference_time_zone",
            "is not a time zone we know",
        ),
        (
            {"starts_at": "2030-03-31T02:30", "ends_at": "2030-03-31T04:00"},
            "starts_at",
            "does not exist in Europe/Paris",
        ),
        (
            {"starts_at": "2020-03-05T14:00", "ends_at": "2020-03-05T15:00"},
            "starts_at",
            "in the past",
        ),
        ({"starts_at": "next tuesday"}, "starts_at", "Enter a date and time such as"),
        ({"starts_at": "0001-01-01T00:00"}, "starts_at", "enter a date from 2000 to 2100"),
        ({"ends_at": "9999-12-31T23:59"}, "ends_at", "enter a date from 2000 to 2100"),
        ({"capacity": "0"}, "capacity", "greater than or equal to 1"),
        ({"joining_link": "not a link at all"}, "joining_link", "Enter a valid URL"),
    ],
)
def test_bad_input_when_planning_gets_a_clear_message_and_keeps_what_was_typed(
    desk, overrides, field, message
):
    cohort = CohortFactory()
    fields = session_fields(ThemeFactory(), **overrides)

    response = desk.post(new_session_url(cohort), fields)
    page = response.content.decode()

    assert response.status_code == 400
    assert message in page
    assert f'href="#id_{field}"' in page  # the error summary links to the field
    assert 'value="Running an open experiment"' in page
    assert "Set-up, ethics, and telling the public." in page
    assert not Session.objects.exists()


def test_checking_a_slot_shows_each_teams_local_time_and_flags_those_outside_the_day(desk):
    cohort = CohortFactory()
    EnrolmentFactory(cohort=cohort, organisation=OrganisationFactory(name="Lisbon Lab"))
    EnrolmentFactory(
        cohort=cohort,
        organisation=OrganisationFactory(name="Tokyo Digital Office", time_zone="Asia/Tokyo"),
    )
    EnrolmentFactory(
        cohort=cohort,
        organisation=OrganisationFactory(name="Toronto Service Lab", time_zone="America/Toronto"),
    )
    # Only the theme-less, title-less slot: checking needs nothing else.
    fields = {
        "reference_time_zone": "Europe/Paris",
        "starts_at": "2030-06-12T14:00",
        "ends_at": "2030-06-12T15:30",
        "check": "1",
    }

    response = desk.post(new_session_url(cohort), fields)
    page = response.content.decode()

    assert response.status_code == 200
    assert "This field is required" not in page
    assert "13:00–14:30 WEST (Europe/Lisbon)" in page
    assert "21:00–22:30 JST (Asia/Tokyo)" in page
    assert "08:00–09:30 EDT (America/Toronto)" in page
    assert "for 2 of 3 teams" in page
    assert page.count("No: outside 08:00–19:00") == 1
    assert "Use this slot" in page
    assert not Session.objects.exists()


def test_the_week_suggestions_name_slots_that_suit_every_team_when_one_exists(desk):
    cohort = CohortFactory()
    for zone in ("Europe/Lisbon", "Asia/Tokyo", "Europe/Berlin"):
        EnrolmentFactory(cohort=cohort, organisation=OrganisationFactory(time_zone=zone))
    fields = {
        "reference_time_zone": "Europe/Paris",
        "starts_at": "2030-06-12T17:00",
        "ends_at": "2030-06-12T18:00",
        "check": "1",
    }

    page = desk.post(new_session_url(cohort), fields).content.decode()

    assert "suits 3 of 3 teams" in page


def test_using_a_suggested_slot_puts_it_in_the_form(desk):
    cohort = CohortFactory()
    EnrolmentFactory(cohort=cohort, organisation=OrganisationFactory(time_zone="Asia/Tokyo"))
    fields = {
        **session_fields(ThemeFactory()),
        "starts_at": "2030-06-12T18:00",
        "ends_at": "2030-06-12T19:00",
        "use_slot": "2030-06-11T09:30|2030-06-11T10:30",
    }

    page = desk.post(new_session_url(cohort), fields).content.decode()

    assert 'value="2030-06-11T09:30"' in page
    assert 'value="2030-06-11T10:30"' in page
    assert "16:30–17:30 JST (Asia/Tokyo)" in page
    assert not Session.objects.exists()


# Changing and cancelling -----------------------------------------------------------------


def test_capacity_below_the_number_registered_is_refused_and_nothing_changes(desk):
    session = SessionFactory(capacity=5, title="Citizen juries")
    RegistrationFactory.create_batch(3, session=session)
    fields = session_fields(
        session.theme,
        title="Citizen juries, renamed",
        capacity="2",
        starts_at=paris_clock(session.starts_at),
        ends_at=paris_clock(session.ends_at),
    )

    response = desk.post(edit_url(session), fields)
    page = response.content.decode()

    assert response.status_code == 400
    assert "3 people are already registered. Give at least 3 places" in page
    assert 'href="#id_capacity"' in page
    assert 'value="Citizen juries, renamed"' in page
    session.refresh_from_db()
    assert (session.title, session.capacity) == ("Citizen juries", 5)


def test_more_places_move_the_waitlist_up(desk):
    session = SessionFactory(capacity=1)
    RegistrationFactory(session=session)
    waiting = cohort_member(session.cohort)
    registration_create(session=session, user=waiting)
    fields = session_fields(
        session.theme,
        title=session.title,
        capacity="2",
        starts_at=paris_clock(session.starts_at),
        ends_at=paris_clock(session.ends_at),
    )

    desk.post(edit_url(session), fields)

    assert Registration.objects.get(user=waiting).status == RegistrationStatus.REGISTERED
    assert Notification.objects.filter(
        recipient=waiting, key__startswith="session-promoted"
    ).exists()


def test_a_new_time_is_sent_to_everyone_registered_or_waiting_and_to_nobody_else(desk):
    session = SessionFactory(capacity=1, title="Citizen juries")
    registered = RegistrationFactory(session=session).user
    waiting = cohort_member(session.cohort)
    registration_create(session=session, user=waiting)
    gone = RegistrationFactory(session=session, status=RegistrationStatus.CANCELLED).user
    bystander = cohort_member(session.cohort)
    fields = session_fields(
        session.theme,
        title=session.title,
        capacity="1",
        starts_at="2030-09-10T10:00",
        ends_at="2030-09-10T11:30",
    )

    response = desk.post(edit_url(session), fields)

    assert response.status_code == 302
    session.refresh_from_db()
    assert session.starts_at == datetime(2030, 9, 10, 8, 0, tzinfo=UTC)
    told = set(
        Notification.objects.filter(key__startswith="session-rescheduled").values_list(
            "recipient", flat=True
        )
    )
    assert told == {registered.pk, waiting.pk}
    email = Notification.objects.get(recipient=registered)
    assert email.subject == "New time: Citizen juries"
    assert "10:00–11:30 CEST (Europe/Paris)" in email.body_text
    assert gone.pk not in told and bystander.pk not in told


def test_saving_without_changing_the_time_tells_nobody(desk):
    session = SessionFactory()
    RegistrationFactory(session=session)
    fields = session_fields(
        session.theme,
        title="A better title",
        starts_at=paris_clock(session.starts_at),
        ends_at=paris_clock(session.ends_at),
    )

    desk.post(edit_url(session), fields)

    session.refresh_from_db()
    assert session.title == "A better title"
    assert not Notification.objects.exists()


def test_cancelling_tells_everyone_registered_or_waiting_once(desk):
    session = SessionFactory(capacity=1, title="Citizen juries")
    registered = RegistrationFactory(session=session).user
    waiting = cohort_member(session.cohort)
    registration_create(session=session, user=waiting)
    url = reverse("cohorts:desk_session_cancel", kwargs={"pk": session.pk})

    asked = desk.post(url, {"reason": "The expert fell ill."}).content.decode()
    assert "Cancel “Citizen juries”?" in asked
    assert "2 people will be emailed." in asked
    assert not Notification.objects.exists()
    done = desk.post(url, {"reason": "The expert fell ill.", "confirmed": "yes"}, follow=True)
    assert "The session is cancelled. 2 people are told by email." in done.content.decode()
    again = desk.post(url, {"reason": "Twice.", "confirmed": "yes"}, follow=True)

    session.refresh_from_db()
    assert session.is_cancelled
    emails = Notification.objects.filter(key__startswith="session-cancelled")
    assert set(emails.values_list("recipient", flat=True)) == {registered.pk, waiting.pk}
    assert "The expert fell ill." in emails.first().body_text
    assert again.status_code == 200
    assert "already cancelled" in again.content.decode()


def test_cancelling_needs_a_reason(desk):
    session = SessionFactory()

    response = desk.post(
        reverse("cohorts:desk_session_cancel", kwargs={"pk": session.pk}), {"reason": " "}
    )

    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    session.refresh_from_db()
    assert not session.is_cancelled


# After the session -----------------------------------------------------------------------


def past_session(**fields):
    now = timezone.now()
    return SessionFactory(
        starts_at=now - timedelta(hours=3), ends_at=now - timedelta(hours=2), **fields
    )


def test_the_secretariat_records_who_came(desk):
    session = past_session()
    came, missed = RegistrationFactory(session=session), RegistrationFactory(session=session)

    response = desk.post(
        reverse("cohorts:desk_session_attendance", kwargs={"pk": session.pk}),
        {"attended": [str(came.pk)]},
        follow=True,
    )

    came.refresh_from_db()
    missed.refresh_from_db()
    assert (came.attended, missed.attended) == (True, False)
    assert "1 of 2 came" in response.content.decode()


def test_attendance_waits_for_the_session_to_start(desk):
    session = SessionFactory()
    registration = RegistrationFactory(session=session)

    response = desk.post(
        reverse("cohorts:desk_session_attendance", kwargs={"pk": session.pk}),
        {"attended": [str(registration.pk)]},
        follow=True,
    )

    registration.refresh_from_db()
    assert registration.attended is None
    assert "once the session has started" in response.content.decode()


def test_slides_are_checked_by_their_content_and_members_download_them(desk, client_of):
    session = past_session()
    registration = RegistrationFactory(session=session)
    url = reverse("cohorts:desk_session_material", kwargs={"pk": session.pk})

    refused = desk.post(
        url, {"recording_url": "https://video.example/1", "slides": upload("s.pdf", PNG)}
    )
    desk.post(
        url, {"recording_url": "https://video.example/1", "slides": upload("slides.pdf", PDF)}
    )

    assert refused.status_code == 400
    assert "is not a file we accept" in refused.content.decode()
    session.refresh_from_db()
    assert session.recording_url == "https://video.example/1"
    download = client_of(registration.user).get(
        reverse("cohorts:session_slides", kwargs={"pk": session.pk})
    )
    assert b"".join(download.streaming_content) == PDF


def test_feedback_is_shown_per_session_and_per_theme(desk):
    scaling = ThemeFactory(name="Scaling")
    cohort = CohortFactory()
    first = past_session(cohort=cohort, theme=scaling, title="Scaling one")
    second = past_session(cohort=cohort, theme=scaling, title="Scaling two")
    FeedbackFactory(session=first, rating=5, worked="The case from Kenya.")
    FeedbackFactory(session=first, rating=3, improve="Too short.")
    FeedbackFactory(session=second, rating=4)

    session_page = desk.get(desk_url(first)).content.decode()
    theme_page = desk.get(
        reverse("cohorts:desk_cohort_feedback", kwargs={"pk": cohort.pk})
    ).content.decode()

    assert "Average 4.0 / 5 from 2 answers." in session_page
    assert "The case from Kenya." in session_page
    assert "Too short." in session_page
    assert "Scaling" in theme_page
    assert "4.0 / 5" in theme_page


def test_the_cohort_page_keeps_its_query_count_as_sessions_grow(
    desk, queries_to_render, django_assert_max_num_queries
):
    cohort = CohortFactory()
    EnrolmentFactory.create_batch(3, cohort=cohort)
    for session in SessionFactory.create_batch(3, cohort=cohort):
        FeedbackFactory(session=session)
    url = reverse("cohorts:desk_cohort", kwargs={"pk": cohort.pk})
    few = queries_to_render(desk, url)

    EnrolmentFactory.create_batch(27, cohort=cohort)
    for session in SessionFactory.create_batch(297, cohort=cohort):
        FeedbackFactory(session=session)

    with django_assert_max_num_queries(few):
        desk.get(url)


def test_a_member_who_is_not_secretariat_cannot_change_sessions_through_the_services():
    from django.core.exceptions import PermissionDenied

    from cohorts.services import session_cancel

    session = SessionFactory()

    with pytest.raises(PermissionDenied):
        session_cancel(session=session, by=UserFactory(), reason="No.")


@pytest.mark.parametrize(
    "model", ["cohort", "session", "registration", "resource", "opportunity", "feedback"]
)
def test_the_cohort_records_are_readable_in_the_admin_and_not_editable_there(desk, model):
    registration = RegistrationFactory()
    FeedbackFactory(session=registration.session)

    listing = desk.get(f"/secretariat/admin/cohorts/{model}/")
    adding = desk.get(f"/secretariat/admin/cohorts/{model}/add/")

    assert listing.status_code == 200
    assert adding.status_code == 403


def test_the_secretariat_home_and_the_dashboard_lead_to_the_cohort_track(desk, client_of):
    member = cohort_member(CohortFactory())

    assert COHORTS in desk.get(reverse("secretariat:home")).content.decode()
    dashboard = client_of(member).get(reverse("incubator:dashboard")).content.decode()
    assert reverse("cohorts:sessions") in dashboard
    assert reverse("cohorts:resources") in dashboard
