"""A visitor in Tokyo: the browser's zone (reported by portal.js) sets the zone of their
visit, the call deadline reads in JST with the zone named, and signing up preselects
Asia/Tokyo, which the search box can change. axe-core checks every page on the way."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from incubator.models import User
from tests.browser.axe import assert_accessible
from tests.browser.journey import follow, submit, visit
from tests.factories import CallFactory

pytestmark = [pytest.mark.browser, pytest.mark.browser_context_args(timezone_id="Asia/Tokyo")]


def deadline_in_two_weeks() -> datetime:
    """16:00 UTC, which is 01:00 the next day in Tokyo and 17:00 or 18:00 in Paris."""
    day = (timezone.now() + timedelta(days=14)).date()
    return datetime(day.year, day.month, day.day, 16, 0, tzinfo=UTC)


def first_visit(page: Page, url: str) -> None:
    """The first page a visitor opens is drawn again once, in the zone their browser
    reported; both documents are checked."""
    visit(page, url)
    expect(page.locator("html")).to_have_attribute("data-visitor-zone", "Asia/Tokyo")
    assert_accessible(page)


def test_a_visitor_in_tokyo_reads_the_deadline_in_jst_and_signs_up_in_tokyo_time(
    page: Page, site: str
):
    closes = deadline_in_two_weeks()
    CallFactory(
        title="Call for challenges 2027", closes_at=closes, deadline_time_zone="Europe/Paris"
    )
    tokyo = closes.astimezone(timezone.get_fixed_timezone(9 * 60))

    first_visit(page, site)

    call = page.get_by_role("listitem").filter(has_text="Call for challenges 2027")
    expect(call).to_contain_text(f"{tokyo:%H:%M} JST (Asia/Tokyo)")
    expect(call).to_contain_text("(Europe/Paris)")
    expect(call).to_contain_text("Your time:")
    expect(page.get_by_role("contentinfo")).to_contain_text(
        "Times are shown in your time zone: Asia/Tokyo."
    )

    nav = page.get_by_role("navigation", name="Main")
    follow(page, nav.get_by_role("link", name="Create an account"))
    zone = page.get_by_label("Time zone", exact=True)
    expect(zone).to_have_value("Asia/Tokyo")
    search = page.get_by_label("Find your zone: type a city or a region")
    search.fill("port of spain")
    expect(page.get_by_text("1 zone matches")).to_be_visible()
    search.press("Enter")
    expect(zone).to_have_value("America/Port_of_Spain")
    search.fill("tokyo")
    search.press("Enter")
    expect(zone).to_have_value("Asia/Tokyo")

    page.get_by_label("Email").fill("kenji.sato@digital.go.example")
    page.get_by_label("Display name").fill("Kenji Sato")
    page.get_by_label("Password", exact=True).fill("a-long-and-unusual-passphrase")
    page.get_by_label("Password (again)").fill("a-long-and-unusual-passphrase")
    page.get_by_label("I accept the terms of participation").check()
    submit(page, "Sign Up")

    assert User.objects.get(email="kenji.sato@digital.go.example").time_zone == "Asia/Tokyo"
