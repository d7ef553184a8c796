"""The challenge form, in steps. Drafts may be incomplete: each step checks what is
typed (lengths, plain text, known values); completeness is checked at submission."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from challenges.models import LIMITS, LifecycleStage, Sector
from incubator.forms.fields import CountedTextField, LanguagesField
from incubator.models import Organisation, Theme, User


def _counted(name, label, help_text, *, multiline=True, required=False):
    return CountedTextField(
        label=label,
        help_text=help_text,
        max_length=LIMITS[name],
        multiline=multiline,
        required=required,
    )


def about_fields():
    return {
        "title": _counted(
            "title",
            _("Title"),
            _("A short name for the problem, as a headline."),
            multiline=False,
            required=True,
        ),
        "summary": _counted(
            "summary",
            _("One-line summary"),
            _("The problem in one sentence, for lists and search results."),
            multiline=False,
        ),
        "themes": forms.ModelMultipleChoiceField(
            label=_("Themes"),
            queryset=Theme.objects.order_by("name"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("Choose at least one."),
        ),
        "sector": forms.ChoiceField(
            label=_("Sector"),
            choices=[("", _("Choose a sector")), *Sector.choices],
            required=False,
        ),
        "lifecycle_stage": forms.ChoiceField(
            label=_("Where are you in the innovation lifecycle?"),
            choices=LifecycleStage.choices,
            required=False,
            widget=forms.RadioSelect,
        ),
        "written_in": forms.ChoiceField(
            label=_("Language you are writing in"), choices=settings.LANGUAGES
        ),
    }


def problem_fields():
    return {
        "problem_statement": _counted(
            "problem_statement",
            _("Problem statement"),
            _(
                "What is the problem, and why does it matter? Write for a colleague abroad who "
                "does not know your country's system."
            ),
        ),
        "context": _counted("context", _("Context"), _("Who is affected, and at what scale?")),
        "tried": _counted(
            "tried", _("What has been tried"), _("What you or others tried, and what happened.")
        ),
        "constraints": _counted(
            "constraints",
            _("Constraints"),
            _("Legal, data, budget or political limits a solution must respect."),
        ),
    }


def help_fields():
    return {
        "expertise_sought": _counted(
            "expertise_sought",
            _("Expertise sought"),
            _("What kind of experience would help you most?"),
        ),
        "hoped_outcome": _counted(
            "hoped_outcome",
            _("Hoped-for outcome"),
            _("What would be different if this worked?"),
        ),
        "providers_wanted": forms.IntegerField(
            label=_("How many solution provider teams would you like to work with?"),
            min_value=1,
            max_value=5,
            initial=2,
            help_text=_("Between 1 and 5. Most challenges work best with 2."),
        ),
        "languages": LanguagesField(required=False),
        "meeting_windows": _counted(
            "meeting_windows",
            _("Preferred meeting windows"),
            _(
                "Days and hours that suit your team, with your time zone, for example "
                "“Tuesdays and Thursdays, 09:00–12:00 Lisbon time”."
            ),
        ),
    }


class StepForm(forms.Form):
    def __init__(self, *args, fields, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(fields)


def people_fields(organisation: Organisation):
    return {
        "contacts": forms.ModelMultipleChoiceField(
            label=_("Contact people"),
            queryset=User.objects.filter(memberships__organisation=organisation).order_by(
                "display_name", "email"
            ),
            widget=forms.CheckboxSelectMultiple,
            required=False,
            help_text=_(
                "Who other teams and the secretariat should talk to. Colleagues appear "
                "here once they have joined your team."
            ),
        ),
    }


class ChallengeStartForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Government team"), queryset=Organisation.objects.none()
    )
    call = forms.ModelChoiceField(label=_("Call"), queryset=None)
    title = CountedTextField(
        label=_("Title"),
        max_length=LIMITS["title"],
        multiline=False,
        help_text=_("A short name for the problem. You can change it later."),
    )

    def __init__(self, *args, organisations, calls, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["call"].queryset = calls
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0]
        if len(calls) == 1:
            self.fields["call"].initial = calls[0]


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Add a file"),
        help_text=_(
            "PDF, Word (DOCX), PowerPoint (PPTX), OpenDocument text (ODT), PNG or JPEG; "
            "up to 20 MB each, 5 files in all."
        ),
    )


class DeclineOrWithdrawForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, withdraw this challenge. This cannot be undone."), required=True
    )
