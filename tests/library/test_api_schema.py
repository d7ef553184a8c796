"""schemathesis against the API's own OpenAPI schema: for every operation, bounded
examples of parameters; no answer may be a server error or break the schema."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.library.factories import secret_round

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())


@pytest.fixture
def public_round(db, settings):
    settings.OPEN_DATA_RATE = "100000/minute"
    # As Django's test client does: the end of a request must not close the connection
    # that holds the test's transaction (schemathesis calls the WSGI application itself).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield secret_round()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_to_its_schema(case, public_round):
    # schemathesis reads the WSGI body as sent and does not inflate gzip; compression has
    # its own tests (tests/config/test_delivery.py).
    case.call_and_validate(
        headers={"Accept-Encoding": "identity"},
        checks=[not_a_server_error, response_schema_conformance],
    )
