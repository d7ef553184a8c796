"""Signing in with a government identity provider (OpenID Connect, through allauth).

The first sign-in links to the account that has the provider's verified address, or
creates one. A secretariat account still needs the portal's second factor, unless the
provider says the person used more than one factor (its ``amr`` or ``acr`` claims, per
provider, in ``config/settings/env.py``): then the authenticator app is not asked for,
and the session's authentication log records the provider's multi-factor sign-in, which
``incubator/access.py`` counts as the second factor verified in this session."""

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.stages import AuthenticateStage
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings


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


def second_factor_mark(*, request, user, sociallogin=None, **kwargs) -> None:
    """At a provider's sign-in (allauth's user_logged_in signal): when it asserted several
    factors, the session's log says so, as an authenticator code would."""
    provider_id = asserted_mfa_by(sociallogin)
    if provider_id:
        record_authentication(request, user, "mfa", provider=provider_id)
        user._portal_second_factor = True


class PortalSocialAccountAdapter(DefaultSocialAccountAdapter):
    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        user.display_name = (data.get("name") or "").strip()[:120]
        locale = ((sociallogin.account.extra_data or {}).get("userinfo") or {}).get("locale")
        if locale and locale[:2] in dict(settings.LANGUAGES):
            user.language = locale[:2]
        return user
