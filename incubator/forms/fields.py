"""Form fields for the vocabularies every form of the portal shares."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from incubator.dates import bounded
from incubator.languages import language_choices
from incubator.validators import LengthLimitValidator, validate_plain_text
from incubator.zones import canonical_zone, zone_choices


def time_zone_choices() -> list:
    return [("", _("Choose a time zone")), *zone_choices()]


def _grouped(number: int):
    """A number as the reader's language writes it (2,000 or 2 000), when it is shown."""
    return lazy(lambda: number_format(number, force_grouping=True), str)()


class TimeZoneField(forms.ChoiceField):
    """Zones grouped by region with their offset now, current names only: an alias typed
    or stored (Asia/Calcutta) stands for its zone (Asia/Kolkata)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Time zone"))
        kwargs.setdefault(
            "help_text", _("Times on the portal and in emails are shown in this zone.")
        )
        super().__init__(choices=time_zone_choices, **kwargs)
        # Read by static/js/portal.js, which adds a search box above the list.
        self.widget.attrs["data-zone-search"] = _("Find your zone: type a city or a region")
        self.widget.attrs["data-zone-match"] = _("1 zone matches")
        self.widget.attrs["data-zone-matches"] = _("%s zones match")
        self.error_messages["invalid_choice"] = _(
            "“%(value)s” is not a time zone we know. Choose one from the list, "
            "for example Europe/Paris."
        )

    def prepare_value(self, value):
        return canonical_zone(value) or value

    def to_python(self, value):
        value = super().to_python(value)
        return canonical_zone(value) or value


class LanguagesField(forms.MultipleChoiceField):
    widget = forms.SelectMultiple(attrs={"size": 8})

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Working languages"))
        kwargs.setdefault(
            "help_text",
            _("The languages your team can work in. Hold Ctrl (or Cmd) to choose several."),
        )
        super().__init__(choices=language_choices, **kwargs)
        self.error_messages["invalid_choice"] = _("“%(value)s” is not a language code we know.")


class PlainTextField(forms.CharField):
    """Text shown as typed: markup is refused with a message rather than stored."""

    default_validators = [validate_plain_text]

    def __init__(self, *, multiline: bool = False, **kwargs):
        if multiline:
            kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 5}))
        super().__init__(**kwargs)
        # The limit in words a person understands, in place of Django's own message.
        self.validators = [
            LengthLimitValidator(v.limit_value) if type(v) is MaxLengthValidator else v
            for v in self.validators
        ]


class CountedTextField(PlainTextField):
    """Plain text with a length limit the page counts down as people type. Without
    JavaScript the limit is in the hint and checked on saving; the field carries no
    maxlength, so pasted text is never cut off silently."""

    def __init__(self, *, max_length: int, help_text="", **kwargs):
        limit = format_lazy(_("Up to {} characters."), _grouped(max_length))
        super().__init__(
            max_length=max_length,
            help_text=format_lazy("{} {}", help_text, limit) if help_text else limit,
            **kwargs,
        )

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        attrs["data-maxlength"] = str(self.max_length)
        return attrs


def date_field(label, **kwargs) -> forms.DateField:
    """A day, picked in the browser's date control and read as year-month-day."""
    field = forms.DateField(
        label=label, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **kwargs
    )
    field.error_messages["invalid"] = _("Enter a date such as 2027-03-26 (year-month-day).")
    return bounded(field)


# The ids a database column of our primary keys can hold (64-bit, PostgreSQL and SQLite).
LARGEST_ID = 2**63 - 1


class RowsChoiceField(forms.ModelMultipleChoiceField):
    """Several rows ticked by id. An id no database column can hold (10**30) is refused
    like any id not offered, instead of failing in the database."""

    def _check_values(self, value):
        for pk in value or ():
            digits = str(pk).strip().removeprefix("-")
            if digits.isdigit() and int(digits) > LARGEST_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(pk)[:40]},
                )
        return super()._check_values(value)
