from django import forms
from django.utils.translation import gettext_lazy as _

from incubation.models import IncubationState
from incubator.forms.fields import CountedTextField

SORT_CHOICES = [
    ("risk", _("At risk first")),
    ("activity", _("Latest activity first")),
    ("meeting", _("Next meeting first")),
    ("confidence", _("Lowest confidence first")),
    ("challenge", _("Challenge, A to Z")),
]


class DeskFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State"),
        choices=[("", _("Every state")), *IncubationState.choices],
        required=False,
    )
    at_risk = forms.BooleanField(label=_("Only incubations at risk"), required=False)
    sort = forms.ChoiceField(label=_("Sort"), choices=SORT_CHOICES, required=False)


class PauseForm(forms.Form):
    reason = CountedTextField(
        label=_("Why the work pauses"),
        max_length=1000,
        multiline=True,
        help_text=_("The teams read this in their email."),
    )


class MentorForm(forms.Form):
    mentor = forms.ModelChoiceField(
        label=_("Mentor from the advisory board"),
        queryset=None,
        empty_label=_("Choose a reviewer"),
    )

    def __init__(self, *args, mentors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = mentors
        self.fields["mentor"].error_messages["invalid_choice"] = _(
            "Choose a member of the advisory board from the list."
        )
