"""Programmes and calls on the secretariat's own pages: listed with their state, made and
changed with their dates in order and typed in the deadline's zone, a date already past
saved only once the officer says so, and a call closed early after a confirmation."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from incubator.models import AuditEntry, Call, Programme
from tests.factories import (
    CallFactory,
    ProgrammeFactory,
    UserFactory,
    secretariat_user,
    with_second_factor,
)
from tests.reviews.factories import ReviewPhaseFactory

pytestmark = pytest.mark.django_db

LIST = reverse("incubator:programmes")


@pytest.fixture
def desk(client_of):
    return client_of(with_second_factor(secretariat_user(time_zone="Europe/Paris")))


def call_data(**changes):
    data = {
        "kind": "challenges",
        "title": "Call for challenges 2028",
        "introduction": "Tell us about a problem your team is stuck on.",
        "deadline_time_zone": "Asia/Tokyo",
        "opens_at": "2028-01-10T09:00",
        "closes_at": "2028-03-31T17:00",
    }
    data.update(changes)
    return data


def test_the_list_shows_each_programme_with_its_calls_dates_and_state(desk):
    programme = ProgrammeFactory(name="Innovation Incubator 2028")
    CallFactory(
        programme=programme,
        title="Call for challenges 2028",
        opens_at=datetime(2026, 1, 10, tzinfo=UTC),
        closes_at=datetime(2026, 3, 31, 8, tzinfo=UTC),
        deadline_time_zone="Asia/Tokyo",
    )

    page = desk.get(LIST).content.decode()

    assert "Innovation Incubator 2028" in page
    assert "Call for challenges 2028" in page
    assert "31 March 2026, 17:00 JST (Asia/Tokyo)" in page
    assert "Closed" in page
    assert reverse("incubator:call_new", kwargs={"slug": programme.slug}) in page


def test_the_list_issues_as_many_queries_with_30_programmes_as_with_3(
    desk, queries_to_render, django_assert_max_num_queries
):
    for _n in range(3):
        CallFactory(programme=ProgrammeFactory())
    few = queries_to_render(desk, LIST)
    for _n in range(27):
        CallFactory(programme=CallFactory().programme)

    with django_assert_max_num_queries(few):
        desk.get(LIST)


def test_a_programme_is_made_on_its_page_and_its_address_then_stays(desk):
    response = desk.post(
        reverse("incubator:programme_new"),
        {"name": "Innovation Incubator 2028", "slug": "incubator-2028", "description": ""},
    )

    assert response.status_code == 302
    programme = Programme.objects.get(slug="incubator-2028")
    edit = reverse("incubator:programme_edit", kwargs={"slug": programme.slug})
    desk.post(edit, {"name": "Incubator 2028", "slug": "changed", "description": "A round."})
    programme.refresh_from_db()
    assert (programme.name, programme.slug) == ("Incubator 2028", "incubator-2028")
    assert AuditEntry.objects.filter(action="programme.created").exists()


def test_a_programme_address_that_is_not_a_slug_is_refused_with_the_typed_name_kept(desk):
    page = desk.post(
        reverse("incubator:programme_new"), {"name": "Incubator 2028", "slug": "not a slug!"}
    ).content.decode()

    assert "There is a problem" in page
    assert 'href="#id_slug"' in page
    assert 'value="Incubator 2028"' in page
    assert not Programme.objects.exists()


def test_a_call_is_typed_in_its_deadlines_zone_and_stored_in_utc(desk):
    programme = ProgrammeFactory()

    response = desk.post(
        reverse("incubator:call_new", kwargs={"slug": programme.slug}), call_data()
    )

    assert response.status_code == 302
    call = Call.objects.get()
    assert call.closes_at == datetime(2028, 3, 31, 8, tzinfo=UTC)  # 17:00 in Tokyo
    assert call.opens_at == datetime(2028, 1, 10, 0, tzinfo=UTC)
    edit = desk.get(reverse("incubator:call_edit", kwargs={"pk": call.pk})).content.decode()
    assert 'value="2028-03-31T17:00"' in edit


def test_a_deadline_before_the_opening_is_refused_with_what_was_typed_kept(desk):
    programme = ProgrammeFactory()

    page = desk.post(
        reverse("incubator:call_new", kwargs={"slug": programme.slug}),
        call_data(closes_at="2028-01-01T17:00"),
    ).content.decode()

    assert "There is a problem" in page
    assert "The deadline must be after the call opens." in page
    assert 'href="#id_closes_at"' in page
    assert 'value="2028-01-01T17:00"' in page
    assert not Call.objects.exists()


def test_a_date_that_is_no_date_at_all_is_refused_by_name(desk):
    programme = ProgrammeFactory()

    page = desk.post(
        reverse("incubator:call_new", kwargs={"slug": programme.slug}),
        call_data(opens_at="next tuesday"),
    ).content.decode()

    assert "There is a problem" in page
    assert "Enter a date and time, for example 2027-03-01 09:00." in page
    assert not Call.objects.exists()


def test_a_call_edited_with_an_unknown_zone_is_refused_and_keeps_its_dates(desk):
    call = CallFactory(deadline_time_zone="Europe/Paris")
    opens_at = call.opens_at

    page = desk.post(
        reverse("incubator:call_edit", kwargs={"pk": call.pk}),
        call_data(deadline_time_zone="Mars/Olympus"),
    ).content.decode()

    assert "There is a problem" in page
    assert "is not a time zone we know" in page
    call.refresh_from_db()
    assert call.opens_at == opens_at


def test_a_date_already_past_is_saved_only_once_the_officer_ticks_that_they_mean_it(desk):
    programme = ProgrammeFactory()
    url = reverse("incubator:call_new", kwargs={"slug": programme.slug})
    past = call_data(opens_at="2025-01-10T09:00", deadline_time_zone="Europe/Paris")

    page = desk.post(url, past).content.decode()

    assert "These dates are already past: Opens (10 January 2025, 09:00 CET (Europe/Paris))" in page
    assert 'href="#id_past_dates_confirmed"' in page
    assert not Call.objects.exists()
    assert desk.post(url, {**past, "past_dates_confirmed": "on"}).status_code == 302
    assert Call.objects.get().opens_at == datetime(2025, 1, 10, 8, tzinfo=UTC)


def test_editing_an_open_call_does_not_ask_about_its_opening_already_past(desk):
    call = CallFactory(deadline_time_zone="Europe/Paris")
    edit = reverse("incubator:call_edit", kwargs={"pk": call.pk})
    form = desk.get(edit).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data["opens_at"] = data["opens_at"].strftime("%Y-%m-%dT%H:%M")
    data["closes_at"] = data["closes_at"].strftime("%Y-%m-%dT%H:%M")

    response = desk.post(edit, {**data, "title": "A clearer title"})

    assert response.status_code == 302, response.context["form"].errors
    call.refresh_from_db()
    assert call.title == "A clearer title"


def test_the_deadline_cannot_move_past_the_opening_of_the_review_phase(desk):
    phase = ReviewPhaseFactory(
        call=CallFactory(
            deadline_time_zone="Europe/Paris",
            opens_at=datetime(2028, 1, 1, tzinfo=UTC),
            closes_at=datetime(2028, 2, 1, tzinfo=UTC),
        ),
        opens_at=datetime(2028, 2, 2, 9, tzinfo=UTC),
        due_at=datetime(2028, 2, 20, tzinfo=UTC),
        closes_at=datetime(2028, 2, 28, tzinfo=UTC),
    )

    page = desk.post(
        reverse("incubator:call_edit", kwargs={"pk": phase.call.pk}),
        call_data(
            deadline_time_zone="Europe/Paris",
            opens_at="2028-01-01T01:00",
            closes_at="2028-02-10T17:00",
        ),
    ).content.decode()

    assert "The review phase of this call opens on 2 February 2028, 10:00 CET" in page
    assert "Move the review phase first." in page
    phase.call.refresh_from_db()
    assert phase.call.closes_at == datetime(2028, 2, 1, tzinfo=UTC)


def test_reviews_open_only_once_the_call_has_closed(desk):
    call = CallFactory(
        deadline_time_zone="Europe/Paris",
        opens_at=datetime(2028, 1, 1, tzinfo=UTC),
        closes_at=datetime(2028, 2, 1, 16, tzinfo=UTC),
    )

    page = desk.post(
        reverse("reviews:phase", kwargs={"call_pk": call.pk}),
        {
            "opens_at": "2028-01-20T09:00",
            "due_at": "2028-02-20T17:00",
            "closes_at": "2028-02-28T17:00",
            "reviewers_per_submission": "3",
        },
    ).content.decode()

    assert (
        "Reviews open once the call has closed: on or after its deadline, "
        "1 February 2028, 17:00 CET (Europe/Paris)."
    ) in page
    assert not Call.objects.filter(pk=call.pk, review_phase__isnull=False).exists()


def test_closing_a_call_now_is_asked_first_and_then_moves_its_deadline(desk):
    call = CallFactory(title="Call for challenges 2027", deadline_time_zone="Europe/Paris")
    url = reverse("incubator:call_close", kwargs={"pk": call.pk})

    asked = desk.get(url).content.decode()

    assert "Close “Call for challenges 2027” now?" in asked
    assert "Teams can no longer submit" in asked
    call.refresh_from_db()
    assert call.is_open
    response = desk.post(url, {"confirmed": "yes"}, follow=True)
    call.refresh_from_db()
    assert call.is_closed
    assert timezone.now() - call.closes_at < timedelta(minutes=1)
    assert "“Call for challenges 2027” is closed: its deadline is now" in response.content.decode()


def test_an_upcoming_call_cannot_be_closed_early(desk):
    call = CallFactory(opens_at=timezone.now() + timedelta(days=3))
    url = reverse("incubator:call_close", kwargs={"pk": call.pk})

    asked = desk.get(url).content.decode()
    response = desk.post(url, {"confirmed": "yes"}, follow=True)

    assert "Only an open call can be closed early." in asked
    assert "This call has not opened yet" in response.content.decode()
    call.refresh_from_db()
    assert call.is_upcoming


def test_only_the_secretariat_reaches_the_programme_pages(client_of):
    call = CallFactory()
    member = client_of(UserFactory())
    for url in (
        LIST,
        reverse("incubator:programme_new"),
        reverse("incubator:call_edit", kwargs={"pk": call.pk}),
        reverse("incubator:call_close", kwargs={"pk": call.pk}),
    ):
        assert member.get(url).status_code == 403
    assert (
        member.post(
            reverse("incubator:call_close", kwargs={"pk": call.pk}), {"confirmed": "yes"}
        ).status_code
        == 403
    )
    call.refresh_from_db()
    assert call.is_open


def test_the_secretariat_chooses_the_licence_of_the_open_data(desk):
    desk.post(
        reverse("incubator:programme_new"),
        {"name": "Incubator 2028", "slug": "incubator-2028", "data_licence": "CC0-1.0"},
    )
    programme = Programme.objects.get(slug="incubator-2028")
    assert programme.data_licence == "CC0-1.0"
    edit = reverse("incubator:programme_edit", kwargs={"slug": programme.slug})
    assert "Public domain dedication (CC0 1.0)" in desk.get(edit).content.decode()
    desk.post(edit, {"name": "Incubator 2028", "description": "A round."})
    programme.refresh_from_db()
    assert programme.data_licence == "CC0-1.0"  # left out of the form, it stays
