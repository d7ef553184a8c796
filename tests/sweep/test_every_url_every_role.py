"""Every URL, every role: nobody reads or changes what is not theirs, and nothing fails.

The walk takes every URL pattern of the project (``get_resolver()``, through every
include), fills its ids from the seeded round of teams A and B by the noun before each id
(tests/sweep/nouns.py), and, for each role, GETs it, then POSTs to it empty and with the
data of the form the page offers, each request inside a savepoint rolled back after it.
A page must not show the planted marker of a team the role may not see; a POST by anyone
but the secretariat must not change a row of the other team; no request may fail.

Each role walks the URLs of the team it is not (a member of B walks A's; everyone else
walks B's). First each team's member walks its own URLs, which finds the forms to post
back (the other roles are refused those pages) and checks its own pages work."""

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client

from tests.factories import sign_in
from tests.sweep.round import KINDS, PREFIX, Round
from tests.sweep.walking import NOT_OWNED, Ledger, address, form_on, noting_writes, url_patterns

pytestmark = pytest.mark.django_db

MARKER = re.compile(re.escape(PREFIX) + r"([AB])-([a-z]+(?:-[a-z]+)*)")
IN_THE_INCUBATION = {
    "incubation-goal",
    "milestone",
    "milestone-note",
    "meeting",
    "meeting-fixed",
    "message",
    "checkin",
}


def NOTHING(team: str, kind: str) -> bool:
    return False


@dataclass
class Role:
    name: str
    person: Callable  # the round -> the person signed in, or None
    walks: str  # the letter of the side whose URLs the role walks
    may_see: Callable  # (team letter, kind) -> whether the role may read it
    may_change: bool = False  # whether its POSTs may change the other side's rows


ROLES = [
    Role("secretariat with second factor", lambda r: r.secretariat, "B", lambda t, k: True, True),
    Role("member of A", lambda r: r.a.member, "B", lambda t, k: t == "A"),
    Role("member of B", lambda r: r.b.member, "A", lambda t, k: t == "B"),
    Role("reviewer", lambda r: r.a.reviewer, "B", lambda t, k: (t, k) == ("A", "review")),
    Role("mentor", lambda r: r.mentor, "B", lambda t, k: t == "A" and k in IN_THE_INCUBATION),
    Role("secretariat without second factor", lambda r: r.secretariat_without, "B", NOTHING),
    Role("anonymous", lambda r: None, "B", NOTHING),
]


def _text(response) -> str:
    # The test client closes a streamed response once its content is read, keeping the
    # database connection; closing it again here would end the test's transaction on
    # PostgreSQL (request_finished closes a connection inside an atomic block).
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8", "replace")


class Walk:
    def __init__(self, round_: Round):
        self.round = round_
        self.ledger = Ledger(round_)
        self.routes = url_patterns()
        self.forms: dict[str, dict] = {}
        self.requests = 0
        self.failures: list[str] = []
        self.leaks: list[str] = []
        self.read: set[tuple[str, str]] = set()  # markers shown to someone who may see them

    def client_of(self, person):
        client = Client()
        if person is not None:
            sign_in(client, person)
        client.walk_session = client.cookies.get("sessionid")
        return client

    def send(self, client, person, method: str, url: str, data=None):
        """One request inside a savepoint rolled back after it; None when it failed."""
        self.requests += 1
        written = set()
        with connection.execute_wrapper(noting_writes(written)), transaction.atomic():
            try:
                response = getattr(client, method)(url, data or {})
            except Exception as error:  # a 500: the walk lists them all at the end
                self.failures.append(f"{method.upper()} {url}: {type(error).__name__}: {error}")
                response = None
            if response is not None and response.status_code >= 500:
                self.failures.append(f"{method.upper()} {url}: {response.status_code}")
            response_text = _text(response) if response is not None else ""
            written -= NOT_OWNED
            changes = self.ledger.changed_rows_of(self.side, written) if written else []
            transaction.set_rollback(True)
        if client.cookies.get("sessionid") != client.walk_session and person is not None:
            sign_in(client, person)  # the request signed the person out: sign in again
            client.walk_session = client.cookies.get("sessionid")
        return response, response_text, changes

    def walk(self, role: Role, *, own: bool = False):
        person = role.person(self.round)
        letter = ("A" if role.walks == "B" else "B") if own else role.walks
        self.side = letter
        side = self.round.a if letter == "A" else self.round.b
        client = self.client_of(person)
        cache.clear()  # each role starts with fresh rate limits
        for route in self.routes:
            if own and route.startswith("secretariat/"):
                continue  # the owner's pass is for the team's own pages
            try:
                url = address(route, side, self.round, own=own)
            except KeyError as unknown:
                pytest.fail(f"URL pattern {route!r}: teach tests/sweep/nouns.py {unknown}")
            response, text, _ = self.send(client, person, "get", url)
            self._read(role, url, text, own=own)
            if response is not None and response.status_code == 200:
                form = form_on(text) if "<form" in text else None
                self.forms.setdefault(route, form) if form else None
            if own:
                continue
            for data in ({}, self.forms.get(route)):
                if data is None:
                    continue
                response, text, changes = self.send(client, person, "post", url, data)
                self._read(role, url, text, own=False)
                if changes and not role.may_change:
                    self.leaks.append(f"{role.name} POST {url} changed {', '.join(changes)}")

    def _read(self, role: Role, url: str, text: str, *, own: bool):
        seen = {match.groups() for match in MARKER.finditer(text)}
        for team, kind in sorted(seen):
            if own or role.may_see(team, kind):
                self.read.add((team, kind))
            else:
                self.leaks.append(f"{role.name} GET/POST {url} shows {PREFIX}{team}-{kind}")


def test_no_role_reads_or_changes_another_teams_things_on_any_url(two_team_round):
    started = time.monotonic()
    walk = Walk(two_team_round)
    logging.disable(logging.WARNING)  # thousands of refusals; the walk lists what matters
    try:
        walk.walk(ROLES[1], own=True)
        walk.walk(ROLES[2], own=True)
        for role in ROLES:
            walk.walk(role)
        # Some of A's things only the secretariat reads (its messages, its sessions'
        # links): it walks A too, so that every planted marker is seen by someone allowed.
        walk.walk(replace(ROLES[0], walks="A"))
    finally:
        logging.disable(logging.NOTSET)
    seconds = time.monotonic() - started
    print(
        f"\nURL walk: {len(walk.routes)} patterns × {len(ROLES)} roles = "
        f"{walk.requests} requests, 500s: {len(walk.failures)}, leaks: {len(walk.leaks)} "
        f"({seconds:.0f} s)"
    )
    assert {(t, k) for t in "AB" for k in KINDS} - walk.read == set(), "markers nobody read"
    assert not walk.failures, "\n".join(walk.failures)
    assert not walk.leaks, "\n".join(walk.leaks)
