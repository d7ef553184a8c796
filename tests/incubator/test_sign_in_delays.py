"""Failed sign-ins slow down the address that makes them, with growing waits that the page
states truthfully, in the reader's language; the owner elsewhere signs in as usual; and
the secretariat is told, once an hour, of an account that fails often."""

import re
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.db.models import F
from django.urls import reverse

from incubator.models import AuditEntry, Notification
from tests.factories import PASSWORD, UserFactory, secretariat_user

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.5"
OWNER = "198.51.100.7"


class Clock:
    """The wall clock the waits and the cache's expiry read, moved by hand."""

    def __init__(self):
        self.now = time.time()

    def __call__(self) -> float:
        return self.now

    def shift(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    stopped = Clock()
    monkeypatch.setattr(time, "time", stopped)
    return stopped


def _sign_in(client, person, password, address):
    return client.post(
        reverse("account_login"),
        {"login": person.email, "password": password},
        REMOTE_ADDR=address,
    )


def _fail(client, person, times, address=ATTACKER):
    for _attempt in range(times):
        _sign_in(client, person, "wrong", address)


def _waiting(response) -> str:
    page = response.content.decode()
    found = re.search(r"(?:try again in|réessayer dans) ([^.<]+)\.", page)
    return found.group(1).replace("\xa0", " ") if found else ""


def test_five_failures_cost_the_address_thirty_seconds(client, clock):
    person = UserFactory()
    _fail(client, person, 5)
    blocked = _sign_in(client, person, PASSWORD, ATTACKER)
    clock.shift(31)
    after_the_wait = _sign_in(client, person, PASSWORD, ATTACKER)

    assert _waiting(blocked) == "30 seconds"
    assert after_the_wait.status_code == 302


def test_each_further_failure_doubles_the_wait_up_to_fifteen_minutes(client, clock):
    person = UserFactory()
    waits = []
    _fail(client, person, 5)
    for _round in range(7):
        waits.append(_waiting(_sign_in(client, person, PASSWORD, ATTACKER)))
        clock.shift(16 * 60)
        _fail(client, person, 1)

    assert waits == [
        "30 seconds",
        "1 minute",
        "2 minutes",
        "4 minutes",
        "8 minutes",
        "15 minutes",
        "15 minutes",
    ]


def test_attempts_during_the_wait_do_not_lengthen_it(client, clock):
    person = UserFactory()
    _fail(client, person, 5)
    clock.shift(10)
    _fail(client, person, 20)
    still = _sign_in(client, person, PASSWORD, ATTACKER)

    assert _waiting(still) == "20 seconds"


def test_the_wait_is_stated_in_the_readers_language(client, clock):
    person = UserFactory()
    client.cookies["django_language"] = "fr"
    _fail(client, person, 5)
    blocked = _sign_in(client, person, PASSWORD, ATTACKER)

    assert "Trop de tentatives de connexion" in blocked.content.decode()
    assert _waiting(blocked) == "30 secondes"


def test_the_owner_signs_in_from_another_address_while_the_attacker_waits(client, clock):
    person = UserFactory()
    _fail(client, person, 8)

    attacker = _sign_in(client, person, PASSWORD, ATTACKER)
    owner = _sign_in(client, person, PASSWORD, OWNER)

    assert _waiting(attacker) == "30 seconds"
    assert owner.status_code == 302


def test_a_correct_password_forgets_the_addresss_earlier_failures(client):
    person = UserFactory()
    _fail(client, person, 4, address=OWNER)
    _sign_in(client, person, PASSWORD, OWNER)
    client.logout()

    _fail(client, person, 4, address=OWNER)
    fifth_try = _sign_in(client, person, PASSWORD, OWNER)

    assert fifth_try.status_code == 302


def test_the_secretariat_is_told_once_an_hour_of_an_account_failing_from_many_addresses(
    client, clock, django_capture_on_commit_callbacks
):
    desk = [secretariat_user(language="en"), secretariat_user(language="fr")]
    person = UserFactory(email="minister.office@gov.example")
    with django_capture_on_commit_callbacks(execute=True):
        for address in range(12):
            _fail(client, person, 2, address=f"203.0.113.{address}")
    told_first = list(Notification.objects.values_list("recipient__email", flat=True))
    # An hour later (the audit trail says when the desk was last told).
    clock.shift(61 * 60)
    AuditEntry.objects.update(created_at=F("created_at") - timedelta(minutes=61))
    with django_capture_on_commit_callbacks(execute=True):
        for address in range(5):
            _fail(client, person, 2, address=f"192.0.2.{address}")

    assert sorted(told_first) == sorted(member.email for member in desk)
    assert Notification.objects.count() == 4
    english = next(m for m in mail.outbox if m.to == [desk[0].email])
    french = next(m for m in mail.outbox if m.to == [desk[1].email])
    assert english.subject == "Repeated failed sign-ins on minister.office@gov.example"
    assert "saw 10 failed sign-in attempts in the last 60 minutes" in english.body
    assert "minister.office@gov.example" in french.subject
    assert "tentatives de connexion" in french.body


def test_failures_on_an_unknown_address_tell_nobody(client):
    secretariat_user()
    for address in range(12):
        client.post(
            reverse("account_login"),
            {"login": "nobody@gov.example", "password": "wrong"},
            REMOTE_ADDR=f"203.0.113.{address}",
        )

    assert not Notification.objects.exists()
