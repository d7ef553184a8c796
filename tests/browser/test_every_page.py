"""Every page each role can reach fits a phone and a desktop and passes axe.

With the demo round loaded, a visitor, a team member, a reviewer and the secretariat each
start at the home page and follow every link of the portal they are shown, one page per
URL pattern, checking each at 1280 and 390 px (``assert_accessible``); the secretariat's
officer also reviews and reads in French, so the header carries its longest menu. The
failures of the whole sweep are listed together, so one run shows everything to fix."""

from collections import deque
from io import StringIO
from urllib.parse import urldefrag, urlparse

import pytest
from allauth.mfa.totp.internal.auth import generate_totp_secret
from django.core.management import call_command
from django.urls import Resolver404, resolve
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from incubator.demo.seed import DEMO_ACCOUNTS, DEMO_PASSWORD
from incubator.models import Role, RoleGrant, User
from tests.browser.axe import assert_accessible
from tests.browser.journey import sign_in, sign_in_with_second_factor
from tests.factories import with_second_factor

pytestmark = pytest.mark.browser

# Files, calendar entries and exports are not pages; signing out ends the sweep.
NOT_PAGES = ("download", "export", "/file", ".csv", ".ics", ".json", "/logout", "/admin/")
MOST_PAGES = 120


def demo_email(role: str) -> str:
    return next(account.email for account in DEMO_ACCOUNTS if account.email.startswith(role))


def pattern_of(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def sweep(page: Page, site: str) -> tuple[set[str], list[str]]:
    """Follow every link from the home page, one page per URL pattern."""
    queue, patterns, failures = deque([f"{site}/"]), set(), []
    while queue and len(patterns) < MOST_PAGES:
        url = queue.popleft()
        pattern = pattern_of(urlparse(url).path)
        if pattern is None or pattern in patterns:
            continue
        patterns.add(pattern)
        try:
            response = page.goto(url)
        except PlaywrightError as error:  # a link that starts a download
            if "Download is starting" in str(error):
                continue
            raise
        if response is not None and response.status >= 500:
            failures.append(f"{response.status} from {url}")
        try:
            assert_accessible(page)
        except pytest.fail.Exception as failure:
            failures.append(str(failure))
        for href in page.eval_on_selector_all("a[href]", "links => links.map((a) => a.href)"):
            href = urldefrag(href).url
            if href.startswith(site) and not any(part in href for part in NOT_PAGES):
                queue.append(href)
    return patterns, failures


@pytest.fixture
def demo_round(transactional_db):
    call_command("seed_demo", stdout=StringIO())


@pytest.mark.parametrize("role", ["visitor", "member", "reviewer", "secretariat"])
def test_every_page_a_role_reaches_fits_the_screen_and_passes_axe(
    page: Page, site: str, demo_round, role
):
    if role == "secretariat":
        # Every role at once, in French: the longest menu the header has to hold.
        officer = User.objects.get(email=demo_email(role))
        RoleGrant.objects.get_or_create(user=officer, role=Role.REVIEWER)
        User.objects.filter(pk=officer.pk).update(language="fr")
        secret = generate_totp_secret()
        with_second_factor(officer, secret=secret)
        sign_in_with_second_factor(page, site, demo_email(role), secret, password=DEMO_PASSWORD)
    elif role != "visitor":
        sign_in(page, site, demo_email(role), password=DEMO_PASSWORD)

    patterns, failures = sweep(page, site)

    assert len(patterns) >= {"visitor": 8, "member": 25, "reviewer": 20, "secretariat": 60}[role]
    assert not failures, f"{len(failures)} of {len(patterns)} pages:\n" + "\n\n".join(failures)
