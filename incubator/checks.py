"""Deploy checks Django does not make itself: production's headers and cookies."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def check_cookies_and_headers(app_configs, **kwargs):
    found = []
    if settings.SESSION_COOKIE_SECURE and not settings.LANGUAGE_COOKIE_SECURE:
        found.append(
            checks.Warning(
                "LANGUAGE_COOKIE_SECURE is off while the session cookie is Secure.",
                hint="Set LANGUAGE_COOKIE_SECURE = True where the portal is served over HTTPS.",
                id="incubator.W001",
            )
        )
    if not getattr(settings, "PERMISSIONS_POLICY", None):
        found.append(
            checks.Warning(
                "PERMISSIONS_POLICY is empty: no Permissions-Policy header is sent.",
                id="incubator.W002",
            )
        )
    return found
