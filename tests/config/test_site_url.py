"""SITE_URL, the address in every email and calendar file, follows where the embedded
portal really runs unless it is set explicitly."""

import os
import subprocess
import sys

from config.settings.base import BASE_DIR


def site_url_under(**environment) -> str:
    """SITE_URL as a fresh process reads the settings with this environment."""
    env = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "HOST", "PORT"}}
    env.update(environment)
    result = subprocess.run(
        [sys.executable, "-c", "from config.settings import base; print(base.SITE_URL)"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_without_host_or_port_links_point_at_the_default_address():
    assert site_url_under() == "http://127.0.0.1:8000"


def test_links_follow_the_port_the_portal_was_started_on():
    assert site_url_under(PORT="8101") == "http://127.0.0.1:8101"


def test_links_follow_the_host_and_port_the_portal_was_started_on():
    assert site_url_under(HOST="localhost", PORT="8101") == "http://localhost:8101"


def test_a_portal_listening_on_every_address_links_to_this_machine():
    assert site_url_under(HOST="0.0.0.0", PORT="8101") == "http://127.0.0.1:8101"


def test_an_ipv6_host_is_bracketed():
    assert site_url_under(HOST="::1", PORT="8101") == "http://[::1]:8101"


def test_an_explicit_site_url_wins_over_host_and_port():
    explicit = site_url_under(SITE_URL="https://incubator.example.org/", PORT="8101")
    assert explicit == "https://incubator.example.org"
