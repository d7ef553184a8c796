"""Content the secretariat writes (theme names, call titles, session titles…) in English
and French. Each such field ``name`` has a French twin ``name_fr`` (blank when nobody wrote
one); the reader sees the version in their language, and the English one when there is
none. Writing is always explicit: ``name`` is English, ``name_fr`` is French."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce, NullIf
from django.utils import translation


def reader_language() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


def version_field(field: str, language: str | None = None) -> str | None:
    """The name of the field holding ``field`` in ``language`` (the reader's by default),
    or None when the English field itself is the one to read."""
    language = language or reader_language()
    if language == settings.LANGUAGE_CODE or language not in dict(settings.LANGUAGES):
        return None
    return f"{field}_{language}"


def version_of(instance, field: str, language: str | None = None) -> str:
    """The text of ``field`` in ``language`` (the reader's by default), English if none."""
    other = version_field(field, language)
    if other:
        text = getattr(instance, other, "")
        if text:
            return text
    return getattr(instance, field)


class Translated:
    """``name_shown = Translated("name")``: the reader's version of ``name``."""

    def __init__(self, field: str):
        self.field = field

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return version_of(instance, self.field)


def shown(path: str) -> models.Expression:
    """The reader's version of a field inside a query (``values``, ``order_by``), for a
    path such as ``"name"`` or ``"theme__name"``: the French column unless it is blank."""
    other = version_field(path)
    if other is None:
        return models.F(path)
    return Coalesce(NullIf(models.F(other), models.Value("")), models.F(path))
