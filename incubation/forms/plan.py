"""Forms of the joint work plan: its texts, a milestone, a milestone done, and a team's
working hours."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from incubation.models import LIMITS
from incubation.services.plan import SETTABLE_STATES
from incubator.forms.fields import CountedTextField, date_field

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class PlanForm(forms.Form):
    goal = CountedTextField(
        label=_("Goal"),
        max_length=LIMITS["goal"],
        multiline=True,
        help_text=_("What the teams want to have achieved together when the incubation ends."),
    )
    deliverables = CountedTextField(
        label=_("Expected deliverables"),
        max_length=LIMITS["deliverables"],
        multiline=True,
        required=False,
        help_text=_("What will exist at the end: a pilot, a method adapted, a report."),
    )

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.teams = teams
        for team in teams:
            self.fields[f"brings_{team.pk}"] = CountedTextField(
                label=format_lazy(_("What {} brings"), team.organisation.name),
                max_length=LIMITS["brings"],
                multiline=True,
                required=False,
            )

    def brings(self) -> dict[int, str]:
        return {team.pk: self.cleaned_data[f"brings_{team.pk}"] for team in self.teams}


class MilestoneForm(forms.Form):
    title = CountedTextField(label=_("Milestone"), max_length=LIMITS["milestone_title"])
    team = forms.TypedChoiceField(label=_("Owner team"), coerce=int, widget=forms.RadioSelect)
    due_on = date_field(_("Due on"))
    details = CountedTextField(
        label=_("Details"), max_length=LIMITS["milestone_details"], multiline=True, required=False
    )

    def __init__(self, *args, teams, with_state: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [(team.pk, team.organisation.name) for team in teams]
        self.fields["team"].error_messages["invalid_choice"] = _(
            "Choose one of the teams of this incubation."
        )
        if with_state:
            self.fields["state"] = forms.ChoiceField(
                label=_("State"),
                choices=[(state.value, state.label) for state in SETTABLE_STATES],
                widget=forms.RadioSelect,
            )


class MilestoneDoneForm(forms.Form):
    note = CountedTextField(
        label=_("What was done"),
        max_length=LIMITS["note"],
        multiline=True,
        help_text=_("A few words for the other teams and the secretariat."),
    )
    link = forms.URLField(
        label=_("Link to show it"), max_length=500, required=False, assume_scheme="https"
    )
    file = forms.FileField(
        label=_("Or a file to show it"),
        required=False,
        help_text=_("PDF, Word, PowerPoint, OpenDocument text, PNG or JPEG, up to 10 MB."),
    )


class HoursForm(forms.Form):
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Working days"),
        choices=WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one working day.")},
    )
    day_starts = forms.TimeField(
        label=_("The working day starts at"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    day_ends = forms.TimeField(
        label=_("The working day ends at"), widget=forms.TimeInput(attrs={"type": "time"})
    )

    def __init__(self, *args, zone: str, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("day_starts", "day_ends"):
            self.fields[name].help_text = format_lazy(_("On your team's clock: {}."), zone)
            self.fields[name].error_messages["invalid"] = _("Enter a time such as 09:00.")
