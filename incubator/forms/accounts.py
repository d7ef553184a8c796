from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from incubator.forms.fields import PlainTextField, TimeZoneField
from incubator.models import MailChoice
from incubator.preferences import language_chosen_now
from incubator.selectors.pages import terms_version_current
from incubator.services.accounts import profile_update
from incubator.services.pages import terms_accept
from incubator.zones import UTC_NAME, canonical_zone


class ProfileForm(forms.Form):
    display_name = PlainTextField(
        label=_("Display name"),
        max_length=120,
        help_text=_("How colleagues and the secretariat see you, for example “Ana Silva”."),
    )
    time_zone = TimeZoneField()
    language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=settings.LANGUAGES,
        help_text=_("The language of the portal and of the emails we send you."),
    )


def terms_field() -> forms.BooleanField:
    return forms.BooleanField(
        label=_("I accept the terms of participation"),
        help_text=format_html(
            '<a href="{}">{}</a>', reverse("incubator:terms"), _("Read the terms of participation")
        ),
        error_messages={"required": _("Accept the terms of participation to create an account.")},
    )


class TermsAcceptForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accept"] = terms_field()
        self.fields["accept"].error_messages["required"] = _(
            "Accept the new terms to go on using the portal."
        )


class MailChoicesForm(forms.Form):
    wanted = forms.MultipleChoiceField(
        label=_("Email me"),
        choices=MailChoice.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Emails about a decision, your account's security or something you must do "
            "are always sent. Every email is listed on your notifications page either way."
        ),
    )


class SignupDetailsForm(ProfileForm):
    """The profile questions asked at sign-up, added to allauth's sign-up form. The
    language and zone the visitor already reads the portal in are preselected, and the
    terms of participation must be accepted."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["terms"] = terms_field()
        self.fields["language"].initial = translation.get_language()
        # The browser's zone, when it told us one (UTC is what nobody's browser said).
        zone = canonical_zone(timezone.get_current_timezone_name())
        if zone and zone != UTC_NAME:
            self.fields["time_zone"].initial = zone

    def signup(self, request, user):
        language_chosen_now(request, self.cleaned_data["language"])
        profile_update(
            user=user,
            display_name=self.cleaned_data["display_name"],
            time_zone=self.cleaned_data["time_zone"],
            language=self.cleaned_data["language"],
        )
        terms_accept(user=user, version=terms_version_current())
