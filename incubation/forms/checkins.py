from django import forms
from django.utils.translation import gettext_lazy as _

from incubation.models import LIMITS
from incubator.forms.fields import CountedTextField

CONFIDENCE_CHOICES = [
    (1, _("1 — we are stuck")),
    (2, _("2 — worried")),
    (3, _("3 — it could go either way")),
    (4, _("4 — on track")),
    (5, _("5 — going very well")),
]


class CheckInForm(forms.Form):
    progress = CountedTextField(
        label=_("Progress since the last check-in"), max_length=LIMITS["progress"], multiline=True
    )
    blockers = CountedTextField(
        label=_("What is in the way"), max_length=LIMITS["blockers"], multiline=True, required=False
    )
    help_wanted = CountedTextField(
        label=_("Help you would like from the secretariat"),
        max_length=LIMITS["help_wanted"],
        multiline=True,
        required=False,
    )
    confidence = forms.TypedChoiceField(
        label=_("How confident are you that the work will reach its goal?"),
        choices=CONFIDENCE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how confident you are, from 1 to 5.")},
    )


class CheckInAnswerForm(forms.Form):
    answer = CountedTextField(
        label=_("Your answer to the team"), max_length=LIMITS["answer"], multiline=True
    )


class IntervalForm(forms.Form):
    interval_weeks = forms.IntegerField(
        label=_("Weeks between check-ins"),
        min_value=1,
        max_value=12,
        help_text=_("From 1 to 12 weeks; each team is asked this long after its last request."),
    )
