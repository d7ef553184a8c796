"""Starting the test provider as a second Django process on 127.0.0.1, and walking a
person through its sign-in as a browser would."""

import json
import os
import re
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "provider-password-1234"
CLIENT_ID, CLIENT_SECRET = "incubator-portal", "incubator-portal-secret"
PROVIDER_ID = "gov-test"
CALLBACK = f"http://testserver/accounts/oidc/{PROVIDER_ID}/login/callback/"


@dataclass
class Provider:
    url: str  # the issuer

    def app(self, **settings) -> dict:
        """The portal's allauth app for this provider, as config/settings/env.py builds it."""
        return {
            "provider_id": PROVIDER_ID,
            "name": "GovID Test",
            "client_id": CLIENT_ID,
            "secret": CLIENT_SECRET,
            "settings": {
                "server_url": self.url,
                "oauth_pkce_enabled": True,
                "email_authentication": True,
                "mfa_amr": ["otp"],
                "mfa_acr": [],
                **settings,
            },
        }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _key(path: Path) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


def start(folder: Path, people: list[dict]):
    """The provider, running; call ``stop()`` on the returned process when done."""
    _key(folder / "key.pem")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.oidc_provider.settings",
        "OIDC_TEST_DB": str(folder / "provider.sqlite3"),
        "OIDC_TEST_KEY": str(folder / "key.pem"),
    }
    spec = {"people": people, "password": PASSWORD, "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET, "redirect_uri": CALLBACK}  # fmt: skip
    subprocess.run(
        [sys.executable, "-m", "tests.oidc_provider.people", json.dumps(spec)],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/o"
    for _ in range(100):
        try:
            requests.get(url + "/.well-known/openid-configuration", timeout=1).raise_for_status()
            return process, Provider(url=url)
        except requests.RequestException:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("The test identity provider did not start.")


def authorize(authorize_url: str, username: str) -> str:
    """Sign in at the provider as ``username`` and return the portal's callback address
    (path and query) the provider sends the browser back to."""
    browser = requests.Session()
    response = browser.get(authorize_url, allow_redirects=False)
    login_url = urljoin(authorize_url, response.headers["Location"])
    page = browser.get(login_url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    nxt = re.search(r'name="next" value="([^"]*)"', page.text).group(1).replace("&amp;", "&")
    response = browser.post(
        login_url,
        data={"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD,
              "next": nxt},
        headers={"Referer": login_url}, allow_redirects=False,
    )  # fmt: skip
    while not response.headers["Location"].startswith("http://testserver/"):
        response = browser.get(urljoin(login_url, response.headers["Location"]),
                               allow_redirects=False)  # fmt: skip
    parts = urlsplit(response.headers["Location"])
    return f"{parts.path}?{parts.query}"
