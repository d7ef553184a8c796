"""docker-compose.yml, the Dockerfile and the scripts cannot be run here (no Docker
engine), so they are read: every module they name must exist in the project."""

import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
FILES = ["docker-compose.yml", "Dockerfile", "scripts/smoke-production", ".ci/run"]
# `celery -A <app>`, whether written as words or as a JSON list.
CELERY_APP = re.compile(r"""celery["',\s]+-A["',\s]+([\w.]+)""")
SETTINGS = re.compile(r"DJANGO_SETTINGS_MODULE[=:]\s*([\w.]+)")
WSGI = re.compile(r"""gunicorn["',\s]+([\w.]+):(\w+)""")


def named_in(pattern: re.Pattern) -> list[tuple[str, str]]:
    return [
        (name, match.group(0))
        for name in FILES
        for match in pattern.finditer((ROOT / name).read_text())
    ]


@pytest.mark.parametrize(("file", "text"), named_in(CELERY_APP))
def test_the_celery_app_named_exists(file, text):
    module = importlib.import_module(CELERY_APP.search(text).group(1))
    assert hasattr(module, "celery_app"), f"{file}: {text}"


@pytest.mark.parametrize(("file", "text"), named_in(SETTINGS))
def test_the_settings_module_named_exists(file, text):
    assert importlib.util.find_spec(SETTINGS.search(text).group(1)), f"{file}: {text}"


@pytest.mark.parametrize(("file", "text"), named_in(WSGI))
def test_the_wsgi_application_named_exists(file, text):
    module_name, attribute = WSGI.search(text).groups()
    assert importlib.util.find_spec(module_name), f"{file}: {text}"
    assert f"{attribute} =" in Path(importlib.util.find_spec(module_name).origin).read_text()


# `    NAME: ${NAME:-default}` (or a plain value) in the portal's environment block.
COMPOSE_VARIABLE = re.compile(r"^    ([A-Z_]+): (.*)$", re.MULTILINE)
COMPOSE_DEFAULT = re.compile(r"\$\{(\w+)(?::-([^}]*)|:\?[^}]*)\}")


def compose_environment() -> dict[str, str]:
    """The web container's environment when nothing is set but SECRET_KEY."""
    text = (ROOT / "docker-compose.yml").read_text()
    block = text.split("environment: &portal-env", 1)[1].split("\n  volumes:", 1)[0]
    environment = {}
    for name, raw in COMPOSE_VARIABLE.findall(block):
        value = COMPOSE_DEFAULT.sub(lambda match: match.group(2) or "", raw.strip())
        environment[name] = value
    environment["SECRET_KEY"] = "compose-check-" + "k" * 50
    return environment


def test_the_compose_file_serves_https_by_default():
    assert compose_environment()["SECURE_SSL_REDIRECT"] == "true"


def test_the_deploy_checks_pass_with_the_compose_defaults():
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    environment.update(compose_environment())
    # The containers' database and Redis are not here; the checks do not connect to them.
    environment.pop("DATABASE_URL")
    checked = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
