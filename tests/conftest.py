import pytest
from django.core.cache import caches
from django.utils import timezone, translation


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate limits and throttles live in the cache, rendered cards in the fragments cache;
    # each test starts clean.
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def _default_language_and_zone_after_each_test():
    # A request in a test activates its reader's language and zone in this thread, as
    # each request does in production; the next test must not inherit them.
    yield
    translation.deactivate()
    timezone.deactivate()


@pytest.fixture
def client_of(client):
    """A test client signed in as the given person."""

    from tests.factories import sign_in

    return lambda user: sign_in(client, user)


@pytest.fixture
def queries_to_render():
    """How many database queries one GET of the page takes."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(client, url):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, response.status_code
        return len(captured)

    return count
