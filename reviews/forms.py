"""Forms of the review: the phase, the rubric (a formset), a reviewer's profile, the
scoring form, a declared conflict, manual assignment and a staged decision."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from incubator.dates import bounded
from incubator.forms.bilingual import NO_FRENCH, BilingualFormMixin
from incubator.forms.fields import LanguagesField, PlainTextField, RowsChoiceField
from incubator.forms.schedule import PastDatesCheck
from incubator.models import Organisation, Theme, User
from incubator.schedule import phase_order_errors
from incubator.translated import version_field
from reviews.models import SCALE, TEXT_MAX, Criterion, Outcome, ReviewPhase

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _moment(label):
    field = forms.DateTimeField(
        label=label,
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
        error_messages={
            "required": _("Enter a date and time."),
            "invalid": _("Enter a date and time, for example 2027-03-01 09:00."),
        },
    )
    return bounded(field)


class ReviewPhaseForm(PastDatesCheck, forms.Form):
    """Times are typed in the viewer's own zone (the page names it) and stored in UTC.
    Their order is incubator.schedule's; a date already past needs a tick to be saved."""

    past_fields = ("opens_at", "due_at", "closes_at")

    opens_at = _moment(_("Reviews open"))
    due_at = _moment(_("Reviews due"))
    closes_at = _moment(_("Review phase closes"))
    reviewers_per_submission = forms.IntegerField(
        label=_("Reviewers per submission"),
        min_value=1,
        max_value=10,
        initial=3,
        help_text=_("Between 1 and 10."),
    )
    reviewers_see_scores = forms.BooleanField(
        label=ReviewPhase._meta.get_field("reviewers_see_scores").verbose_name.capitalize(),
        help_text=ReviewPhase._meta.get_field("reviewers_see_scores").help_text,
        required=False,
    )
    anonymised = forms.BooleanField(
        label=_("Anonymised review"),
        help_text=ReviewPhase._meta.get_field("anonymised").help_text,
        required=False,
    )

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call
        self.fields["due_at"].help_text = ReviewPhase._meta.get_field("due_at").help_text
        self.fields["closes_at"].help_text = ReviewPhase._meta.get_field("closes_at").help_text

    def clean(self):
        cleaned = super().clean()
        order = phase_order_errors(
            call_closes_at=self.call.closes_at,
            zone=timezone.get_current_timezone_name(),
            opens_at=cleaned.get("opens_at"),
            due_at=cleaned.get("due_at"),
            closes_at=cleaned.get("closes_at"),
        )
        for name, message in order.items():
            self.add_error(name, message)
        if not order:
            self.check_past_dates(moments=cleaned, zone=timezone.get_current_timezone_name())
        return cleaned


