import pytest
from django.test import Client


@pytest.fixture
def client_for():
    """A test client of its own, signed in as the given person: several people act in
    one test without signing each other out."""

    def sign_in(user):
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return sign_in
