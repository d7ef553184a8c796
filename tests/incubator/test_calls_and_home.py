from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import CallFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_a_calls_state_follows_the_clock():
    now = timezone.now()
    call = CallFactory(opens_at=now + timedelta(days=1), closes_at=now + timedelta(days=10))

    assert call.state_at(now) == "upcoming"
    assert call.state_at(now + timedelta(days=1)) == "open"
    assert call.state_at(now + timedelta(days=10) - timedelta(seconds=1)) == "open"
    assert call.state_at(now + timedelta(days=10)) == "closed"


def test_the_home_page_lists_open_and_upcoming_calls_with_their_deadline_zone(client):
    now = timezone.now()
    CallFactory(title="Call for challenges 2027", deadline_time_zone="America/Santiago")
    CallFactory(
        title="Call for solutions 2027",
        opens_at=now + timedelta(days=60),
        closes_at=now + timedelta(days=90),
    )
    CallFactory(
        title="Last year's call",
        opens_at=now - timedelta(days=400),
        closes_at=now - timedelta(days=300),
    )

    page = client.get("/").content.decode()

    assert "Call for challenges 2027" in page
    assert "(America/Santiago)" in page
    assert "Call for solutions 2027" in page
    assert "Upcoming" in page
    assert "Last year&#x27;s call" not in page


def test_the_home_page_query_count_holds_as_calls_grow(
    client, queries_to_render, django_assert_max_num_queries
):
    CallFactory.create_batch(3)
    few = queries_to_render(client, "/")
    programme = ProgrammeFactory()
    CallFactory.create_batch(60, programme=programme)

    with django_assert_max_num_queries(few):
        client.get("/")
