"""A message that says people were emailed is computed from the emails the action queued:
views never write such a sentence themselves, they show ``incubator.audience.told`` of
the ``Audience`` the service filled from the outbox rows it wrote."""

import ast
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# Every app of the portal, so that a new one is covered without editing this test.
APPS = sorted(
    Path(config.path).name for config in apps.get_app_configs() if Path(config.path).parent == ROOT
)
CLAIMS = re.compile(
    r"(told|introduced|informed|notified) by e-?mail|\b(is|are|was|were) (e-?mailed|told)\b"
    r"|e-?mails? (is|are|was|were) (sent|queued)",
    re.IGNORECASE,
)
MESSAGE_CALLS = {"success", "info", "warning", "error", "add_message"}


def view_modules() -> list[Path]:
    return sorted(
        path
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "views" in path.parts or path.name == "views.py"
    )


def texts(node: ast.AST) -> list[str]:
    return [
        n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]


def shown_as_messages(module: ast.Module) -> list[tuple[int, str]]:
    """Every text a view passes to a message, or keeps in a table of messages (DONE)."""
    found = []
    for node in ast.walk(module):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in MESSAGE_CALLS
            and getattr(node.func.value, "id", "") == "messages"
        ):
            found.extend((node.lineno, text) for text in texts(node))
        if isinstance(node, ast.Assign) and any(
            getattr(t, "id", "") == "DONE" for t in node.targets
        ):
            found.extend((node.lineno, text) for text in texts(node.value))
    return found


@pytest.mark.parametrize("path", view_modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_view_claims_on_its_own_that_people_were_emailed(path):
    module = ast.parse(path.read_text())
    claims = [
        f"line {line}: {text!r}" for line, text in shown_as_messages(module) if CLAIMS.search(text)
    ]
    assert not claims, "count the outbox instead (incubator.audience.told): " + "; ".join(claims)


def test_the_rule_catches_the_messages_that_lied():
    for lie in (
        "2 decisions released. Each team is told by email.",
        "The pair is confirmed. Both teams are introduced by email.",
        "The session is cancelled. Everyone registered or waiting is told by email.",
    ):
        assert CLAIMS.search(lie)
