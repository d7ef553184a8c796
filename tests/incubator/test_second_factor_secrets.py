"""The authenticator app's key and the recovery codes' seed are stored encrypted, and
sign-in with the app still works."""

import time

import pytest
from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret, hotp_value
from django.test import override_settings

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_authenticator_key_is_not_stored_in_the_clear():
    user = UserFactory()
    secret = generate_totp_secret()

    TOTP.activate(user, secret)

    stored = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP).data
    assert secret not in str(stored)
    assert stored["secret"].startswith("fernet:")
    code = str(hotp_value(secret, int(time.time()) // 30)).zfill(6)
    assert TOTP(Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)).validate_code(
        code
    )


def test_the_recovery_codes_seed_is_not_stored_in_the_clear():
    user = UserFactory()

    codes = RecoveryCodes.activate(user)

    stored = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES).data
    assert stored["seed"].startswith("fernet:")
    assert codes.validate_code(codes.get_unused_codes()[0])


def test_secrets_stay_readable_while_the_key_is_rotated(settings):
    encrypted = get_adapter().encrypt("JBSWY3DPEHPK3PXP")

    with override_settings(
        SECRET_KEY="a-new-key-" + "y" * 40, SECRET_KEY_FALLBACKS=[settings.SECRET_KEY]
    ):
        assert get_adapter().decrypt(encrypted) == "JBSWY3DPEHPK3PXP"


def test_a_secret_saved_before_encryption_is_still_read():
    assert get_adapter().decrypt("JBSWY3DPEHPK3PXP") == "JBSWY3DPEHPK3PXP"
