"""The years a programme's dates may fall in (PROGRAMME_YEARS): one rule for every form,
the admin, the exchange import and every save, so no stored date can overflow a time
zone conversion or land before year 1 and take the pages that read it down."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import pre_save
from django.utils.deconstruct import deconstructible
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

DATE_FIELDS = (models.DateField, models.DateTimeField)


def programme_years() -> tuple[int, int]:
    first, last = settings.PROGRAMME_YEARS
    return first, last


def in_window(value: date) -> bool:
    """Whether the year, as written (in its own zone for a moment), is in the window:
    then converting it to any other zone stays within the calendar."""
    first, last = programme_years()
    return first <= value.year <= last


def out_of_window_message(label) -> str:
    first, last = programme_years()
    return _("%(field)s: enter a date from %(first)d to %(last)d.") % {
        "field": label,
        "first": first,
        "last": last,
    }


@deconstructible
class WithinProgrammeYears:
    """A field's validator, naming the field in its message."""

    def __init__(self, label):
        self.label = label

    def __call__(self, value) -> None:
        if value is not None and not in_window(value):
            raise ValidationError(out_of_window_message(self.label), code="out_of_window")

    def __eq__(self, other):
        return isinstance(other, WithinProgrammeYears) and self.label == other.label


def bounded(field):
    """A form field for a date, with the window's validator (once)."""
    if not any(isinstance(v, WithinProgrammeYears) for v in field.validators):
        field.validators.append(WithinProgrammeYears(field.label or ""))
    return field


def refuse_dates_out_of_window(sender, instance, raw=False, **kwargs) -> None:
    """Before any save: the last guard, for a service given a date no form checked."""
    if raw:
        return
    errors = {}
    for field in sender._meta.concrete_fields:
        if isinstance(field, DATE_FIELDS):
            value = getattr(instance, field.attname)
            if isinstance(value, date) and not in_window(value):
                errors[field.name] = [out_of_window_message(capfirst(field.verbose_name))]
    if errors:
        raise ValidationError(errors)


def guard_every_save() -> None:
    pre_save.connect(refuse_dates_out_of_window, dispatch_uid="dates-in-window")


# Stored values from before the guard ----------------------------------------------------


@dataclass(frozen=True)
class OutOfWindow:
    model: str
    field: str
    pk: object
    repaired: bool


def _limits(field) -> tuple:
    first, last = programme_years()
    if isinstance(field, models.DateTimeField):
        return (
            datetime.combine(date(first, 1, 1), time.min, UTC),
            datetime.combine(date(last + 1, 1, 1), time.min, UTC),
        )
    return date(first, 1, 1), date(last + 1, 1, 1)


def dates_out_of_window(*, repair: bool, registry=apps) -> list[OutOfWindow]:
    """Every stored date outside the window, by model, field and row. With ``repair``,
    an optional date is cleared (it meant nothing); a required one is only reported,
    for the secretariat to correct. The values are compared in the database, never
    read: a date before year 1 cannot be read into Python."""
    found = []
    for model in registry.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, DATE_FIELDS):
                continue
            low, high = _limits(field)
            outside = model._base_manager.filter(
                models.Q(**{f"{field.attname}__lt": low})
                | models.Q(**{f"{field.attname}__gte": high})
            )
            pks = list(outside.values_list("pk", flat=True))
            fixable = repair and field.null
            if fixable and pks:
                model._base_manager.filter(pk__in=pks).update(**{field.attname: None})
            label = f"{model._meta.app_label}.{model._meta.object_name}"
            found += [OutOfWindow(label, field.name, pk, fixable) for pk in pks]
    return found
