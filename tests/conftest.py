import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate limits and throttles live in the cache; each test starts clean.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def client_of(client):
    """A test client signed in as the given person."""

    def sign_in(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return sign_in
