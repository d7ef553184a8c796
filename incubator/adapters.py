import uuid
from zoneinfo import ZoneInfo

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone, translation

from incubator.models import User
from incubator.services.outbox import notification_queue_rendered
from incubator.terms import terms_note_if_due

# What allauth puts in the context of an account email that lets its reader act as the
# account: the confirmation or reset key, a login or reset code.
SECRET_CONTEXT = ("key", "code")


class PortalAccountAdapter(DefaultAccountAdapter):
    """Account emails (verification, password reset, security notices) go through the
    outbox like every other message, in the recipient's language and time zone, their
    secrets sealed (incubator/sealing.py)."""

    def get_login_stages(self) -> list[str]:
        # An identity provider's multi-factor sign-in stands for the authenticator app.
        return [
            "incubator.identity.AuthenticateUnlessProviderAsserted"
            if stage == "allauth.mfa.stages.AuthenticateStage"
            else stage
            for stage in super().get_login_stages()
        ]

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """Failed sign-ins count per account and client address: an attacker who tries
        someone's password locks only their own address out, never the owner."""
        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account}:{self.get_client_ip(request)}"

    def get_client_ip(self, request) -> str:
        # With TRUSTED_PROXIES set, a request that came past fewer proxies than that
        # (a health check, a direct call) is read by its connection's address.
        try:
            return super().get_client_ip(request)
        except ImproperlyConfigured:
            return request.META.get("REMOTE_ADDR", "")

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        recipient = User.objects.filter(email__iexact=email).first()
        language = recipient.language if recipient else translation.get_language()
        zone = ZoneInfo(recipient.time_zone) if recipient else timezone.get_current_timezone()
        with translation.override(language), timezone.override(zone):
            request = allauth_context.request
            message = self.render_mail(
                template_prefix,
                email,
                {
                    "request": request,
                    "email": email,
                    "current_site": get_current_site(request),
                    **context,
                },
            )
        html = next((body for body, kind in message.alternatives if kind == "text/html"), "")
        name = template_prefix.rsplit("/", 1)[-1]
        notification_queue_rendered(
            key=f"account-{name}:{uuid.uuid4().hex}",
            recipient=recipient,
            to_email=email,
            language=language,
            subject=message.subject,
            body_text=message.body,
            body_html=html,
            kind=f"account/{name}",
            secrets=tuple(str(context[name]) for name in SECRET_CONTEXT if context.get(name)),
        )

    def post_login(self, request, user, **kwargs):
        # Before anything else, a new version of the terms is accepted (incubator/terms.py).
        terms_note_if_due(request, user)
        return super().post_login(request, user, **kwargs)
