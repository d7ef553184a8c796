"""The keyboard goes through each form in the order the page shows it: Tab moves from one
control to the next one below it (or to its right on the same line), and on the sign-in
page from the email to the password, not to "Forgot your password?" in between."""

from itertools import pairwise

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from tests.browser.journey import sign_in, visit
from tests.factories import ChallengeFactory, MembershipFactory, ThemeFactory, UserFactory

pytestmark = pytest.mark.browser

# What the focused element is, and where it stands on the page.
_FOCUSED = """() => {
  const el = document.activeElement;
  const box = el.getBoundingClientRect();
  return {
    name: el.id || (el.innerText || el.value || '').trim(),
    inMain: !!el.closest('main'),
    top: box.top + window.scrollY, left: box.left + window.scrollX, height: box.height,
  };
}"""


def focus_order(page: Page, first: str) -> list[dict]:
    """Each control Tab reaches in <main>, starting from the one named ``first``."""
    page.locator(first).focus()
    order = [page.evaluate(_FOCUSED)]
    for _ in range(80):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if not focused["inMain"]:
            break
        order.append(focused)
    return order


def out_of_visual_order(order: list[dict]) -> list[str]:
    """Pairs where Tab goes up the page, or leftwards on the same line."""
    wrong = []
    for before, after in pairwise(order):
        same_line = abs(after["top"] - before["top"]) < max(before["height"], 1) / 2
        if (same_line and after["left"] < before["left"]) or (
            not same_line and after["top"] < before["top"]
        ):
            wrong.append(f"{before['name']!r} → {after['name']!r}")
    return wrong


def names(order: list[dict]) -> list[str]:
    return [element["name"] for element in order]


def test_signing_in_goes_from_email_to_password_to_the_button(page: Page, site: str):
    visit(page, f"{site}{reverse('account_login')}")

    order = focus_order(page, "#id_login")

    assert names(order)[:4] == ["id_login", "id_password", "id_remember", "Sign In"]
    assert "Forgot your password?" in names(order)[4:]
    assert not out_of_visual_order(order)


def test_signing_up_follows_the_page(page: Page, site: str):
    visit(page, f"{site}{reverse('account_signup')}")

    order = focus_order(page, "#id_email")

    assert names(order)[0] == "id_email" and "id_password1" in names(order)
    assert names(order).index("id_password1") < names(order).index("id_password2")
    assert not out_of_visual_order(order)


def test_a_drafting_step_follows_the_page(page: Page, site: str):
    ThemeFactory(name="Digital inclusion")
    ThemeFactory(name="Health")
    member = MembershipFactory(user=UserFactory(email="ana@ama.gov.example")).user
    draft = ChallengeFactory(organisation=member.organisations.get(), status="draft")
    sign_in(page, site, member.email)
    visit(page, f"{site}{reverse('challenges:step', kwargs={'pk': draft.pk, 'step': 'about'})}")

    order = focus_order(page, "#id_title")

    assert names(order)[:2] == ["id_title", "id_summary"]
    assert names(order).index("id_themes_0") < names(order).index("id_sector")
    # The form's own buttons end it; the library's panel beside it comes after.
    after_form = names(order)[names(order).index("Save and continue") :]
    assert after_form[:2] == ["Save and continue", "Save draft and come back later"]
    assert after_form[-1] == "Save and show similar"
    assert not out_of_visual_order(order)
