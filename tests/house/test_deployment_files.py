"""docker-compose.yml, the Dockerfile and the scripts cannot be run here (no Docker
engine), so they are read: every module they name must exist in the project."""

import importlib
import re
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
