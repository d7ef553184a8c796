"""How pages and static files leave the server in production: templates compiled once
per process, pages compressed, static files compressed ahead of time."""

import gzip
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)


def production(expression: str) -> str:
    """What ``expression`` gives under the production settings, in a process of its own:
    importing them here would change the settings this test run shares."""
    environment = os.environ | {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "test-only-" + "x" * 50,
    }
    probe = f"import django; django.setup(); from django.conf import settings; print({expression})"
    out = subprocess.run(
        [sys.executable, "-c", probe], env=environment, cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_production_compiles_each_template_once_per_process():
    # Django caches compiled templates only when DEBUG is off and no loaders are named.
    loader = production(
        "type(__import__('django.template').template.engines['django']"
        ".engine.template_loaders[0]).__module__"
    )

    assert loader == "django.template.loaders.cached"


def test_a_page_is_sent_compressed_to_a_browser_that_accepts_it(client):
    response = client.get(reverse("incubator:home"), HTTP_ACCEPT_ENCODING="gzip")

    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert "governments helping governments" in gzip.decompress(response.content).decode()


def test_a_compressed_page_carries_random_bytes_against_breach(client):
    response = client.get(reverse("incubator:home"), HTTP_ACCEPT_ENCODING="gzip")

    # Django writes the random bytes as the gzip header's file name (flag FNAME).
    assert response.content[3] & 0x08


def test_a_page_is_sent_plain_to_a_client_that_does_not_accept_compression(client):
    response = client.get(reverse("incubator:home"))

    assert not response.has_header("Content-Encoding")
    assert "governments helping governments" in response.content.decode()


def test_static_files_are_served_compressed_as_collectstatic_wrote_them(settings, tmp_path):
    storage = production("settings.STORAGES['staticfiles']['BACKEND']")
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = settings.STORAGES | {"staticfiles": {"BACKEND": storage}}
    call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=["admin"])
    css = next(tmp_path.glob("css/portal.*.css"))

    assert css.with_name(css.name + ".gz").exists()
    response = Client().get(f"/static/css/{css.name}", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    body = gzip.decompress(b"".join(response.streaming_content))
    assert body == (ROOT / "static" / "css" / "portal.css").read_bytes()
