"""Forms of the cohort track. Times are typed as wall-clock times in a zone the form
names, and turned into instants here; a time that does not exist in that zone (the
hour skipped when clocks go forward) is refused with a message rather than guessed."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cohorts.models import LIMITS, OpportunityKind, SessionFormat
from cohorts.scheduling import wall_clock_instant
from incubator.dates import bounded
from incubator.forms.bilingual import BilingualFormMixin
from incubator.forms.fields import (
    CountedTextField,
    PlainTextField,
    RowsChoiceField,
    TimeZoneField,
    date_field,
)
from incubator.models import Organisation, Programme, Theme

LOCAL_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]
SLOT_FIELDS = ("reference_time_zone", "starts_at", "ends_at")


class WallClockField(forms.DateTimeField):
    """A date and time as a clock reads it, without a zone: the form decides which."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def __init__(self, **kwargs):
        super().__init__(input_formats=LOCAL_FORMATS, **kwargs)
        bounded(self)
        self.error_messages["invalid"] = _(
            "Enter a date and time such as 2027-03-26 14:00 (year-month-day hours:minutes)."
        )

    def prepare_value(self, value):
        return value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.replace(tzinfo=None)
        for pattern in LOCAL_FORMATS:
            try:
                moment = datetime.strptime(str(value).strip(), pattern)
            except ValueError:
                continue
            return moment
        raise ValidationError(self.error_messages["invalid"], code="invalid")


def _theme_field(**kwargs):
    return forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.order_by("name"),
        empty_label=_("Choose a theme"),
        **kwargs,
    )


class CohortForm(forms.Form):
    name = PlainTextField(label=_("Name"), max_length=200)
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.order_by("-created_at"),
        empty_label=_("Choose a programme"),
    )
    description = CountedTextField(
        label=_("Description"),
        max_length=LIMITS["description"],
        multiline=True,
        required=False,
        help_text=_("What the cohort is about, for the teams in it."),
    )


