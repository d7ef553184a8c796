"""Dates on the secretariat's forms: typed as a wall clock in a named zone, and a date
already past saved only once the officer says they mean it."""

from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.forms.fields import BaseTemporalField
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from incubator.dates import bounded
from incubator.times import in_zone

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
PAST_CONFIRMED = "past_dates_confirmed"


class WallClockField(forms.DateTimeField):
    """A date and time as the clock reads in a zone the form names in another field:
    kept without a zone here; the form places it in its zone."""

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", [DATETIME_FORMAT, "%Y-%m-%d %H:%M"])
        kwargs.setdefault(
            "widget", forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT)
        )
        kwargs.setdefault(
            "error_messages",
            {
                "required": _("Enter a date and time."),
                "invalid": _("Enter a date and time, for example 2027-03-01 09:00."),
            },
        )
        super().__init__(**kwargs)
        bounded(self)

    def prepare_value(self, value):
        return value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.replace(tzinfo=None)
        try:
            result = parse_datetime(value.strip())
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        result = result or BaseTemporalField.to_python(self, value)
        return result.replace(tzinfo=None)


class PastDatesCheck:
    """For a form with dates: one typed in the past (new or changed) is refused until the
    officer ticks the box the refusal shows, so nothing in the past is saved unseen."""

    past_fields: tuple[str, ...] = ()

    def _typed_anew(self, name: str) -> bool:
        """Whether the date differs from the one the form showed, as the page shows it
        (to the minute): an unchanged opening already past is no news."""
        field = self.fields[name]
        initial = self.get_initial_for_field(field, name)
        if initial is None:
            return True
        shown = field.widget.format_value(field.prepare_value(initial))
        return self.data.get(self.add_prefix(name), "").strip() != shown

    def check_past_dates(self, *, moments: dict[str, datetime], zone: str, now=None) -> None:
        now = now or timezone.now()
        past = [
            name
            for name in self.past_fields
            if moments.get(name) and moments[name] < now and self._typed_anew(name)
        ]
        if not past or self.data.get(PAST_CONFIRMED):
            return
        self.fields[PAST_CONFIRMED] = forms.BooleanField(
            label=_("Yes, save these dates although they are past"), required=False
        )
        dates = "; ".join(
            f"{self.fields[name].label} ({in_zone(moments[name], zone)})" for name in past
        )
        self.add_error(
            PAST_CONFIRMED,
            _("These dates are already past: %(dates)s. Tick the box to save them anyway.")
            % {"dates": dates},
        )
