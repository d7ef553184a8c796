"""Every form a person can post, every field, the corpus of bad input: no 500, ever.

The forms are found, not listed: every URL pattern (``get_resolver()``) is filled from
team A's side of the seeded round (tests/sweep/round.py, tests/sweep/nouns.py) and fetched
as each role that may use it; every ``<form method="post">`` on the page is read with the
values it was shown with. Then what any field must survive (empty, 100 KB, NUL, a lone
surrogate, a script) is posted into every field a person fills at once, and into one
field at a time, the others as shown, what its kind parses: extreme numbers, impossible
dates, forged ids; each post inside a savepoint rolled back after it. A 500 fails the sweep;
a page that comes back 200 with the form again must say what is wrong (its error summary).
A new form is swept without editing this file. The admin's own forms are left to Django."""

import logging
import re
import time
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve

from incubator.views.confirmation import CONFIRMED
from tests.factories import sign_in
from tests.sweep.forms_on_pages import PageForm, form_body, post_forms_on
from tests.sweep.round import Round
from tests.sweep.walking import address, url_patterns

pytestmark = pytest.mark.django_db

ERROR_SUMMARY = 'class="error-summary"'
ASKS_FIRST = f'name="{CONFIRMED}"'  # incubator/views/confirmation.py
# The admin's forms are Django's own, over the models' validators (tests/house/).
NOT_SWEPT = ("secretariat/admin/",)
# In a formset, the corpus in the first row stands for every row.
LATER_ROW = re.compile(r"-[1-9][0-9]*-")


# Into every field a person fills, all at once: what any field must survive.
ANY_FIELD = ["", "x" * 100_000, "before\x00after", "\ud800", "<script>alert(1)</script>"]
NUMBERS = ["-1", str(10**30), "NaN", "1e309"]
DATES = ["0001-01-01", "9999-12-31T23:59:59", "2026-02-30"]
DATE_KINDS = {"date", "datetime-local", "time", "month", "week"}
ID_KINDS = {"select-id", "id"}


def field_corpus(kind: str, round_: Round) -> list[str]:
    """Into one field, the others as shown: what its kind parses and may choke on. A
    choice of rows gets forged ids: another team's, none at all, no number. (A choice of
    words gets the garbage every field gets.)"""
    if kind in ("number", "range"):
        return NUMBERS
    if kind in DATE_KINDS:
        return DATES + NUMBERS[:2]
    if kind in ID_KINDS:
        theirs = [str(round_.b.team.pk), str(round_.b.challenge.pk)]
        return [*theirs, "0", "-1", "999999999", "abc", str(10**30)]
    return []


@dataclass
class Found:
    form: PageForm
    role: str
    client: Client
    page: str


class Sweep:
    def __init__(self, round_: Round):
        self.round = round_
        self.roles = {
            "member of A": round_.a.member,
            "secretariat": round_.secretariat,
            "reviewer": round_.a.reviewer,
            "mentor": round_.mentor,
            "anonymous": None,
        }
        self.clients = {name: self._client(person) for name, person in self.roles.items()}
        self.forms: dict[tuple, Found] = {}
        self.inputs = 0
        self.failures: list[str] = []
        self.silent: list[str] = []

    def _client(self, person) -> Client:
        client = Client()
        if person is not None:
            sign_in(client, person)
        return client

    def _signed_in_again(self, role: str) -> None:
        # A form that signs out or deletes the account: the next one needs the person.
        person = self.roles[role]
        if person is not None and "_auth_user_id" not in self.clients[role].session:
            sign_in(self.clients[role], person)

    def discover(self) -> None:
        """Each page as the first role (in the order of ``self.roles``) that may open it."""
        routes = [r for r in url_patterns() if not r.startswith(NOT_SWEPT)]
        for route in routes:
            url = address(route, self.round.a, self.round, own=True)  # A walks its own
            for role, client in self.clients.items():
                with transaction.atomic():
                    response = client.get(url)
                    transaction.set_rollback(True)
                self._signed_in_again(role)
                if response.status_code == 200:
                    break
            else:
                continue
            if not response.streaming and "html" in response.get("Content-Type", ""):
                for form in post_forms_on(response.content.decode(), "http://testserver" + url):
                    self._keep(form, role, client, url)

    def _keep(self, form: PageForm, role: str, client: Client, page: str) -> None:
        path = form.action.removeprefix("http://testserver").split("?")[0]
        try:
            target = resolve(path).route
        except Resolver404:
            self.failures.append(f"the form on {page} posts to {path}, which does not exist")
            return
        key = (target, tuple(sorted(form.fields)))
        self.forms.setdefault(key, Found(form, role, client, page))

    def post_all(self) -> None:
        for found in self.forms.values():
            form = found.form
            typed = [n for n in form.typed if not LATER_ROW.search(n)]
            for value in ANY_FIELD if typed else []:
                self.post(found, {name: [value] for name in typed}, value)
            for name in [n for n in form.fields if not LATER_ROW.search(n)]:
                for value in field_corpus(form.kinds[name], self.round):
                    self.post(found, {name: [value]}, value)

    def post(self, found: Found, bad: dict[str, list[str]], value: str) -> None:
        self.inputs += 1
        cache.clear()  # rate limits and sign-in delays would soon answer for the form
        data = {**found.form.fields, **bad}
        where = f"{found.role}: {found.form.action} [{', '.join(bad)} = {value[:30]!r}]"
        with transaction.atomic():
            try:
                response = found.client.post(
                    found.form.action,
                    form_body(data),
                    content_type="application/x-www-form-urlencoded",
                )
            except Exception as error:  # a 500: the sweep lists them all at the end
                self.failures.append(f"{where}: {type(error).__name__}: {error}"[:300])
                response = None
            transaction.set_rollback(True)
        self._signed_in_again(found.role)
        if response is None:
            return
        if response.status_code >= 500:
            self.failures.append(f"{where}: {response.status_code}")
        elif response.status_code == 200 and not response.streaming:
            page = response.content.decode("utf-8", "replace")
            asks_first = ASKS_FIRST in page  # a fine value, and the action asks first
            if 'method="post"' in page and ERROR_SUMMARY not in page and not asks_first:
                self.silent.append(where)


@pytest.mark.timeout(1800)  # some thousand requests: far longer on a shared machine
def test_no_bad_input_into_any_form_answers_500(two_team_round):
    started = time.monotonic()
    sweep = Sweep(two_team_round)
    logging.disable(logging.ERROR)  # thousands of refusals and 500s; the sweep lists them
    try:
        sweep.discover()
        sweep.post_all()
    finally:
        logging.disable(logging.NOTSET)
    seconds = time.monotonic() - started
    print(
        f"\nBad-input sweep: {len(sweep.forms)} forms, {sweep.inputs} inputs, "
        f"500s: {len(sweep.failures)} ({seconds:.0f} s)"
    )
    assert not sweep.failures, "\n".join(sweep.failures)
    assert not sweep.silent, "A form came back without saying what is wrong:\n" + "\n".join(
        sweep.silent
    )
