"""Accessibility checks with axe-core, vendored in ``vendor/`` (axe-core 4.14.1, MPL-2.0).

``assert_accessible(page)`` injects axe into the page, runs the WCAG 2.0/2.1/2.2 A and AA
rules and axe's best practices, and fails the test listing every serious or critical
violation.
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


def format_violations(url: str, violations: list[dict]) -> str:
    lines = [
        f"axe-core {AXE_VERSION} found {len(violations)} serious/critical problem(s) on {url}:"
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


def assert_accessible(page: Page) -> None:
    """Fail the test if axe finds a serious or critical problem on the current page."""
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]
    AccessibilityLedger.of(page).checked(page.url)
    if blocking:
        pytest.fail(format_violations(page.url, blocking), pytrace=False)


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
