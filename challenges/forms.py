"""The challenge form, in steps. Drafts may be incomplete: each step checks what is
typed (lengths, plain text, known values); completeness is checked at submission."""

from django import forms
from django.utils.translation import gettext_lazy as _

from challenges.models import LIMITS, LifecycleStage, Sector
from incubator.forms.fields import LanguagesField
from submissions.forms import counted_field, headline_fields, written_in_field


def _counted(name, label, help_text, *, multiline=True, required=False):
    return counted_field(
        limits=LIMITS,
        name=name,
        label=label,
        help_text=help_text,
        multiline=multiline,
        required=required,
    )


def about_fields():
    return {
        **headline_fields(
            limits=LIMITS,
            title_help=_("A short name for the problem, as a headline."),
            summary_help=_("The problem in one sentence, for lists and search results."),
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
        "written_in": written_in_field(),
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
