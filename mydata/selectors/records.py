"""A model row as plain JSON values: its own columns, foreign keys as ids, files by name."""

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

ENCODER = DjangoJSONEncoder()
# Columns that hold a key to something, never shown even to the person it is about.
SECRET_COLUMNS = {"password", "token", "secret", "key"}


def _plain(value):
    if value is None or isinstance(value, (str, int, float, bool, list, dict)):
        return value
    try:
        return ENCODER.default(value)
    except TypeError:
        return str(value)  # a country, a choice


def as_record(instance: models.Model, *, leave_out: tuple[str, ...] = ()) -> dict:
    record = {}
    for field in instance._meta.concrete_fields:
        if field.name in leave_out or field.name in SECRET_COLUMNS:
            continue
        if isinstance(field, models.FileField):
            record[field.name] = getattr(instance, field.name).name or None
        elif field.is_relation:
            record[field.attname] = getattr(instance, field.attname)
        else:
            record[field.name] = _plain(field.value_from_object(instance))
    return record
