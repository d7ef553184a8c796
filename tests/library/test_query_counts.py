"""The library's pages and the API's lists ask the database the same number of times
with 3 records as with 300."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from library.models import LibraryEntry
from matching.models import Match
from tests.library.rows import public_rows

pytestmark = pytest.mark.django_db

LISTS = [
    "/library/",
    "/library/?q=older&theme=digital-inclusion&country=PT",
    "/api/v1/programmes/",
    "/api/v1/calls/",
    "/api/v1/themes/",
    "/api/v1/challenges/",
    "/api/v1/solutions/",
    "/api/v1/matches/",
    "/api/v1/stories/",
]


def _queries(client, address) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200, address
    return len(captured)


@pytest.mark.parametrize("address", LISTS)
def test_a_list_asks_as_often_for_3_records_as_for_300(client, address, settings):
    settings.OPEN_DATA_RATE = "10000/minute"
    programme = public_rows(3)
    few = _queries(client, address)
    public_rows(297, programme=programme)
    assert Match.objects.count() == 300
    assert _queries(client, address) == few


@pytest.mark.parametrize("kind", ["challenge", "solution", "match", "story"])
def test_an_entry_page_asks_as_often_among_3_as_among_300(client, kind):
    programme = public_rows(3)
    entry = LibraryEntry.objects.filter(kind=kind).first()
    few = _queries(client, entry.get_absolute_url())
    public_rows(297, programme=programme)
    assert _queries(client, entry.get_absolute_url()) == few
