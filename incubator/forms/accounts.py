from django import forms
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from incubator.forms.fields import PlainTextField, TimeZoneField
from incubator.preferences import language_chosen_now
from incubator.services.accounts import profile_update
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


class SignupDetailsForm(ProfileForm):
    """The profile questions asked at sign-up, added to allauth's sign-up form. The
    language and zone the visitor already reads the portal in are preselected."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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
