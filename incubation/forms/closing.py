from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from incubation.models import LIMITS
from incubator.forms.fields import CountedTextField


class ClosingReportForm(forms.Form):
    what_tried = CountedTextField(
        label=_("What you tried"), max_length=LIMITS["what_tried"], multiline=True
    )
    what_changed = CountedTextField(
        label=_("What changed"),
        max_length=LIMITS["what_changed"],
        multiline=True,
        help_text=_("In your team, your service or for the people it serves."),
    )
    advice = CountedTextField(
        label=_("What you would advise other teams"), max_length=LIMITS["advice"], multiline=True
    )
    keep_doing = CountedTextField(
        label=_("What you will keep doing"), max_length=LIMITS["keep_doing"], multiline=True
    )
    written_in = forms.ChoiceField(
        label=_("Language you are writing in"), choices=settings.LANGUAGES
    )
    share_on_showcase = forms.BooleanField(
        label=_("Our advice may be shown on the programme's public showcase"),
        required=False,
        help_text=_(
            "Only your advice, with your team's name, and only while both teams of the match "
            "agree to the showcase."
        ),
    )
