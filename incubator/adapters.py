import uuid
from zoneinfo import ZoneInfo

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils import timezone, translation

from incubator import sign_in_delays
from incubator.models import User
from incubator.services.accounts import sign_in_failures_tell
from incubator.services.outbox import notification_queue_rendered
from incubator.terms import terms_note_if_due

# What allauth puts in the context of an account email that lets its reader act as the
# account: the confirmation or reset key, a login or reset code, and the links whole,
# because allauth signs a confirmation key anew at each reading with the time in seconds:
# the link may hold another key than "key" when a second ticks between the two.
SECRET_CONTEXT = ("key", "code", "activate_url", "password_reset_url")


def _account_of(credentials: dict) -> str:
    return credentials.get("email", credentials.get("username", "")).lower()


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

    def pre_authenticate(self, request, **credentials) -> None:
        # In place of allauth's fixed lockout: growing waits per account and address.
        wait = sign_in_delays.wait_left(
            account=_account_of(credentials), address=self.get_client_ip(request)
        )
        if wait:
            raise ValidationError(sign_in_delays.wait_message(wait))

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is not None:
            sign_in_delays.success_note(
                account=_account_of(credentials), address=self.get_client_ip(request)
            )
        return user

    def authentication_failed(self, request, **credentials) -> None:
        account = _account_of(credentials)
        failures = sign_in_delays.failure_note(account=account, address=self.get_client_ip(request))
        if failures >= settings.SIGN_IN_ALERT["failures"]:
            sign_in_failures_tell(email=account, failures=failures)

    def _delete_login_attempts_cached_email(self, request, **credentials) -> None:
        # A new password set through a reset link: this address starts afresh.
        super()._delete_login_attempts_cached_email(request, **credentials)
        sign_in_delays.success_note(
            account=_account_of(credentials), address=self.get_client_ip(request)
        )

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
