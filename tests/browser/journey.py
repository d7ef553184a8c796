"""Steps every browser journey takes: load a page and check it with axe, follow links
and buttons, sign in, read what the outbox sent."""

import re
import time
from urllib.parse import urljoin

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from playwright.sync_api import Locator, Page, Response, expect

from incubator.models import Notification
from tests.browser.axe import assert_accessible
from tests.factories import PASSWORD


def last_email_to(address: str) -> Notification:
    """The newest message the outbox holds for an address; it was also handed to the
    mailer (Celery runs eagerly in tests)."""
    notification = Notification.objects.filter(to_email__iexact=address).latest("pk")
    assert any(address in message.to for message in mail.outbox), (
        f"the outbox has a row for {address} but nothing was sent"
    )
    return notification


def link_in(notification: Notification, pattern: re.Pattern, site: str) -> str:
    """A link of the email as it was delivered: the outbox row keeps a secret link
    masked, so the link a person clicks is read from the sent message."""
    body = delivered_text(notification)
    found = pattern.search(body)
    assert found, f"no link like {pattern.pattern} in:\n{body}"
    return urljoin(site, found.group(0))


def delivered_text(notification: Notification) -> str:
    """The plain text of the message the mailer got for this row (its Message-ID names
    the row)."""
    sent = [
        message
        for message in mail.outbox
        if f".{notification.pk}@" in message.extra_headers.get("Message-ID", "")
    ]
    assert sent, f"notification {notification.pk} was not delivered"
    return sent[-1].body


def current_totp_code(secret: str) -> str:
    """What an authenticator app shows now. Near the end of a period, wait for the next
    one so the code is still current when the server checks it."""
    period = mfa_settings.TOTP_PERIOD
    if period - time.time() % period < 3:
        time.sleep(period - time.time() % period + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


def arrived(page: Page, response: Response | None) -> None:
    """The server answered without crashing, and the page it sent passes axe."""
    assert response is not None, f"no response for {page.url}"
    assert response.status < 500, (
        f"{response.status} from {response.url}:\n{page.locator('body').inner_text()[:2000]}"
    )
    assert_accessible(page)


def visit(page: Page, url: str) -> None:
    arrived(page, page.goto(url))


def follow(page: Page, control: Locator) -> None:
    """Click a link or button that loads a new page, and check that page."""
    with page.expect_navigation() as navigation:
        control.click()
    arrived(page, navigation.value)


def submit(page: Page, button_name: str) -> None:
    follow(page, page.get_by_role("button", name=button_name, exact=True))


def read_in(page: Page, language_name: str) -> None:
    """Use the header's language button (it names the other language in that language)."""
    follow(page, page.locator(".language-switch").get_by_role("button", name=language_name))


def sign_in(page: Page, site: str, email: str, *, password: str = PASSWORD) -> None:
    visit(page, f"{site}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    submit(page, "Sign In")


def sign_out(page: Page) -> None:
    follow(page, page.get_by_role("navigation", name="Main").get_by_role("button", name="Sign out"))
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Sign in")).to_be_visible()
    expect(nav.get_by_role("button", name="Sign out")).to_have_count(0)


def sign_in_with_second_factor(
    page: Page, site: str, email: str, secret: str, *, password: str = PASSWORD
) -> None:
    sign_in(page, site, email, password=password)
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
    page.get_by_label("Code").fill(current_totp_code(secret))
    submit(page, "Sign In")
