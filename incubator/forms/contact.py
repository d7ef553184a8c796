"""The contact form, which keeps out bots without a third-party captcha: a field people
never see (a bot fills it), and a signed time the form was shown (a bot posts at once)."""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from incubator.forms.fields import PlainTextField

STARTED_SALT = "incubator.contact.started"
# A form shown more than a day ago is shown again rather than trusted.
STARTED_LONGEST = 24 * 3600


def started_token(*, at: float | None = None) -> str:
    return signing.dumps(at if at is not None else time.time(), salt=STARTED_SALT)


def seconds_since(token: str) -> float | None:
    try:
        started = signing.loads(token, salt=STARTED_SALT, max_age=STARTED_LONGEST)
    except (signing.BadSignature, TypeError):
        return None
    return time.time() - started if isinstance(started, int | float) else None


class ContactForm(forms.Form):
    name = PlainTextField(label=_("Your name"), max_length=120)
    email = forms.EmailField(
        label=_("Your email address"), help_text=_("The secretariat answers to this address.")
    )
    subject = PlainTextField(label=_("Subject"), max_length=200)
    body = PlainTextField(label=_("Your message"), max_length=5000, multiline=True)
    # Hidden from people (and from assistive technology) by the template.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    started = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["started"].initial = started_token()
        if user is not None and user.is_authenticated:
            self.fields["name"].initial = user.display_name
            self.fields["email"].initial = user.email
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean(self):
        cleaned = super().clean()
        elapsed = seconds_since(self.data.get("started", ""))
        if cleaned.get("website") or elapsed is None:
            raise forms.ValidationError(
                _("The form could not be sent. Please send it again from this page.")
            )
        if elapsed < settings.CONTACT_FORM_MIN_SECONDS:
            raise forms.ValidationError(
                _("That was very quick. Please read your message once more and send it again.")
            )
        return cleaned

    def message_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("name", "email", "subject", "body")}


class ContactAnswerForm(forms.Form):
    answer = PlainTextField(
        label=_("Your answer"),
        max_length=10000,
        multiline=True,
        help_text=_("Emailed to the sender, with their message quoted, in their language."),
    )
