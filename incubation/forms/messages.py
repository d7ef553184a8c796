from django import forms
from django.utils.translation import gettext_lazy as _

from incubation.models import LIMITS, EmailChoice
from incubator.forms.fields import CountedTextField


class MessageForm(forms.Form):
    body = CountedTextField(
        label=_("Your message"),
        max_length=LIMITS["message"],
        multiline=True,
        help_text=_("Plain text; web addresses become links."),
    )
    attachment = forms.FileField(
        label=_("A file"),
        required=False,
        help_text=_("PDF, Word, PowerPoint, OpenDocument text, PNG or JPEG, up to 10 MB."),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, reply: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if reply:
            self.fields["body"].label = _("Your reply")


class EmailChoiceForm(forms.Form):
    email_choice = forms.ChoiceField(
        label=_("Emails about new messages"),
        choices=EmailChoice.choices,
        widget=forms.RadioSelect,
    )
