"""Signing in with a government identity provider (OpenID Connect, through allauth).

The first sign-in links to the account that has the provider's verified address, or
creates one. A secretariat account still needs the portal's second factor, unless the
provider says the person used more than one factor (its ``amr`` or ``acr`` claims, per
provider, in ``config/settings/env.py``): then the authenticator app is not asked for,
and the session is marked as having its second factor."""

from allauth.mfa.stages import AuthenticateStage
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings

# In the session: the provider whose multi-factor sign-in stands for the second factor.
SECOND_FACTOR_BY_PROVIDER = "second_factor_by_provider"


def provider_settings(provider_id: str) -> dict:
    apps = settings.SOCIALACCOUNT_PROVIDERS.get("openid_connect", {}).get("APPS", [])
    return next((a["settings"] for a in apps if a["provider_id"] == provider_id), {})


def asserted_mfa_by(sociallogin) -> str | None:
    """The provider's id when its signed ID token says several factors were used."""
    if sociallogin is None or sociallogin.account.provider == "":
        return None
    provider_id = sociallogin.account.provider
    trusted = provider_settings(provider_id)
    claims = (sociallogin.account.extra_data or {}).get("id_token") or {}
    amr = claims.get("amr") or []
    amr = [amr] if isinstance(amr, str) else amr
    if set(amr) & set(trusted.get("mfa_amr", [])) or (
        claims.get("acr") and claims.get("acr") in trusted.get("mfa_acr", [])
    ):
        return provider_id
    return None


class AuthenticateUnlessProviderAsserted(AuthenticateStage):
    """allauth's "enter a code from your authenticator app" step, skipped when the
    identity provider asserted a multi-factor sign-in."""

    def _should_handle(self, request) -> bool:
        sociallogin = (self.login.signal_kwargs or {}).get("sociallogin")
        if asserted_mfa_by(sociallogin):
            return False
        return super()._should_handle(request)


def second_factor_mark(*, request, sociallogin=None, **kwargs) -> None:
    """At each sign-in (the user_logged_in signal): mark the session when the provider
    asserted several factors, and unmark it for any other sign-in."""
    provider_id = asserted_mfa_by(sociallogin)
    if provider_id:
        request.session[SECOND_FACTOR_BY_PROVIDER] = provider_id
    else:
        request.session.pop(SECOND_FACTOR_BY_PROVIDER, None)


class ProviderSecondFactorMiddleware:
    """A session marked at sign-in counts as having the second factor
    (``incubator/access.py`` reads ``_portal_second_factor``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.session.get(SECOND_FACTOR_BY_PROVIDER) and request.user.is_authenticated:
            request.user._portal_second_factor = True
        return self.get_response(request)


class PortalSocialAccountAdapter(DefaultSocialAccountAdapter):
    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        user.display_name = (data.get("name") or "").strip()[:120]
        locale = ((sociallogin.account.extra_data or {}).get("userinfo") or {}).get("locale")
        if locale and locale[:2] in dict(settings.LANGUAGES):
            user.language = locale[:2]
        return user
