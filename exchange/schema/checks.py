"""Checking one value of a file at a time: shapes, texts, refs, slugs, numbers, lists
of references, states and moments. Each problem is collected with its JSON path rather
than raised, so one pass over the file finds them all."""

import json
from datetime import UTC, date, datetime
from functools import cache

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_slug
from django.utils.translation import gettext as _
from django_countries import countries

from exchange.schema.records import REF_MAX
from incubator.dates import in_window, programme_years
from incubator.validators import time_zone_names, validate_plain_text
from submissions.models import SubmissionState


@cache
def country_codes() -> frozenset[str]:
    return frozenset(code for code, _name in countries)


def max_length(model, name: str) -> int:
    return model._meta.get_field(name).max_length


def quoted(value) -> str:
    """A value quoted the way the messages quote it, cut short if it is long."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return "'" + (text if len(text) <= 60 else text[:57] + "…") + "'"


def json_path(parent: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{parent}[{key}]"
    return f"{parent}.{key}" if parent else key


MISSING = object()


class Checker:
    """Checks values one at a time and collects every problem, each with its JSON path."""

    def __init__(self):
        self.errors: list[str] = []

    def error(self, path: str, message: str) -> None:
        self.errors.append(f"{path}: {message}")

    # Shapes ---------------------------------------------------------------------------

    def object(self, value, path: str, allowed: tuple[str, ...]) -> dict | None:
        if not isinstance(value, dict):
            self.error(path, _("must be an object ({…})"))
            return None
        for key in value:
            if key not in allowed:
                self.error(json_path(path, key), _("is not a field of this format"))
        return value

    def list(self, value, path: str) -> list | None:
        if not isinstance(value, list):
            self.error(path, _("must be a list ([…])"))
            return None
        return value

    def present(self, record: dict, key: str, path: str):
        value = record.get(key, MISSING)
        if value is MISSING:
            self.error(json_path(path, key), _("is required but missing"))
        return value

    def string(self, value, path: str) -> str | None:
        if not isinstance(value, str):
            self.error(path, _("must be text, not %(value)s") % {"value": quoted(value)})
            return None
        if "\x00" in value:
            self.error(path, _("must not contain the NUL character"))
            return None
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            self.error(path, _("is not valid Unicode text"))
            return None
        return value

    # Fields ---------------------------------------------------------------------------

    def text_at(self, record: dict, key: str, path: str) -> tuple[str, str | None]:
        """The path of ``record[key]`` and its text; None when it is missing or not text
        (the problem is already collected)."""
        value = self.present(record, key, path)
        path = json_path(path, key)
        if value is MISSING:
            return path, None
        return path, self.string(value, path)

    def text(self, record: dict, key: str, path: str, *, limit: int, blank: bool) -> str | None:
        path, value = self.text_at(record, key, path)
        if value is None:
            return None
        if not blank and not value.strip():
            self.error(path, _("must not be empty"))
            return None
        if len(value) > limit:
            self.error(
                path,
                _("is %(length)d characters long; at most %(limit)d are allowed")
                % {"length": len(value), "limit": limit},
            )
            return None
        try:
            validate_plain_text(value)
        except ValidationError as error:
            self.error(path, " ".join(error.messages))
            return None
        return value

    def ref(self, record: dict, key: str, path: str) -> str | None:
        path, value = self.text_at(record, key, path)
        if value is None:
            return None
        if not value.strip() or value != value.strip():
            self.error(
                path,
                _("%(value)s is not a reference: give a non-empty key without spaces at either end")
                % {"value": quoted(value)},
            )
            return None
        if len(value) > REF_MAX:
            self.error(
                path,
                _("is %(length)d characters long; references are at most %(limit)d")
                % {"length": len(value), "limit": REF_MAX},
            )
            return None
        return value

    def slug(self, record: dict, key: str, path: str, *, limit: int) -> str | None:
        path, value = self.text_at(record, key, path)
        if value is None:
            return None
        try:
            validate_slug(value)
        except ValidationError:
            self.error(
                path,
                _("%(value)s is not a slug: use letters, numbers, hyphens and underscores")
                % {"value": quoted(value)},
            )
            return None
        if len(value) > limit:
            self.error(path, _("is longer than %(limit)d characters") % {"limit": limit})
            return None
        return value

    def integer(self, record: dict, key: str, path: str, *, bounds: tuple[int, int]) -> int | None:
        """The optional whole number ``key``; None when left out or wrong."""
        value = record.get(key, MISSING)
        if value is MISSING:
            return None
        return self.whole(value, json_path(path, key), bounds=bounds)

    def whole(self, value, path: str, *, bounds: tuple[int, int]) -> int | None:
        """``value`` if it is a whole number within ``bounds``: the one check of every
        whole number of the format. JSON true and false read as Python ints and 60.0 as
        a float; neither is a count."""
        low, high = bounds
        if type(value) is not int or not low <= value <= high:
            self.error(
                path,
                _("%(value)s is not a whole number from %(low)d to %(high)d")
                % {"value": quoted(value), "low": low, "high": high},
            )
            return None
        return value

    def choice(self, record: dict, key: str, path: str, *, choices, default):
        """The value of ``key`` (``default`` when left out) if it is one of ``choices``,
        of the same type: 60.0 and true are not the minutes 60 and 1."""
        value = record.get(key, default)
        if not any(type(value) is type(choice) and value == choice for choice in choices):
            self.error(
                json_path(path, key),
                _("%(value)s is not one of: %(choices)s")
                % {"value": quoted(value), "choices": ", ".join(map(str, choices))},
            )
            return None
        return value

    def link(self, record: dict, key: str, path: str, *, limit: int) -> str:
        """The optional web address ``key`` ("" when left out or empty): the one check of
        every link of the format, which the portal shows as a link to click."""
        value = self.optional_text(record, key, path, limit=limit)
        if value:
            try:
                URLValidator(schemes=("http", "https"))(value)
            except ValidationError:
                self.error(
                    json_path(path, key),
                    _("%(value)s is not an http or https address") % {"value": quoted(value)},
                )
                return ""
        return value or ""

    def optional_text(self, record: dict, key: str, path: str, *, limit: int) -> str | None:
        """Like ``text`` with ``blank=True``, but "" when the file leaves it out."""
        if key not in record:
            return ""
        return self.text(record, key, path, limit=limit, blank=True)

    def references(
        self,
        record: dict,
        key: str,
        path: str,
        *,
        known: set[str] | frozenset[str],
        unknown: str,  # marked with gettext_noop, translated only when needed
        required: bool = True,
    ) -> tuple[str, ...] | None:
        value = self.present(record, key, path) if required else record.get(key, MISSING)
        if value is MISSING:
            return None
        path = json_path(path, key)
        items = self.list(value, path)
        if items is None:
            return None
        seen: set[str] = set()
        for index, item in enumerate(items):
            item_path = json_path(path, index)
            item = self.string(item, item_path)
            if item is None:
                continue
            if item in seen:
                self.error(item_path, _("%(value)s is listed twice") % {"value": quoted(item)})
            elif item not in known:
                self.error(item_path, _(unknown) % {"value": quoted(item)})
            seen.add(item)
        return tuple(item for item in items if isinstance(item, str))

    def status(self, record: dict, path: str) -> str | None:
        value = record.get("status", MISSING)
        if value is MISSING:
            return None
        if value not in SubmissionState.values:
            self.error(
                json_path(path, "status"),
                _("%(value)s is not a lifecycle state; use one of: %(states)s")
                % {"value": quoted(value), "states": ", ".join(SubmissionState.values)},
            )
            return None
        return value

    def moment(self, record: dict, path: str, key: str = "submitted_at") -> datetime | None:
        value = record.get(key)
        if value is None:
            return None
        path = json_path(path, key)
        try:
            moment = datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            moment = None
        if moment is not None and moment.tzinfo is not None and not in_window(moment):
            self.error(path, self.out_of_window(value))
            return None
        if moment is None or moment.tzinfo is None:
            self.error(
                path,
                _(
                    "%(value)s is not an ISO 8601 date and time with its offset, "
                    "such as 2025-03-01T09:30:00+01:00"
                )
                % {"value": quoted(value)},
            )
            return None
        return moment.astimezone(UTC)

    @staticmethod
    def out_of_window(value) -> str:
        first, last = programme_years()
        return _("%(value)s is outside the years %(first)d to %(last)d") % {
            "value": quoted(value),
            "first": first,
            "last": last,
        }

    def time_zone(self, record: dict, key: str, path: str) -> str | None:
        """The IANA zone name ``key``: the one check of every time zone of the format."""
        value = self.present(record, key, path)
        if value is MISSING:
            return None
        if not isinstance(value, str) or value not in time_zone_names():
            self.error(
                json_path(path, key),
                _("%(value)s is not an IANA time zone name, such as Europe/Lisbon")
                % {"value": quoted(value)},
            )
            return None
        return value

    def day(self, record: dict, key: str, path: str) -> date | None:
        value = self.present(record, key, path)
        if value is MISSING:
            return None
        try:
            if isinstance(value, str) and len(value) == len("2026-10-01"):
                day = date.fromisoformat(value)
                if in_window(day):
                    return day
                self.error(json_path(path, key), self.out_of_window(value))
                return None
        except ValueError:
            pass
        self.error(
            json_path(path, key),
            _("%(value)s is not a date such as 2026-10-01") % {"value": quoted(value)},
        )
        return None


def records_of(check: Checker, data: dict, key: str, allowed: tuple[str, ...], parent: str = ""):
    """(path, record) for each object in the list ``key`` of ``data`` (at ``parent``),
    which may be left out."""
    where = json_path(parent, key)
    value = data.get(key, [])
    items = check.list(value, where)
    for index, item in enumerate(items or []):
        path = json_path(where, index)
        record = check.object(item, path, allowed)
        if record is not None:
            yield path, record


class Unique:
    """Reports a key used twice in one list, pointing at its first use."""

    def __init__(self, check: Checker):
        self.check = check
        self.first: dict[str, str] = {}

    def add(self, value: str | None, path: str, key: str) -> bool:
        if value is None:
            return False
        if value in self.first:
            self.check.error(
                json_path(path, key),
                _("%(value)s is used twice (first at %(first)s)")
                % {"value": quoted(value), "first": self.first[value]},
            )
            return False
        self.first[value] = path
        return True
