"""The forms every kind of submission's drafting pages share."""

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from incubator.forms.fields import CountedTextField, RowsChoiceField
from incubator.models import Organisation, Theme, User
from submissions.models import Submission


class StepForm(forms.Form):
    """One step of the questions; its fields come from the kind's ``Step``. A draft may
    leave any of them empty, but those ``needed`` to submit say so, and why, in the step
    where they are asked rather than only when submitting."""

    def __init__(self, *args, fields: dict[str, forms.Field], needed=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(fields)
        for name, reason in (needed or {}).items():
            field = self.fields[name]
            field.needed_to_submit = True
            if reason:
                why = format_lazy(_("Needed to submit: {reason}"), reason=reason)
                field.help_text = format_lazy("{} {}", why, field.help_text or "")


class StartForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Government team"), queryset=Organisation.objects.none()
    )
    call = forms.ModelChoiceField(label=_("Call"), queryset=None)
    title = CountedTextField(
        label=_("Title"), max_length=150, multiline=False, help_text=_("You can change it later.")
    )

    def __init__(self, *args, organisations: QuerySet, calls: QuerySet, **kwargs):
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


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField()

    def __init__(self, *args, label: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["confirm"].label = label


def contact_fields(submission: Submission) -> dict[str, forms.Field]:
    return {
        "contacts": RowsChoiceField(
            label=_("Contact people"),
            queryset=User.objects.filter(
                memberships__organisation=submission.organisation
            ).order_by("display_name", "email"),
            widget=forms.CheckboxSelectMultiple,
            required=False,
            help_text=_(
                "Who other teams and the secretariat should talk to. Colleagues appear "
                "here once they have joined your team."
            ),
        ),
    }


# Questions every kind asks -----------------------------------------------------------------


def counted_field(
    *, limits: dict[str, int], name: str, label, help_text, multiline=True, required=False
) -> CountedTextField:
    """A text answer with its length limit, from the kind's ``LIMITS``."""
    return CountedTextField(
        label=label,
        help_text=help_text,
        max_length=limits[name],
        multiline=multiline,
        required=required,
    )


def themes_field() -> RowsChoiceField:
    return RowsChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose at least one."),
    )


def written_in_field() -> forms.ChoiceField:
    return forms.ChoiceField(label=_("Language you are writing in"), choices=settings.LANGUAGES)


def headline_fields(*, limits: dict[str, int], title_help, summary_help) -> dict:
    """The title, the one-line summary and the themes."""
    return {
        "title": counted_field(
            limits=limits,
            name="title",
            label=_("Title"),
            help_text=title_help,
            multiline=False,
            required=True,
        ),
        "summary": counted_field(
            limits=limits,
            name="summary",
            label=_("One-line summary"),
            help_text=summary_help,
            multiline=False,
        ),
        "themes": themes_field(),
    }
