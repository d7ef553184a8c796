"""The solution proposal form, in steps. Drafts may be incomplete: each step checks what
is typed; completeness is checked at submission."""

from django import forms
from django.utils.translation import gettext_lazy as _

from incubator.forms.fields import LanguagesField, TimeZoneField
from solutions.models import LIMITS, MAX_INTERESTS, Shareable, Solution
from solutions.selectors import challenges_open_to
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


def about_fields(solution: Solution):
    return {
        **headline_fields(
            limits=LIMITS,
            title_help=_("A short name for what your team did, as a headline."),
            summary_help=_("What you offer, in one sentence."),
        ),
        "written_in": written_in_field(),
    }


def experience_fields(solution: Solution):
    return {
        "comparable_problem": _counted(
            "comparable_problem",
            _("The comparable problem you solved"),
            _("What was the problem in your country, and who was affected?"),
        ),
        "what_they_did": _counted(
            "what_they_did", _("What you did"), _("The approach, the steps, who was involved.")
        ),
        "evidence": _counted(
            "evidence",
            _("Evidence of results"),
            _("What changed, and how do you know? Figures, evaluations, links."),
        ),
        "lessons": _counted(
            "lessons",
            _("Lessons and failures"),
            _("What did not work, and what you would do differently."),
        ),
    }


def offer_fields(solution: Solution):
    return {
        "can_share": forms.MultipleChoiceField(
            label=_("What you can share"),
            choices=Shareable.choices,
            widget=forms.CheckboxSelectMultiple,
            required=False,
        ),
        "share_details": _counted(
            "share_details", _("Details of what you can share"), _("Names, licences, formats.")
        ),
        "capacity": forms.IntegerField(
            label=_("How many challenges can your team support at once?"),
            min_value=1,
            max_value=5,
            initial=1,
            help_text=_("Between 1 and 5."),
        ),
        "languages": LanguagesField(required=False),
        "time_zone": TimeZoneField(
            required=False,
            help_text=_("Where your team works; matching looks for shared working hours."),
        ),
        "availability": _counted(
            "availability",
            _("Availability"),
            _("Days and hours that suit your team, for example “Mondays, 14:00–17:00”."),
        ),
    }


CHOICE_LABELS = (_("First choice"), _("Second choice"), _("Third choice"))


def interest_fields(solution: Solution):
    challenges = challenges_open_to(solution.organisation, solution.call.programme)
    return {
        f"choice_{rank}": forms.ModelChoiceField(
            label=CHOICE_LABELS[rank - 1],
            queryset=challenges,
            required=False,
            empty_label=_("No challenge chosen"),
            help_text=_(
                "Published challenges of teams in other countries: matching pairs teams "
                "across borders."
            )
            if rank == 1
            else "",
        )
        for rank in range(1, MAX_INTERESTS + 1)
    }


def interest_initial(solution: Solution) -> dict:
    return {
        f"choice_{rank}": challenge
        for rank, challenge in enumerate(solution.ranked_interests(), start=1)
    }


def interest_answers(cleaned: dict) -> dict:
    chosen = [cleaned[f"choice_{rank}"] for rank in range(1, MAX_INTERESTS + 1)]
    ranked = [challenge for challenge in chosen if challenge is not None]
    if len({challenge.pk for challenge in ranked}) != len(ranked):
        raise forms.ValidationError(_("Choose each challenge once."))
    return {"interests": ranked}
