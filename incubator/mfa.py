"""Second factors whose secrets are never stored in the clear: allauth asks its adapter to
encrypt the authenticator app's key and the recovery codes' seed before they are saved.
The key follows Django's SECRET_KEY, and SECRET_KEY_FALLBACKS keep older secrets readable
while the key is rotated."""

import base64
import hashlib

from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.utils.encoding import force_bytes

PREFIX = "fernet:"


def _fernet() -> MultiFernet:
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet(
        [
            Fernet(base64.urlsafe_b64encode(hashlib.sha256(b"mfa:" + force_bytes(k)).digest()))
            for k in keys
        ]
    )


class PortalMFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text: str) -> str:
        return PREFIX + _fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        if not encrypted_text.startswith(PREFIX):
            return encrypted_text  # saved before secrets were encrypted
        return _fernet().decrypt(encrypted_text.removeprefix(PREFIX).encode()).decode()
