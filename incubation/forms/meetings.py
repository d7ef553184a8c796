"""Forms of meetings: proposing one, answering its slots, fixing one, and a new time."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from incubation.models import LIMITS
from incubation.models.meetings import DURATIONS
from incubator.forms.fields import CountedTextField, PlainTextField, date_field


class ProposeForm(forms.Form):
    title = PlainTextField(label=_("What the meeting is about"), max_length=LIMITS["meeting_title"])
    duration_minutes = forms.TypedChoiceField(
        label=_("How long"),
        coerce=int,
        choices=[(minutes, format_lazy(_("{} minutes"), minutes)) for minutes in DURATIONS],
        initial=60,
        widget=forms.RadioSelect,
    )
    earliest_on = date_field(
        _("From which day"),
        required=False,
        help_text=_("The portal offers times in the two weeks from this day. Today if left empty."),
    )
    agenda = CountedTextField(
        label=_("Agenda"), max_length=LIMITS["agenda"], multiline=True, required=False
    )
    joining_link = forms.URLField(
        label=_("Joining link (video call)"),
        max_length=500,
        required=False,
        assume_scheme="https",
    )


class AnswerForm(forms.Form):
    available = forms.TypedMultipleChoiceField(
        label=_("Times you can come"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick every time you can come; the times you leave unticked count as no."),
    )

    def __init__(self, *args, slots, labels, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["available"].choices = [(slot.pk, labels[slot.pk]) for slot in slots]
        self.fields["available"].error_messages["invalid_choice"] = _(
            "Choose among the times offered for this meeting."
        )


class FixForm(forms.Form):
    slot = forms.TypedChoiceField(label=_("The time to fix"), coerce=int, widget=forms.RadioSelect)

    def __init__(self, *args, slots, labels, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].choices = [(slot.pk, labels[slot.pk]) for slot in slots]
        self.fields["slot"].error_messages["invalid_choice"] = _(
            "Choose one of the times offered for this meeting."
        )
        self.fields["slot"].error_messages["required"] = _("Choose the time to fix.")


class RescheduleForm(forms.Form):
    starts_on = date_field(_("New day"))
    starts_time = forms.TimeField(
        label=_("New start time"), widget=forms.TimeInput(attrs={"type": "time"})
    )

    def __init__(self, *args, zone: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts_time"].help_text = format_lazy(_("On your clock: {}."), zone)
        self.fields["starts_time"].error_messages["invalid"] = _("Enter a time such as 14:30.")
