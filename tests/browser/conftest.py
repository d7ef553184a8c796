"""Browser tests: Playwright drives Debian's chromium against pytest-django's live server.

Run them with ``pytest tests/browser -m browser``. Without /usr/bin/chromium they are
skipped, unless ``REQUIRE_BROWSER=1`` asks for them to fail instead (for CI images that
are meant to have the browser).
"""

import os
from pathlib import Path

import pytest

from tests.browser.axe import AccessibilityLedger

# Playwright's sync API runs an event loop in this thread, so Django's async-safety
# check would refuse every database query the test itself makes.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BROWSER_TESTS = Path(__file__).resolve().parent
NO_BROWSER = f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)"


def browser_required() -> bool:
    return os.environ.get("REQUIRE_BROWSER", "") == "1"


def browser_available() -> bool:
    return CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)


def pytest_collection_modifyitems(config, items):
    if browser_available() or browser_required():
        return
    skip = pytest.mark.skip(reason=f"{NO_BROWSER}; set REQUIRE_BROWSER=1 to fail instead")
    for item in items:
        if BROWSER_TESTS in Path(item.path).resolve().parents:
            item.add_marker(skip)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    # The page fixture's teardown reads this to know whether the test itself passed.
    setattr(item, f"_report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's launch options (--headed, --slowmo) plus Debian's chromium:
    Playwright cannot download its own browser here."""
    if not browser_available():
        pytest.fail(f"REQUIRE_BROWSER=1, and {NO_BROWSER}", pytrace=False)
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture
def site(live_server, transactional_db, settings):
    """The running portal. Emails link back to it, as they would in production."""
    settings.SITE_URL = live_server.url
    return live_server.url


@pytest.fixture
def page(page, site, request):
    """A fresh tab on the live portal. Every document it loads must be checked with
    ``assert_accessible``; the test fails at teardown if one was not."""
    page.set_default_timeout(10_000)
    page.set_default_navigation_timeout(15_000)
    ledger = AccessibilityLedger.attach(page)
    refused = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and refused.append(message.text),
    )
    yield page
    call = getattr(request.node, "_report_call", None)
    if call is not None and call.passed and refused:
        pytest.fail("The page broke its Content Security Policy:\n" + "\n".join(refused))
    if call is not None and call.passed:
        unchecked = ledger.unchecked()
        if unchecked:
            pytest.fail(
                "These pages were visited but never checked with assert_accessible():\n"
                + "\n".join(
                    f"  {url} (loaded {n} more time(s) than checked)" for url, n in unchecked
                ),
                pytrace=False,
            )
