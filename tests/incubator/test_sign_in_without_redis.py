"""Signing in, signing up and resetting a password when Redis (the cache that holds the
rate limits) is down, and failed sign-ins counted per account and client address."""

import logging

import pytest
from django.urls import reverse

from config.settings.base import ACCOUNT_RATE_LIMITS as PRODUCTION_RATE_LIMITS
from config.settings.env import cache_from_env
from incubator.models import User
from tests.factories import PASSWORD, UserFactory
from tests.worker.conftest import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _rate_limits_of_production(settings):
    settings.ACCOUNT_RATE_LIMITS = PRODUCTION_RATE_LIMITS


@pytest.fixture
def redis_down(settings):
    # Nothing listens on this port: every cache operation is refused.
    settings.CACHES = settings.CACHES | {
        "default": cache_from_env(f"redis://127.0.0.1:{free_port()}/0")
    }


def test_sign_in_sign_up_and_reset_keep_working_while_redis_is_down(redis_down, client, caplog):
    person = UserFactory()

    with caplog.at_level(logging.WARNING):
        signed_in = client.post(
            reverse("account_login"), {"login": person.email, "password": PASSWORD}
        )
        client.logout()
        signed_up = client.post(
            reverse("account_signup"),
            {
                "email": "new.person@example.gov",
                "password1": "a long enough pass phrase",
                "password2": "a long enough pass phrase",
                "terms": "on",
                "display_name": "New Person",
                "time_zone": "Europe/Paris",
                "language": "en",
            },
        )
        reset = client.post(reverse("account_reset_password"), {"email": person.email})

    assert (signed_in.status_code, signed_up.status_code, reset.status_code) == (302, 302, 302)
    assert User.objects.filter(email="new.person@example.gov").exists()
    assert "The cache (Redis) is not answering" in caplog.text


def test_failed_sign_ins_still_slow_the_address_down_while_redis_is_down(redis_down, client):
    person = UserFactory()
    login = reverse("account_login")

    for _attempt in range(5):
        client.post(login, {"login": person.email, "password": "wrong"}, REMOTE_ADDR="203.0.113.5")
    attacker = client.post(
        login, {"login": person.email, "password": PASSWORD}, REMOTE_ADDR="203.0.113.5"
    )
    owner = client.post(
        login, {"login": person.email, "password": PASSWORD}, REMOTE_ADDR="198.51.100.7"
    )

    assert "You can try again in 30 seconds." in attacker.content.decode()
    assert owner.status_code == 302


def test_failures_from_one_address_do_not_lock_the_owner_out_from_another(client, settings):
    person = UserFactory()
    login = reverse("account_login")

    for _attempt in range(5):
        client.post(login, {"login": person.email, "password": "wrong"}, REMOTE_ADDR="203.0.113.5")
    attacker = client.post(
        login, {"login": person.email, "password": PASSWORD}, REMOTE_ADDR="203.0.113.5"
    )
    owner = client.post(
        login, {"login": person.email, "password": PASSWORD}, REMOTE_ADDR="198.51.100.7"
    )

    assert "Too many failed sign-in attempts" in attacker.content.decode()
    assert owner.status_code == 302


def test_the_client_address_is_read_behind_the_trusted_proxies(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    person = UserFactory()
    login = reverse("account_login")
    proxy = {"REMOTE_ADDR": "10.0.0.2"}

    for _attempt in range(5):
        client.post(
            login,
            {"login": person.email, "password": "wrong"},
            HTTP_X_FORWARDED_FOR="203.0.113.5",
            **proxy,
        )
    owner = client.post(
        login,
        {"login": person.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
        **proxy,
    )

    assert owner.status_code == 302
