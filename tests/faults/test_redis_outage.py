"""Fault test: a private redis-server holds the cache (and so the sign-in rate limits);
it is stopped in the middle of sign-ins, sign-ups, password resets and new challenge
drafts, then started again. No request may answer 500 and every change must be saved.
Needs redis-server on PATH; skipped without it unless REQUIRE_SERVICES=1."""

import os
import shutil

import pytest
from django.test import Client
from django.urls import reverse

from challenges.models import Challenge
from config.settings.base import ACCOUNT_RATE_LIMITS as PRODUCTION_RATE_LIMITS
from config.settings.env import cache_from_env
from incubator.models import Notification, User
from tests.factories import PASSWORD, CallFactory, MembershipFactory
from tests.worker.conftest import RedisServer

pytestmark = pytest.mark.django_db
ROUNDS = 12  # a third with Redis up, a third down, a third up again


@pytest.fixture
def redis_server(tmp_path):
    if shutil.which("redis-server") is None:
        if os.environ.get("REQUIRE_SERVICES", "") == "1":
            pytest.fail("REQUIRE_SERVICES=1, and redis-server is not on PATH")
        pytest.skip("needs redis-server on PATH (apt-get install redis-server)")
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


def one_round(index: int, member, call) -> list[int]:
    # One address a round: the failed sign-in of each round counts against that
    # account from that address only, as the owner's typing mistake would.
    client = Client(REMOTE_ADDR=f"198.51.100.{index + 1}")
    login = reverse("account_login")
    statuses = [
        client.post(login, {"login": member.email, "password": "wrong"}).status_code,
        client.post(login, {"login": member.email, "password": PASSWORD}).status_code,
        client.post(
            reverse("challenges:new"),
            {"organisation": call.team.pk, "call": call.pk, "title": f"Draft {index}"},
        ).status_code,
    ]
    client.logout()
    statuses.append(
        client.post(
            reverse("account_signup"),
            {
                "email": f"person{index}@example.gov",
                "password1": "a long enough pass phrase",
                "password2": "a long enough pass phrase",
                "terms": "on",
                "display_name": f"Person {index}",
                "time_zone": "Europe/Paris",
                "language": "en",
            },
        ).status_code
    )
    statuses.append(
        client.post(
            reverse("account_reset_password"), {"email": f"person{index}@example.gov"}
        ).status_code
    )
    return statuses


def test_no_500_and_nothing_lost_while_redis_stops_and_starts(redis_server, settings):
    settings.CACHES = settings.CACHES | {"default": cache_from_env(redis_server.url)}
    settings.ACCOUNT_RATE_LIMITS = PRODUCTION_RATE_LIMITS
    membership = MembershipFactory()
    call = CallFactory()
    call.team = membership.organisation
    statuses = []

    for index in range(ROUNDS):
        if index == ROUNDS // 3:
            redis_server.stop()
        if index == 2 * ROUNDS // 3:
            redis_server.start()
        statuses += one_round(index, membership.user, call)

    errors = [status for status in statuses if status >= 500]
    print(
        f"\nRedis outage: {len(statuses)} requests in {ROUNDS} rounds "
        f"({ROUNDS // 3} with Redis stopped), 500s: {len(errors)}"
    )
    assert not errors
    assert Challenge.objects.filter(title__startswith="Draft ").count() == ROUNDS
    assert User.objects.filter(email__endswith="@example.gov").count() == ROUNDS
    # Each new person's confirmation and reset emails are in the outbox.
    for index in range(ROUNDS):
        assert Notification.objects.filter(to_email=f"person{index}@example.gov").count() == 2
