"""Sealing the secrets of an outbox message (a reset or confirmation link, a login code,
an invitation): the row keeps a masked copy that anyone may read, and the whole message
encrypted with a key derived from ``SECRET_KEY``, which a database backup does not hold.
The sealed copy says until when it may be opened; after that it is useless anyway."""

import base64
import hashlib
import json
import time
from collections.abc import Iterable
from urllib.parse import quote

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.utils.html import escape

MASK = "••••••••"


class SealExpired(Exception):
    """The sealed message can no longer be opened: its lifetime is over or its key is gone."""


def _sealer() -> MultiFernet:
    # Every key still accepted by the site can open a seal, so rotating SECRET_KEY
    # (the old one in SECRET_KEY_FALLBACKS) does not strand queued messages.
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet(
        [
            Fernet(base64.urlsafe_b64encode(hashlib.sha256(f"outbox-seal:{key}".encode()).digest()))
            for key in keys
        ]
    )


def seal(content: dict[str, str], *, lifetime_seconds: int) -> str:
    payload = {"until": int(time.time()) + lifetime_seconds, "content": content}
    return _sealer().encrypt(json.dumps(payload).encode()).decode()


def unseal(sealed: str) -> dict[str, str]:
    try:
        payload = json.loads(_sealer().decrypt(sealed.encode()))
    except InvalidToken as error:
        raise SealExpired("its sealed copy cannot be opened with the site's keys") from error
    if payload["until"] < time.time():
        raise SealExpired("the secret link in it has expired")
    return payload["content"]


def masked(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every secret, as written in plain text, HTML or a URL, hidden."""
    for secret in filter(None, secrets):
        for written in {secret, str(escape(secret)), quote(secret, safe="")}:
            text = text.replace(written, MASK)
    return text
