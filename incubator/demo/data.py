"""Reading the demo's content: UTF-8 JSON files beside each app's seeder
(``<app>/demo/*.json``). The seeders only map what these files say onto models and
services, so the round can be rewritten without touching code.

A file or record that does not fit (broken JSON, a field the model refuses, a team,
theme or person that does not exist) fails with the file and the record named, so
whoever edits the content knows where to look."""

import json
from collections.abc import Callable, Mapping
from datetime import datetime
from importlib import import_module
from pathlib import Path
from types import ModuleType
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError

# What a record that does not fit raises while it is mapped onto the models.
RECORD_ERRORS = (LookupError, ObjectDoesNotExist, TypeError, ValidationError, ValueError)


class DemoDataError(Exception):
    """A demo data file, or one of its records, does not fit."""


def demo_data(where: ModuleType | str | Path, name: str) -> dict | list:
    """The content of ``<name>.json`` in the folder of ``where``: a module or package (or
    its dotted name), or a folder."""
    path = demo_path(where, name)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DemoDataError(f"{_shown(path)}: {error}") from error


def demo_path(where: ModuleType | str | Path, name: str) -> Path:
    if not isinstance(where, Path):
        module = import_module(where) if isinstance(where, str) else where
        where = Path(module.__file__).parent
    return where / f"{name}.json"


def demo_each[T](
    where: ModuleType | str | Path, name: str, create: Callable[[dict], T], *, part: str = ""
) -> list[T]:
    """``create(record)`` for each record of the file, or of its list ``part``, in order."""
    data = demo_data(where, name)
    records = data[part] if part else data
    source = _shown(demo_path(where, name)) + (f", {part}" if part else "")
    results = []
    for number, record in enumerate(records, start=1):
        try:
            results.append(create(record))
        except RECORD_ERRORS as error:
            raise DemoDataError(
                f"{source}, record {number} ({_label(record)}): {_reason(error)}"
            ) from error
    return results


def demo_named[T](choices: Mapping[str, T], name: str, kind: str) -> T:
    """The team, theme or person the data names, or a clear error."""
    try:
        return choices[name]
    except KeyError:
        raise ValueError(f"there is no {kind} {name!r}") from None


def demo_moment(text: str, zone: str) -> datetime:
    """A fixed moment written as local time, "2026-02-17T11:00", in the zone named."""
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(zone))


def _label(record) -> str:
    """What names the record best: its key, title, email or name, even among its fields."""
    if not isinstance(record, dict):
        return repr(record)[:80]
    fields = record.get("fields")
    sources = (record, fields) if isinstance(fields, dict) else (record,)
    for key in ("key", "title", "email", "name", "slug", "submission", "challenge", "team"):
        for source in sources:
            if source.get(key):
                return f"{key} {source[key]!r}"
    return "unnamed"


def _reason(error: Exception) -> str:
    if isinstance(error, KeyError):
        return f"{error.args[0]!r} is missing"
    if isinstance(error, ValidationError) and hasattr(error, "message_dict"):
        return "; ".join(f"{field}: {' '.join(m)}" for field, m in error.message_dict.items())
    return str(error)


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(settings.BASE_DIR))
    except ValueError:
        return str(path)
