from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from incubator.forms.fields import LanguagesField, PlainTextField, TimeZoneField
from incubator.models.organisations import Level


class OrganisationForm(forms.Form):
    name = PlainTextField(
        label=_("Team name"),
        max_length=200,
        help_text=_("The name of the government team or agency, as it is known abroad."),
    )
    country = forms.ChoiceField(label=_("Country"), choices=[("", _("Choose a country"))])
    level = forms.ChoiceField(
        label=_("Level of government"), choices=Level.choices, widget=forms.RadioSelect
    )
    languages = LanguagesField()
    time_zone = TimeZoneField(
        help_text=_("Where the team works: used to find hours you share with other teams.")
    )
    website = forms.URLField(
        label=_("Website"), max_length=300, required=False, assume_scheme="https"
    )
    description = PlainTextField(
        label=_("Short description"),
        multiline=True,
        max_length=2000,
        required=False,
        help_text=_("What the team does, in a few sentences. Up to 2,000 characters."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Choose a country")), *countries]
        self.fields["country"].error_messages["invalid_choice"] = _(
            "“%(value)s” is not a country we know. Choose one from the list."
        )


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Colleague's email address"),
        max_length=254,
        help_text=_("We send them a link to join this team. It works once, for 14 days."),
    )
