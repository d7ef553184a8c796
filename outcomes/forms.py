from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from challenges.models import LifecycleStage
from incubator.forms.fields import CountedTextField
from outcomes.models import LIMITS


class StoryForm(forms.Form):
    title = CountedTextField(label=_("Title of your story"), max_length=LIMITS["title"])
    expectations = CountedTextField(
        label=_("What you expected"),
        max_length=LIMITS["expectations"],
        multiline=True,
        help_text=_("What your team hoped for when the match began."),
    )
    learned = CountedTextField(
        label=_("What you learned"),
        max_length=LIMITS["learned"],
        multiline=True,
        help_text=_("What worked, what you will keep doing, what surprised you."),
    )
    pain_points = CountedTextField(
        label=_("What was hard"),
        max_length=LIMITS["pain_points"],
        multiline=True,
        help_text=_("Pain points the next teams and the secretariat should know about."),
    )
    written_in = forms.ChoiceField(
        label=_("Language you are writing in"), choices=settings.LANGUAGES
    )

    def __init__(self, *args, submitting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.submitting = submitting

    def full_clean(self):
        # A draft may be unfinished: every text is needed only to send it for approval.
        # The fields stay required for the page, which says so without "(optional)".
        required = {name: field.required for name, field in self.fields.items()}
        if not self.submitting:
            for name in ("title", "expectations", "learned", "pain_points"):
                self.fields[name].required = False
        try:
            super().full_clean()
        finally:
            for name, was in required.items():
                self.fields[name].required = was


class RejectForm(forms.Form):
    reason = CountedTextField(
        label=_("Why the story is sent back"),
        max_length=LIMITS["reason"],
        multiline=True,
        help_text=_("The team reads this and can change the story and send it again."),
    )


class SurveyForm(forms.Form):
    stage_reached = forms.ChoiceField(
        label=_("Which stage has your work on this challenge reached?"),
        choices=LifecycleStage.choices,
        widget=forms.RadioSelect,
    )
    what_changed = CountedTextField(
        label=_("What has changed since the match"),
        max_length=LIMITS["what_changed"],
        multiline=True,
        help_text=_("In your team, your service or for the people it serves."),
    )
    advice = CountedTextField(
        label=_("What would you tell the teams of the next round?"),
        max_length=LIMITS["advice"],
        multiline=True,
        required=False,
    )
