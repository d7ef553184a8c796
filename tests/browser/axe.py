"""Accessibility checks with axe-core, vendored in ``vendor/`` (axe-core 4.14.1, MPL-2.0).

``assert_accessible(page)`` looks at the page as a desktop (1280 px) and a phone (390 px)
would: at each width the page must fit without sideways scrolling, and axe, injected into
the page, runs the WCAG 2.0/2.1/2.2 A and AA rules and its best practices. The test fails
listing every page wider than the screen and every serious or critical violation.
"""

from collections import Counter
from pathlib import Path
from urllib.parse import urldefrag

import pytest
from playwright.sync_api import Page

AXE_VERSION = "4.14.1"
AXE_SCRIPT = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING_IMPACTS = ("serious", "critical")
SCREEN_WIDTHS = (1280, 390)

_WIDER_THAN_SCREEN = """() => {
  const wider = document.documentElement.scrollWidth - window.innerWidth;
  if (wider <= 0) return null;
  // The elements that stick out, so the failure says where to look.
  const culprits = [...document.querySelectorAll('body *')]
    .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
    .filter((el) => !el.parentElement || el.parentElement.getBoundingClientRect().right
      <= window.innerWidth + 1)
    .slice(0, 5)
    .map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
      + (el.className && typeof el.className === 'string' ? '.' + el.className.trim()
        .split(/\\s+/).join('.') : ''));
  return {wider, scrollWidth: document.documentElement.scrollWidth, culprits};
}"""

_RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {runOnly: tags, resultTypes: ['violations']});
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({
      target: n.target.map((t) => Array.isArray(t) ? t.join(' >>> ') : t),
      summary: n.failureSummary || '',
      impact: n.impact,
    })),
  }));
}"""


def axe_violations(page: Page) -> list[dict]:
    """Every axe violation on the page as it is now, whatever its impact."""
    page.wait_for_load_state("load")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated rather than added as a <script>: the portal's CSP forbids inline scripts.
        page.evaluate(AXE_SCRIPT.read_text())
    return page.evaluate(_RUN_AXE, AXE_TAGS)


def format_violations(url: str, width: int, violations: list[dict]) -> str:
    lines = [
        f"axe-core {AXE_VERSION} found {len(violations)} serious/critical problem(s) "
        f"on {url} at {width} px:"
    ]
    for violation in violations:
        lines.append(f"- [{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    at {', '.join(node['target'])}")
            for detail in node["summary"].splitlines():
                if detail.strip():
                    lines.append(f"      {detail.strip()}")
    return "\n".join(lines)


_HEADER_ROWS = """() => {
  const parts = [...document.querySelectorAll('.site-header .wrap > *, .site-nav li')];
  const tops = parts.map((part) => part.getBoundingClientRect().top);
  return tops.length ? Math.max(...tops) - Math.min(...tops) : 0;
}"""


def width_problem(page: Page, width: int) -> str | None:
    wider = page.evaluate(_WIDER_THAN_SCREEN)
    if wider is not None:
        return (
            f"{page.url} is {wider['scrollWidth']} px wide on a {width} px screen; "
            f"sticking out: {', '.join(wider['culprits']) or 'nothing found'}"
        )
    # On a desktop the header is one row: brand, menu and language side by side.
    if width == max(SCREEN_WIDTHS) and page.evaluate(_HEADER_ROWS) > 16:
        return f"{page.url}: the header wraps onto more than one row at {width} px"
    return None


def assert_accessible(page: Page) -> None:
    """Fail the test if the current page, at a desktop's or a phone's width, is wider than
    the screen or has a serious or critical axe violation."""
    page.wait_for_load_state("load")
    AccessibilityLedger.of(page).checked(page.url)
    shown = page.viewport_size
    problems = []
    try:
        for width in SCREEN_WIDTHS:
            page.set_viewport_size({"width": width, "height": shown["height"]})
            problems.append(width_problem(page, width))
            blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]
            if blocking:
                problems.append(format_violations(page.url, width, blocking))
    finally:
        page.set_viewport_size(shown)
    problems = [problem for problem in problems if problem]
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


class AccessibilityLedger:
    """Counts the documents a page loads and the axe checks made on them, per URL,
    so a test cannot visit a page and forget to check it."""

    def __init__(self) -> None:
        self.loads: Counter[str] = Counter()
        self.checks: Counter[str] = Counter()

    @classmethod
    def attach(cls, page: Page) -> "AccessibilityLedger":
        ledger = cls()
        page._accessibility_ledger = ledger
        page.on("load", lambda loaded: ledger.loaded(loaded.url))
        return ledger

    @classmethod
    def of(cls, page: Page) -> "AccessibilityLedger":
        ledger = getattr(page, "_accessibility_ledger", None)
        return ledger if ledger is not None else cls()

    @staticmethod
    def _key(url: str) -> str:
        return urldefrag(url).url

    def loaded(self, url: str) -> None:
        if url != "about:blank":
            self.loads[self._key(url)] += 1

    def checked(self, url: str) -> None:
        self.checks[self._key(url)] += 1

    def unchecked(self) -> list[tuple[str, int]]:
        return [
            (url, count - self.checks[url])
            for url, count in self.loads.items()
            if count > self.checks[url]
        ]
