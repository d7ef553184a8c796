import pytest
from django.test import Client


@pytest.fixture
def client_for():
    """A test client of its own, signed in as the given person: several people act in
    one test without signing each other out."""

    from tests.factories import sign_in

    return lambda user: sign_in(Client(), user)