class EnrolForm(forms.Form):
    organisations = RowsChoiceField(
        label=_("Teams to enrol"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one team to enrol.")},
    )

    def __init__(self, *args, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = Organisation.objects.exclude(
            enrolments__cohort=cohort
        ).order_by("name")


class SessionForm(BilingualFormMixin, forms.Form):
    """A session, its time typed in its reference zone. With ``slot_only`` only the zone
    and the times are needed: the secretariat is checking a slot, not saving yet."""

    bilingual_fields = ("title", "description")

    title = PlainTextField(label=_("Title"), max_length=LIMITS["title"])
    title_fr = PlainTextField(
        label=_("Title in French"), max_length=LIMITS["title"], required=False
    )
    theme = _theme_field()
    description = CountedTextField(
        label=_("Description"),
        max_length=LIMITS["description"],
        multiline=True,
        required=False,
        help_text=_("What the session covers and who it is for."),
    )
    description_fr = CountedTextField(
        label=_("Description in French"),
        max_length=LIMITS["description"],
        multiline=True,
        required=False,
    )
    facilitators = CountedTextField(
        label=_("Facilitators and experts"),
        max_length=LIMITS["facilitators"],
        multiline=True,
        required=False,
        help_text=_("Names and roles, for example “Ana Silva, Lisbon City Innovation Lab”."),
    )
    reference_time_zone = TimeZoneField(
        label=_("Reference time zone"),
        help_text=_(
            "The zone you plan in. The start and end below are read in it; each member sees "
            "the times in their own zone too."
        ),
    )
    starts_at = WallClockField(label=_("Starts"))
    ends_at = WallClockField(label=_("Ends"))
    format = forms.ChoiceField(label=_("Format"), choices=SessionFormat.choices)
    location = PlainTextField(
        label=_("Venue"),
        max_length=LIMITS["location"],
        required=False,
        help_text=_("For sessions in person: the address."),
    )
    joining_link = forms.URLField(
        label=_("Online joining link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("Shown only to people registered for the session."),
    )
    capacity = forms.IntegerField(
        label=_("Places"),
        min_value=1,
        max_value=10000,
        help_text=_("When the places are taken, people can join a waitlist."),
    )

    def __init__(self, *args, slot_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if slot_only:
            for name, field in self.fields.items():
                if name not in SLOT_FIELDS:
                    field.required = False

    def clean(self):
        cleaned = super().clean()
        zone_name = cleaned.get("reference_time_zone")
        if not zone_name:
            return cleaned
        zone = ZoneInfo(zone_name)
        for name in ("starts_at", "ends_at"):
            wall = cleaned.get(name)
            if wall is None:
                continue
            instant = wall_clock_instant(wall, zone)
            if instant is None:
                self.add_error(
                    name,
                    _(
                        "%(time)s does not exist in %(zone)s: the clocks skip that hour. "
                        "Choose another time."
                    )
                    % {"time": wall.strftime("%Y-%m-%d %H:%M"), "zone": zone_name},
                )
                cleaned.pop(name, None)
            else:
                cleaned[name] = instant
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error(
                "ends_at", _("The session ends before it starts. Check the end date and time.")
            )
        return cleaned

    def slot(self):
        """The zone, start and end, if those three are valid; None otherwise."""
        if not self.is_bound:
            return None
        self.is_valid()
        cleaned = self.cleaned_data
        if all(cleaned.get(name) for name in SLOT_FIELDS) and not any(
            name in self.errors for name in SLOT_FIELDS
        ):
            return cleaned["reference_time_zone"], cleaned["starts_at"], cleaned["ends_at"]
        return None


def session_initial(session) -> dict:
    zone = ZoneInfo(session.reference_time_zone)
    return {
        "title": session.title,
        "title_fr": session.title_fr,
        "theme": session.theme_id,
        "description": session.description,
        "description_fr": session.description_fr,
        "facilitators": session.facilitators,
        "reference_time_zone": session.reference_time_zone,
        "starts_at": session.starts_at.astimezone(zone).replace(tzinfo=None),
        "ends_at": session.ends_at.astimezone(zone).replace(tzinfo=None),
        "format": session.format,
        "location": session.location,
        "joining_link": session.joining_link,
        "capacity": session.capacity,
    }


class CancelSessionForm(forms.Form):
    reason = CountedTextField(
        label=_("Why is the session cancelled?"),
        max_length=LIMITS["reason"],
        multiline=True,
        help_text=_("Everyone registered or waiting receives this by email."),
    )


class MaterialForm(forms.Form):
    recording_url = forms.URLField(
        label=_("Link to the recording"), max_length=500, required=False, assume_scheme="https"
    )
    slides = forms.FileField(
        label=_("Slides"),
        required=False,
        help_text=_("PDF, PowerPoint (PPTX), Word (DOCX) or OpenDocument text (ODT); up to 20 MB."),
    )
    remove_slides = forms.BooleanField(label=_("Remove the current slides"), required=False)


class AttendanceForm(forms.Form):
    attended = forms.MultipleChoiceField(
        label=_("Who came"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [
            (str(registration.pk), f"{registration.user} ({registration.user.email})")
            for registration in registrations
        ]
        if not self.is_bound:
            self.initial["attended"] = [
                str(registration.pk) for registration in registrations if registration.attended
            ]


RATINGS = [
    (1, _("1 — poor")),
    (2, _("2")),
    (3, _("3")),
    (4, _("4")),
    (5, _("5 — excellent")),
]


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How useful was the session?"),
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a rating from 1 to 5.")},
    )
    worked = CountedTextField(
        label=_("What worked"), max_length=LIMITS["feedback"], multiline=True, required=False
    )
    improve = CountedTextField(
        label=_("What to improve"), max_length=LIMITS["feedback"], multiline=True, required=False
    )


class ResourceSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search words"), required=False, max_length=200, widget=forms.SearchInput
    )
    theme = forms.ChoiceField(label=_("Theme"), required=False)

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("Any theme")), *themes]


class ResourceForm(forms.Form):
    title = PlainTextField(label=_("Title"), max_length=LIMITS["title"])
    description = CountedTextField(
        label=_("Description"),
        max_length=LIMITS["resource_description"],
        multiline=True,
        required=False,
        help_text=_("What it is and why it helps."),
    )
    themes = RowsChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one theme, so people can find it.")},
    )
    url = forms.URLField(
        label=_("Link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("A web page, a report, a video. Or add a file below instead."),
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_(
            "PDF, Word (DOCX), PowerPoint (PPTX), OpenDocument text (ODT), PNG or JPEG; "
            "up to 20 MB."
        ),
    )

    def __init__(self, *args, teams=None, **kwargs):
        super().__init__(*args, **kwargs)
        if teams is not None:
            self.fields = {"organisation": _team_field(teams, _("Shared by")), **self.fields}

    def clean(self):
        cleaned = super().clean()
        has_link, has_file = bool(cleaned.get("url")), bool(cleaned.get("file"))
        if has_link and has_file:
            self.add_error("url", _("Share either a link or a file, not both."))
        elif not has_link and not has_file and not self.errors.get("url"):
            self.add_error("url", _("Give a link, or add a file."))
        return cleaned


def _team_field(teams, label):
    return forms.ModelChoiceField(label=label, queryset=teams, empty_label=None)


class OpportunityForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of opportunity"), choices=OpportunityKind.choices, widget=forms.RadioSelect
    )
    title = PlainTextField(label=_("Title"), max_length=LIMITS["title"])
    description = CountedTextField(
        label=_("Description"),
        max_length=LIMITS["opportunity_description"],
        multiline=True,
        required=False,
        help_text=_("What it is, who it is for, how to take part."),
    )
    url = forms.URLField(label=_("Link"), max_length=500, required=False, assume_scheme="https")
    expires_on = date_field(
        _("On the board until"), help_text=_("The last day it is shown, in your team's time zone.")
    )

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {"organisation": _team_field(teams, _("Posted by")), **self.fields}
