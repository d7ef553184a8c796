"""Who may see or change another team's object is decided in one place per kind: the
app's ``access.py``. A view that takes an object's id asks that policy (itself, or
through the app's selectors), and nothing else decides team membership on its own, so a
new page that skips the policy fails here before it can leak."""

import ast
import re
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

ROOT = Path(__file__).resolve().parents[2]
APPS = (
    "challenges",
    "cohorts",
    "exchange",
    "incubation",
    "incubator",
    "library",
    "matching",
    "mydata",
    "outcomes",
    "reviews",
    "secretariat",
    "solutions",
    "submissions",
)
ID = re.compile(r"<int:\w+>|<path:object_id>")
MEMBERSHIP_ASKED = re.compile(r"memberships__user=user\b|memberships\.filter\(user=")


def _patterns(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def _imports(module: str) -> set[str]:
    path = ROOT / (module.replace(".", "/") + ".py")
    if not path.exists():
        path = ROOT / module.replace(".", "/") / "__init__.py"
    tree = ast.parse(path.read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _asks_policy(module: str, app: str) -> bool:
    """The module imports ``<app>.access``, or reaches it through modules of its app."""
    policy, seen, todo = f"{app}.access", set(), [module]
    while todo:
        imported = _imports(todo.pop())
        if policy in imported:
            return True
        own = {name for name in imported if name.startswith(f"{app}.") and _exists(name)}
        todo += sorted(own - seen)
        seen |= own
    return False


def _exists(module: str) -> bool:
    base = ROOT / module.replace(".", "/")
    return base.with_suffix(".py").exists() or (base / "__init__.py").exists()


def id_views() -> dict[str, str]:
    """Each of our view modules that serves a URL with an object's id, by one route."""
    found = {}
    for route, callback in _patterns(get_resolver()):
        module = callback.__module__
        app = module.split(".")[0]
        if ID.search(route) and app in APPS and ".admin" not in module:
            found.setdefault(module, route)
    return found


def test_every_view_that_takes_an_id_asks_its_apps_access_policy():
    views = id_views()
    assert len(views) > 20, views  # the walk found the project's views
    missing = [
        f"{module} (serves {route})"
        for module, route in sorted(views.items())
        if not _asks_policy(module, module.split(".")[0])
    ]
    assert not missing, "views that take an id without their app's access.py:\n" + "\n".join(
        missing
    )


def test_nothing_outside_the_access_modules_decides_who_is_in_a_team():
    asking = [
        f"{path.relative_to(ROOT)}:{number}"
        for app in APPS
        for path in sorted((ROOT / app).rglob("*.py"))
        if path.name != "access.py" and "demo" not in path.parts and "migrations" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if MEMBERSHIP_ASKED.search(line)
    ]
    assert not asking, "team membership asked outside access.py:\n" + "\n".join(asking)
