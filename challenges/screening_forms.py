"""The secretariat's forms on the screening desk: the eligibility checklist, one action
on one challenge, and one action on many."""

from django import forms
from django.utils.translation import gettext_lazy as _

from challenges.models import Challenge
from incubator.forms.fields import RowsChoiceField
from incubator.validators import validate_plain_text
from submissions.models import SubmissionState

# key stored in ``Challenge.eligibility``, what the secretariat checks
ELIGIBILITY_CHECKS = (
    ("public_body", _("Submitted by a public-sector body")),
    ("in_scope", _("The problem is within the programme's scope")),
    ("time_commitment", _("The team can commit time over the incubation period")),
    ("no_conflict", _("No conflict with an existing OECD engagement")),
)

# action name, button or option label; what the secretariat can do with a challenge
MOVES = (
    ("review", _("Move to review")),
    ("publish", _("Publish")),
    ("decline", _("Decline")),
)
NOTE_MAX = 5000
REASON_MAX = 3000


def _reason_field():
    return forms.CharField(
        label=_("Reason for declining"),
        help_text=_("Needed to decline: the team reads it in the decision email."),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[validate_plain_text],
    )


def _require_reason(form: forms.Form) -> None:
    cleaned = form.cleaned_data
    if cleaned.get("action") == "decline" and not cleaned.get("reason", "").strip():
        form.add_error("reason", _("Give the reason for declining: the team will read it."))


class ScreeningForm(forms.Form):
    """The eligibility checklist and the screening note."""

    note = forms.CharField(
        label=_("Screening note"),
        help_text=_("For the secretariat only; the team does not see it."),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[validate_plain_text],
    )

    def __init__(self, *args, challenge: Challenge | None = None, **kwargs):
        if challenge is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                **{key: bool(challenge.eligibility.get(key)) for key, _label in ELIGIBILITY_CHECKS},
                "note": challenge.screening_note,
            }
        super().__init__(*args, **kwargs)
        checks = {
            key: forms.BooleanField(label=label, required=False)
            for key, label in ELIGIBILITY_CHECKS
        }
        # The checklist comes first, then the note.
        self.fields = {**checks, "note": self.fields["note"]}

    def checks(self):
        return [self[key] for key, _label in ELIGIBILITY_CHECKS]

    def eligibility(self) -> dict[str, bool]:
        return {key: bool(self.cleaned_data.get(key)) for key, _label in ELIGIBILITY_CHECKS}


class ActionForm(forms.Form):
    """One move of one challenge: the buttons name the action, the reason is for declining."""

    action = forms.CharField(required=False)
    reason = _reason_field()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") not in dict(MOVES):
            raise forms.ValidationError(
                _("Choose what to do with this challenge: move to review, publish or decline.")
            )
        _require_reason(self)
        return cleaned


class BulkActionForm(forms.Form):
    """One move applied to the challenges ticked in the queue."""

    challenges = RowsChoiceField(
        label=_("Challenges"),
        queryset=Challenge.objects.exclude(status=SubmissionState.DRAFT).order_by("pk"),
        widget=forms.MultipleHiddenInput,  # ticked in the table, one checkbox per row
        error_messages={
            "required": _("Tick at least one challenge in the list."),
            "invalid_choice": _("One of the ticked challenges is no longer on the desk."),
            "invalid_pk_value": _("One of the ticked challenges is no longer on the desk."),
        },
    )
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[("", _("Choose an action")), *MOVES],
        error_messages={"required": _("Choose what to do with the ticked challenges.")},
    )
    reason = _reason_field()
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        _require_reason(self)
        return cleaned
