"""Dates outside the programme's years (PROGRAMME_YEARS) are refused at every entrance,
with the field named, so no stored date can take a page down."""

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from challenges.models import Challenge
from incubator.dates import dates_out_of_window
from incubator.models import Call
from reviews.models import ReviewPhase
from tests.factories import CallFactory, ChallengeFactory, secretariat_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client_of):
    return client_of(secretariat_user(time_zone="Europe/Paris"))


def test_a_review_phase_opening_in_year_one_is_refused_naming_the_field(desk):
    call = CallFactory()

    response = desk.post(
        reverse("reviews:phase", kwargs={"call_pk": call.pk}),
        {
            "opens_at": "0001-01-01T00:00",
            "due_at": "2027-03-20T17:00",
            "closes_at": "2027-03-31T17:00",
            "reviewers_per_submission": "2",
        },
    )

    assert response.status_code == 200
    assert "Reviews open: enter a date from 2000 to 2100." in response.content.decode()
    assert not ReviewPhase.objects.filter(call=call).exists()


def test_a_call_opening_in_year_one_is_refused_by_the_admin_and_the_home_page_stays_up(
    desk, client
):
    call = CallFactory()
    change = reverse("admin:incubator_call_change", args=[call.pk])

    response = desk.post(
        change,
        {
            "programme": call.programme_id,
            "kind": call.kind,
            "title": call.title,
            "introduction": call.introduction,
            "opens_at_0": "0001-01-01",
            "opens_at_1": "00:00:00",
            "closes_at_0": "2027-03-31",
            "closes_at_1": "17:00:00",
            "deadline_time_zone": "Europe/Paris",
        },
    )

    assert response.status_code == 200
    assert "Opens: enter a date from 2000 to 2100." in response.content.decode()
    call.refresh_from_db()
    assert call.opens_at.year > 2000
    assert client.get(reverse("incubator:home")).status_code == 200


def test_a_service_cannot_save_a_date_outside_the_window_and_says_which():
    call = CallFactory.build(opens_at=datetime(1, 1, 1, tzinfo=UTC))
    call.programme.save()
    call.programme_id = call.programme.pk

    with pytest.raises(ValidationError) as refused:
        call.save()

    assert refused.value.message_dict == {"opens_at": ["Opens: enter a date from 2000 to 2100."]}
    assert not Call.objects.exists()


def test_the_window_is_one_setting(desk, settings):
    settings.PROGRAMME_YEARS = (2020, 2030)
    call = CallFactory()

    response = desk.post(
        reverse("reviews:phase", kwargs={"call_pk": call.pk}),
        {
            "opens_at": "2031-01-01T00:00",
            "due_at": "2031-03-20T17:00",
            "closes_at": "2031-03-31T17:00",
            "reviewers_per_submission": "2",
        },
    )

    assert "Reviews open: enter a date from 2020 to 2030." in response.content.decode()


def test_stored_dates_outside_the_window_are_reported_and_the_optional_ones_cleared():
    call = CallFactory()
    # As an old release or a raw SQL fix could have left them: past every check.
    Call.objects.filter(pk=call.pk).update(opens_at=datetime(1, 1, 2, tzinfo=UTC))
    ReviewPhase.objects.create(
        call=call,
        opens_at=datetime(2027, 3, 1, tzinfo=UTC),
        due_at=datetime(2027, 3, 20, tzinfo=UTC),
        closes_at=datetime(2027, 3, 31, tzinfo=UTC),
    )

    challenge = ChallengeFactory(call=call)
    Challenge.objects.filter(pk=challenge.pk).update(
        submitted_at=datetime(9999, 12, 31, 23, 59, tzinfo=UTC)
    )

    found = dates_out_of_window(repair=True)

    assert sorted((f.model, f.field, f.pk, f.repaired) for f in found) == [
        ("challenges.Challenge", "submitted_at", challenge.pk, True),
        ("incubator.Call", "opens_at", call.pk, False),
    ]
    assert Challenge.objects.get(pk=challenge.pk).submitted_at is None
    assert [(f.model, f.field) for f in dates_out_of_window(repair=False)] == [
        ("incubator.Call", "opens_at")
    ]


def test_a_day_typed_outside_the_window_is_refused_by_every_date_field():
    from incubator.forms.fields import date_field

    field = date_field("Due on")

    with pytest.raises(ValidationError) as refused:
        field.clean("9999-12-31")

    assert refused.value.messages == ["Due on: enter a date from 2000 to 2100."]
    assert field.clean("2100-12-31") == date(2100, 12, 31)
