"""The house rules every module keeps, so that the code stays easy to find and to read:
small modules and functions, reads in selectors (views never query), writes in services
with keyword-only arguments, a URL namespace per app, and named Celery tasks."""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
MODULE_LINES = 400
FUNCTION_LINES = 60


def portal_apps() -> list[Path]:
    return [
        Path(config.path) for config in apps.get_app_configs() if Path(config.path).parent == ROOT
    ]


def source_files() -> list[Path]:
    """Every non-test Python module of the portal, the project shell and the benchmarks,
    but not generated migrations."""
    folders = [*portal_apps(), ROOT / "config", ROOT / "bench"]
    return sorted(
        path
        for folder in folders
        for path in folder.rglob("*.py")
        if "migrations" not in path.parts
    )


def relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


SOURCES = {relative(path): path for path in source_files()}


def tree(name: str) -> ast.Module:
    return ast.parse(SOURCES[name].read_text(), filename=name)


def functions(module: ast.Module):
    for node in ast.walk(module):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


@pytest.mark.parametrize("name", SOURCES)
def test_a_module_stays_short(name):
    lines = len(SOURCES[name].read_text().splitlines())
    assert lines <= MODULE_LINES, f"{name} has {lines} lines; split it by sub-domain"


@pytest.mark.parametrize("name", SOURCES)
def test_a_function_stays_short(name):
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines, line {node.lineno})"
        for node in functions(tree(name))
        if node.end_lineno - node.lineno + 1 > FUNCTION_LINES
    ]
    assert not long, f"{name}: {', '.join(long)}"


VIEW_MODULES = [name for name in SOURCES if "/views/" in name or name.endswith("/views.py")]


@pytest.mark.parametrize("name", VIEW_MODULES)
def test_views_read_through_selectors(name):
    queries = [
        f"line {node.lineno}"
        for node in ast.walk(tree(name))
        if isinstance(node, ast.Attribute) and node.attr == "objects"
    ]
    assert not queries, f"{name} queries the database itself at {', '.join(queries)}"


SERVICE_MODULES = [
    name for name in SOURCES if "/services/" in name or name.endswith("/services.py")
]


@pytest.mark.parametrize("name", SERVICE_MODULES)
def test_services_take_keyword_arguments_only(name):
    positional = [
        node.name
        for node in tree(name).body
        if isinstance(node, ast.FunctionDef)
        and not node.name.startswith("_")
        and (node.args.args or node.args.posonlyargs)
    ]
    assert not positional, f"{name}: {', '.join(positional)} take positional arguments"


@pytest.mark.parametrize("app", [path.name for path in portal_apps()])
def test_each_app_names_its_addresses(app):
    urls = ROOT / app / "urls.py"
    if not urls.exists():
        pytest.skip(f"{app} has no pages")
    assert 'app_name = "' + app + '"' in urls.read_text()


TASK_MODULES = [name for name in SOURCES if name.endswith("tasks.py")]


@pytest.mark.parametrize("name", TASK_MODULES)
def test_celery_tasks_are_named_and_bounded(name):
    for node in functions(tree(name)):
        for decorator in node.decorator_list:
            if isinstance(decorator, ast.Call) and getattr(decorator.func, "id", "") in {
                "shared_task"
            }:
                given = {keyword.arg for keyword in decorator.keywords}
                assert {"name", "time_limit"} <= given, f"{name}: {node.name} lacks {given}"
            elif getattr(decorator, "id", "") == "shared_task":
                pytest.fail(f"{name}: {node.name} is a shared_task without a name and limit")
