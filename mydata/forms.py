from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django import forms
from django.utils.translation import gettext_lazy as _


class AccountDeleteConfirmForm(forms.Form):
    """The person proves it is them: their password, or a code of their authenticator app."""

    password = forms.CharField(
        label=_("Your password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = forms.CharField(
        label=_("Or a code from your authenticator app"),
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if self.totp is None:
            del self.fields["code"]

    def clean(self):
        password = self.cleaned_data.get("password", "")
        code = self.cleaned_data.get("code", "").strip()
        if password and self.user.has_usable_password() and self.user.check_password(password):
            return self.cleaned_data
        if code and self.totp is not None and TOTP(self.totp).validate_code(code):
            return self.cleaned_data
        if not password and not code:
            raise forms.ValidationError(
                _("Enter your password to confirm.")
                if self.totp is None
                else _("Enter your password or a code from your authenticator app to confirm.")
            )
        raise forms.ValidationError(_("That does not match. Nothing was deleted."))