class CriterionForm(BilingualFormMixin, forms.Form):
    bilingual_fields = ("name", "description")

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = PlainTextField(label=_("Criterion"), max_length=80)
    name_fr = PlainTextField(label=_("Criterion in French"), max_length=80, required=False)
    description = PlainTextField(
        label=_("What reviewers judge"), max_length=1000, required=False, multiline=True
    )
    description_fr = PlainTextField(
        label=_("What reviewers judge, in French"),
        max_length=1000,
        required=False,
        multiline=True,
    )
    weight = forms.IntegerField(
        label=_("Weight"),
        min_value=1,
        max_value=100,
        initial=1,
        help_text=_("A whole number from 1 to 100; a criterion of weight 2 counts twice."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].widget.attrs["rows"] = 2
        self.fields["description_fr"].widget.attrs["rows"] = 2
        for point in SCALE:
            self.fields[f"anchor_{point}"] = PlainTextField(
                label=_("%(point)d means") % {"point": point}, max_length=200
            )
            self.fields[f"anchor_fr_{point}"] = PlainTextField(
                label=_("%(point)d means, in French") % {"point": point},
                max_length=200,
                required=False,
            )
            written = str(self._typed_or_initial(f"anchor_fr_{point}") or "").strip()
            self.fields[f"anchor_fr_{point}"].help_text = "" if written else NO_FRENCH

    def legend(self) -> str:
        """The criterion's name as it was saved, in the reader's language if written."""
        french = version_field("name")
        return (french and self.initial.get(french)) or self.initial.get("name", "")

    def anchor_fields(self):
        return [self[f"{name}_{point}"] for point in SCALE for name in ("anchor", "anchor_fr")]

    def anchors(self) -> tuple[str, ...]:
        return tuple(self.cleaned_data[f"anchor_{point}"] for point in SCALE)

    def anchors_fr(self) -> tuple[str, ...]:
        return tuple(self.cleaned_data.get(f"anchor_fr_{point}", "") for point in SCALE)


class BaseRubricFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        names = [
            form.cleaned_data["name"].strip().casefold()
            for form in self.forms
            if form.cleaned_data and not self._should_delete_form(form)
        ]
        if len(names) != len(set(names)):
            raise forms.ValidationError(_("Give each criterion a different name."))


RubricFormSet = forms.formset_factory(
    CriterionForm,
    formset=BaseRubricFormSet,
    extra=1,
    can_delete=True,
    min_num=1,
    validate_min=True,
)


def _padded(anchors: list[str]) -> list[str]:
    return [*anchors, *[""] * len(SCALE)][: len(SCALE)]


def criterion_initial(criterion: Criterion) -> dict:
    initial = {
        "id": criterion.pk,
        "name": criterion.name,
        "name_fr": criterion.name_fr,
        "description": criterion.description,
        "description_fr": criterion.description_fr,
        "weight": criterion.weight,
    }
    english, french = _padded(criterion.anchors), _padded(criterion.anchors_fr)
    initial.update({f"anchor_{point}": english[point - 1] for point in SCALE})
    initial.update({f"anchor_fr_{point}": french[point - 1] for point in SCALE})
    return initial


def _country_choices():
    return [("", _("No country given")), *countries]


class ReviewerProfileForm(forms.Form):
    themes = RowsChoiceField(
        label=_("Expertise themes"),
        queryset=Theme.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = LanguagesField(
        label=_("Languages"),
        required=False,
        help_text=_("The languages the reviewer reads. Hold Ctrl (or Cmd) to choose several."),
    )
    country = forms.ChoiceField(
        label=_("Country"),
        choices=_country_choices,
        required=False,
        help_text=_("Submissions of teams from this country are never assigned to them."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Affiliated government team"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=_("None"),
        help_text=_("Submissions of this team are never assigned to them."),
    )


class ReviewForm(forms.Form):
    """A score from 1 to 5 and a comment per criterion. Scores may be left out of a draft;
    submitting needs them all."""

    def __init__(self, *args, criteria, submitting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=_("%(criterion)s (weight %(weight)d)")
                % {"criterion": criterion.name_shown, "weight": criterion.weight},
                help_text=criterion.description_shown,
                choices=[(point, f"{point} — {criterion.anchor(point)}") for point in SCALE],
                coerce=int,
                empty_value=None,
                # Shown as required; only a draft being saved may leave it out.
                required=submitting or not self.is_bound,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Score this criterion before submitting."),
                    "invalid_choice": _("Choose a score from 1 to 5."),
                },
            )
            self.fields[f"comment_{criterion.pk}"] = PlainTextField(
                label=_("Comment on %(criterion)s") % {"criterion": criterion.name_shown},
                max_length=TEXT_MAX,
                required=False,
                multiline=True,
            )

    def pairs(self):
        return [
            (criterion, self[f"score_{criterion.pk}"], self[f"comment_{criterion.pk}"])
            for criterion in self.criteria
        ]

    def answers(self) -> dict[int, tuple[int | None, str]]:
        return {
            criterion.pk: (
                self.cleaned_data.get(f"score_{criterion.pk}"),
                self.cleaned_data.get(f"comment_{criterion.pk}", ""),
            )
            for criterion in self.criteria
        }


class ConflictForm(forms.Form):
    reason = PlainTextField(
        label=_("What is the conflict of interest?"),
        help_text=_(
            "For example: you advised this team, or you work with it. The secretariat reads "
            "this; the team does not."
        ),
        max_length=TEXT_MAX,
        multiline=True,
        error_messages={"required": _("Say what the conflict of interest is.")},
    )


class AddReviewerForm(forms.Form):
    reviewer = forms.ModelChoiceField(
        label=_("Add a reviewer"),
        queryset=User.objects.none(),
        empty_label=_("Choose a reviewer"),
        error_messages={"required": _("Choose a reviewer to add.")},
    )

    def __init__(self, *args, reviewers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = reviewers


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose select or decline.")},
    )
    reason = PlainTextField(
        label=_("Reason"),
        help_text=_("Needed to decline: the team reads it in the decision email."),
        max_length=TEXT_MAX,
        required=False,
        multiline=True,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome") == Outcome.DECLINE and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Give the reason for declining: the team will read it."))
        return cleaned
