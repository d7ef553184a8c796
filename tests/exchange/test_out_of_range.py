"""Values a file may carry that once took a page down: moments outside the programme's
years, with or without an offset, and text that is not Unicode."""

import json

import pytest
from django.urls import reverse

from challenges.models import Challenge
from exchange.services import ExchangeError, programme_import
from tests.exchange.rounds import as_bytes, sample
from tests.factories import secretariat_user

pytestmark = pytest.mark.django_db


def problems_of(data) -> list[str]:
    with pytest.raises(ExchangeError) as caught:
        programme_import(data=data)
    return caught.value.messages


@pytest.mark.parametrize(
    "moment",
    ["9999-12-31T23:59:59Z", "9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00+05:00"],
)
def test_a_moment_outside_the_window_is_refused_with_its_path(moment):
    data = sample()
    data["challenges"][0]["submitted_at"] = moment

    assert problems_of(as_bytes(data)) == [
        f"challenges[0].submitted_at: '{moment}' is outside the years 2000 to 2100"
    ]
    assert not Challenge.objects.exists()


def test_the_screening_desk_opens_after_a_refused_far_future_file(client_of):
    data = sample()
    data["challenges"][0]["submitted_at"] = "9999-12-31T23:59:59Z"
    desk = client_of(secretariat_user())

    desk.post(reverse("exchange:home"), {"file": _upload(as_bytes(data))})

    assert desk.get(reverse("challenges:screening_queue")).status_code == 200


def test_a_lone_surrogate_is_echoed_escaped(client_of):
    raw = b'{"format": "\\ud800"}'

    problems = problems_of(raw)

    assert any("'\\ud800'" in problem for problem in problems), problems
    json.dumps(problems).encode("utf-8")
    desk = client_of(secretariat_user())
    page = desk.post(reverse("exchange:home"), {"file": _upload(raw)})
    assert page.status_code == 400
    assert "\\ud800" in page.content.decode()


def _upload(content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("round.json", content)
