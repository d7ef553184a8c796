"""Reading a programme exchange file (``incubator-exchange/1``, see
``../shared/spec/exchange.md``) into plain records.

The whole file is checked in one pass and every problem is collected, each named by its
JSON path the way the spec writes it (``challenges[3].country: 'XX' is not a country
code``), so one round trip through a spreadsheet fixes them all. Nothing here writes.

Beyond the spec's table, the file is held to what the portal's models hold: text within
the model's length and plain (no markup), ``providers_wanted`` from 1 to 5 as on the
challenge form, ``capacity`` at least 1, at least one working language per team, and no
field the format does not name (a misspelt ``capacty`` would otherwise pass silently as
the default). Country codes are read whatever their case and stored in capitals.

A few checks need the portal's data (themes, teams and challenges the file refers to but
does not carry); the caller looks them up first (``references`` says which) and passes
them in as ``Known``.
"""

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_countries import countries

from challenges.models import Challenge
from incubator.languages import language_names
from incubator.models import Organisation, Programme, Theme
from incubator.models.organisations import Level
from incubator.validators import time_zone_names, validate_plain_text
from solutions.models import Solution
from submissions.models import SubmissionState

FORMAT = "incubator-exchange/1"
REF_MAX = Organisation._meta.get_field("exchange_ref").max_length
PROVIDERS_WANTED = (1, 5)  # the model's validators, as the challenge form says
CAPACITY = (1, 32767)  # at least one; at most what the column holds
DEFAULT_PROVIDERS_WANTED = 2
DEFAULT_CAPACITY = 1
DEFAULT_STATUS = SubmissionState.SUBMITTED

TOP_FIELDS = ("format", "programme", "themes", "organisations", "challenges", "solutions")
PROGRAMME_FIELDS = ("slug", "name", "name_fr")
THEME_FIELDS = ("slug", "name", "name_fr")
ORGANISATION_FIELDS = ("ref", "name", "country", "level", "languages", "timezone")
SUBMISSION_FIELDS = ("ref", "organisation", "title", "summary", "description", "themes")
OPTIONAL_SUBMISSION_FIELDS = ("status", "submitted_at")
CHALLENGE_FIELDS = (*SUBMISSION_FIELDS, "providers_wanted", *OPTIONAL_SUBMISSION_FIELDS)
SOLUTION_FIELDS = (*SUBMISSION_FIELDS, "interested_in", "capacity", *OPTIONAL_SUBMISSION_FIELDS)


class ExchangeError(Exception):
    """The file cannot be imported; ``messages`` says why, one problem each."""

    def __init__(self, messages: list[str]):
        self.messages = list(messages)
        super().__init__("\n".join(self.messages))


# The records ----------------------------------------------------------------------------
# Optional fields hold None when the file leaves them out: a new record then gets the
# spec's default, an existing one keeps what it has.


@dataclass(frozen=True, slots=True)
class ProgrammeRecord:
    slug: str
    name: str
    name_fr: str | None = None  # optional: None when the file leaves it out


@dataclass(frozen=True, slots=True)
class ThemeRecord:
    slug: str
    name: str
    name_fr: str | None = None  # optional: None when the file leaves it out


@dataclass(frozen=True, slots=True)
class OrganisationRecord:
    ref: str
    name: str
    country: str
    level: str
    languages: tuple[str, ...]
    time_zone: str


@dataclass(frozen=True, slots=True)
class ChallengeRecord:
    ref: str
    organisation: str
    title: str
    summary: str
    description: str
    themes: tuple[str, ...]
    providers_wanted: int | None
    status: str | None
    submitted_at: datetime | None


@dataclass(frozen=True, slots=True)
class SolutionRecord:
    ref: str
    organisation: str
    title: str
    summary: str
    description: str
    themes: tuple[str, ...]
    interested_in: tuple[str, ...] | None
    capacity: int | None
    status: str | None
    submitted_at: datetime | None


@dataclass(frozen=True, slots=True)
class Round:
    programme: ProgrammeRecord
    themes: tuple[ThemeRecord, ...]
    organisations: tuple[OrganisationRecord, ...]
    challenges: tuple[ChallengeRecord, ...]
    solutions: tuple[SolutionRecord, ...]


@dataclass(frozen=True)
class Known:
    """What the portal already holds that the file may refer to without carrying it."""

    themes: frozenset[str] = frozenset()
    organisations: frozenset[str] = frozenset()
    challenges: frozenset[str] = frozenset()  # refs of the programme's challenges


@dataclass(frozen=True)
class Wanted:
    """References the file makes, for the caller to look up as ``Known``."""

    programme: str | None = None
    themes: frozenset[str] = field(default_factory=frozenset)
    organisations: frozenset[str] = field(default_factory=frozenset)
    challenges: frozenset[str] = field(default_factory=frozenset)


# Reading the bytes ----------------------------------------------------------------------


def parse(raw: bytes | str) -> object:
    """The JSON value in ``raw``, or an ExchangeError that says in one line why not."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ExchangeError(
                [_("The file is not UTF-8 text (byte %(at)d).") % {"at": error.start}]
            ) from None
    try:
        return json.loads(raw)
    except json.JSONDecodeError as error:
        raise ExchangeError(
            [
                _("The file is not valid JSON: %(problem)s at line %(line)d, column %(column)d.")
                % {"problem": error.msg, "line": error.lineno, "column": error.colno}
            ]
        ) from None
    except RecursionError:
        raise ExchangeError([_("The file is not valid JSON: it is nested too deeply.")]) from None


def references(data: object) -> Wanted:
    """The themes, teams and challenges the file names but may not carry. Reads any
    shape without complaint: ``validate`` reports what is wrong with it."""
    if not isinstance(data, dict):
        return Wanted()

    def items(key):
        value = data.get(key)
        return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []

    def strings(value):
        # Only what could be a key: the portal is never asked about anything else.
        values = value if isinstance(value, list) else [value]
        return {item for item in values if _could_be_key(item)}

    submissions = items("challenges") + items("solutions")
    themes = set().union(*(strings(item.get("themes")) for item in submissions))
    organisations = set().union(*(strings(item.get("organisation")) for item in submissions))
    wanted_challenges = set().union(
        *(strings(item.get("interested_in")) for item in items("solutions"))
    )
    programme = data.get("programme")
    slug = programme.get("slug") if isinstance(programme, dict) else None
    return Wanted(
        programme=slug if isinstance(slug, str) else None,
        themes=frozenset(themes - set().union(*(strings(t.get("slug")) for t in items("themes")))),
        organisations=frozenset(
            organisations - set().union(*(strings(o.get("ref")) for o in items("organisations")))
        ),
        challenges=frozenset(
            wanted_challenges - set().union(*(strings(c.get("ref")) for c in items("challenges")))
        ),
    )


def _could_be_key(value) -> bool:
    if not isinstance(value, str) or not 0 < len(value) <= REF_MAX or "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# Checking -------------------------------------------------------------------------------


@cache
def country_codes() -> frozenset[str]:
    return frozenset(code for code, _name in countries)


def _limit(model, name: str) -> int:
    return model._meta.get_field(name).max_length


def _shown(value) -> str:
    """A value quoted the way the messages quote it, cut short if it is long."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return "'" + (text if len(text) <= 60 else text[:57] + "…") + "'"


def _path(parent: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{parent}[{key}]"
    return f"{parent}.{key}" if parent else key


MISSING = object()


class _Checker:
    def __init__(self, known: Known):
        self.known = known
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
                self.error(_path(path, key), _("is not a field of this format"))
        return value

    def list(self, value, path: str) -> list | None:
        if not isinstance(value, list):
            self.error(path, _("must be a list ([…])"))
            return None
        return value

    def present(self, record: dict, key: str, path: str):
        value = record.get(key, MISSING)
        if value is MISSING:
            self.error(_path(path, key), _("is required but missing"))
        return value

    def string(self, value, path: str) -> str | None:
        if not isinstance(value, str):
            self.error(path, _("must be text, not %(value)s") % {"value": _shown(value)})
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

    def text(self, record: dict, key: str, path: str, *, limit: int, blank: bool) -> str | None:
        value = self.present(record, key, path)
        if value is MISSING:
            return None
        path = _path(path, key)
        value = self.string(value, path)
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
        value = self.present(record, key, path)
        if value is MISSING:
            return None
        path = _path(path, key)
        value = self.string(value, path)
        if value is None:
            return None
        if not value.strip() or value != value.strip():
            self.error(
                path,
                _("%(value)s is not a reference: give a non-empty key without spaces at either end")
                % {"value": _shown(value)},
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
        value = self.present(record, key, path)
        if value is MISSING:
            return None
        path = _path(path, key)
        value = self.string(value, path)
        if value is None:
            return None
        try:
            validate_slug(value)
        except ValidationError:
            self.error(
                path,
                _("%(value)s is not a slug: use letters, numbers, hyphens and underscores")
                % {"value": _shown(value)},
            )
            return None
        if len(value) > limit:
            self.error(path, _("is longer than %(limit)d characters") % {"limit": limit})
            return None
        return value

    def integer(self, record: dict, key: str, path: str, *, bounds: tuple[int, int]) -> int | None:
        value = record.get(key, MISSING)
        if value is MISSING:
            return None
        low, high = bounds
        # JSON true and false read as Python ints; neither is a count.
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.error(
                _path(path, key),
                _("%(value)s is not a whole number from %(low)d to %(high)d")
                % {"value": _shown(value), "low": low, "high": high},
            )
        return value if isinstance(value, int) and not isinstance(value, bool) else None

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
        path = _path(path, key)
        items = self.list(value, path)
        if items is None:
            return None
        seen: set[str] = set()
        for index, item in enumerate(items):
            item_path = _path(path, index)
            item = self.string(item, item_path)
            if item is None:
                continue
            if item in seen:
                self.error(item_path, _("%(value)s is listed twice") % {"value": _shown(item)})
            elif item not in known:
                self.error(item_path, _(unknown) % {"value": _shown(item)})
            seen.add(item)
        return tuple(item for item in items if isinstance(item, str))

    def status(self, record: dict, path: str) -> str | None:
        value = record.get("status", MISSING)
        if value is MISSING:
            return None
        if value not in SubmissionState.values:
            self.error(
                _path(path, "status"),
                _("%(value)s is not a lifecycle state; use one of: %(states)s")
                % {"value": _shown(value), "states": ", ".join(SubmissionState.values)},
            )
            return None
        return value

    def moment(self, record: dict, path: str) -> datetime | None:
        value = record.get("submitted_at")
        if value is None:
            return None
        path = _path(path, "submitted_at")
        try:
            moment = datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            self.error(
                path,
                _(
                    "%(value)s is not an ISO 8601 date and time with its offset, "
                    "such as 2025-03-01T09:30:00+01:00"
                )
                % {"value": _shown(value)},
            )
            return None
        return moment.astimezone(UTC)


# The whole file -------------------------------------------------------------------------


def validate(data: object, *, known: Known = Known()) -> Round:
    """The file's round, or an ExchangeError listing every problem found."""
    if not isinstance(data, dict):
        raise ExchangeError(
            [
                _('The file must hold one JSON object that starts with "format": "%(format)s".')
                % {"format": FORMAT}
            ]
        )
    check = _Checker(known)
    check.object(data, "", TOP_FIELDS)
    fmt = check.present(data, "format", "")
    if fmt is not MISSING and fmt != FORMAT:
        check.error(
            "format",
            _("%(value)s is not a format this portal reads; it reads %(format)s")
            % {"value": _shown(fmt), "format": _shown(FORMAT)},
        )
        # Another format's records would only add noise to the one message that matters.
        raise ExchangeError(check.errors)

    programme = _programme(check, data)
    themes = _themes(check, data)
    theme_slugs = known.themes | {theme.slug for theme in themes}
    organisations = _organisations(check, data)
    org_refs = known.organisations | {org.ref for org in organisations}
    challenges = _challenges(check, data, themes=theme_slugs, organisations=org_refs)
    solutions = _solutions(
        check,
        data,
        themes=theme_slugs,
        organisations=org_refs,
        challenges=known.challenges | {challenge.ref for challenge in challenges},
    )
    if check.errors:
        raise ExchangeError(check.errors)
    return Round(
        programme=programme,
        themes=tuple(themes),
        organisations=tuple(organisations),
        challenges=tuple(challenges),
        solutions=tuple(solutions),
    )


def _records(check: _Checker, data: dict, key: str, allowed: tuple[str, ...]):
    """(path, record) for each object in the list ``key``, which may be left out."""
    value = data.get(key, [])
    items = check.list(value, key)
    for index, item in enumerate(items or []):
        path = _path(key, index)
        record = check.object(item, path, allowed)
        if record is not None:
            yield path, record


class _Unique:
    """Reports a key used twice in one list, pointing at its first use."""

    def __init__(self, check: _Checker):
        self.check = check
        self.first: dict[str, str] = {}

    def add(self, value: str | None, path: str, key: str) -> bool:
        if value is None:
            return False
        if value in self.first:
            self.check.error(
                _path(path, key),
                _("%(value)s is used twice (first at %(first)s)")
                % {"value": _shown(value), "first": self.first[value]},
            )
            return False
        self.first[value] = path
        return True


def _programme(check: _Checker, data: dict) -> ProgrammeRecord | None:
    value = check.present(data, "programme", "")
    if value is MISSING:
        return None
    record = check.object(value, "programme", PROGRAMME_FIELDS)
    if record is None:
        return None
    slug = check.slug(record, "slug", "programme", limit=_limit(Programme, "slug"))
    name = check.text(record, "name", "programme", limit=_limit(Programme, "name"), blank=False)
    return ProgrammeRecord(
        slug=slug, name=name, name_fr=_french(check, record, "programme", Programme)
    )


def _french(check: _Checker, record: dict, path: str, model) -> str | None:
    """The optional French name, held to the English name's rules; None if left out."""
    if "name_fr" not in record:
        return None
    return check.text(record, "name_fr", path, limit=_limit(model, "name_fr"), blank=True)


def _themes(check: _Checker, data: dict) -> list[ThemeRecord]:
    themes, unique = [], _Unique(check)
    for path, record in _records(check, data, "themes", THEME_FIELDS):
        slug = check.slug(record, "slug", path, limit=_limit(Theme, "slug"))
        name = check.text(record, "name", path, limit=_limit(Theme, "name"), blank=False)
        if unique.add(slug, path, "slug"):
            themes.append(
                ThemeRecord(slug=slug, name=name, name_fr=_french(check, record, path, Theme))
            )
    return themes


def _organisations(check: _Checker, data: dict) -> list[OrganisationRecord]:
    organisations, unique = [], _Unique(check)
    for path, record in _records(check, data, "organisations", ORGANISATION_FIELDS):
        ref = check.ref(record, "ref", path)
        name = check.text(record, "name", path, limit=_limit(Organisation, "name"), blank=False)

        country = check.present(record, "country", path)
        if country is not MISSING:
            code = country.upper() if isinstance(country, str) else None
            if code is None or len(code) != 2 or code not in country_codes():
                check.error(
                    _path(path, "country"),
                    _("%(value)s is not a country code") % {"value": _shown(country)},
                )
            country = code

        level = check.present(record, "level", path)
        if level is not MISSING and level not in Level.values:
            check.error(
                _path(path, "level"),
                _("%(value)s is not a level of government; use one of: %(levels)s")
                % {"value": _shown(level), "levels": ", ".join(Level.values)},
            )

        languages = _languages(check, record, path)

        zone = check.present(record, "timezone", path)
        if zone is not MISSING and (not isinstance(zone, str) or zone not in time_zone_names()):
            check.error(
                _path(path, "timezone"),
                _("%(value)s is not an IANA time zone name, such as Europe/Lisbon")
                % {"value": _shown(zone)},
            )

        if unique.add(ref, path, "ref"):
            organisations.append(
                OrganisationRecord(
                    ref=ref,
                    name=name,
                    country=country,
                    level=level,
                    languages=languages,
                    time_zone=zone,
                )
            )
    return organisations


def _languages(check: _Checker, record: dict, path: str) -> tuple[str, ...]:
    value = check.present(record, "languages", path)
    if value is MISSING:
        return ()
    path = _path(path, "languages")
    items = check.list(value, path)
    if items is None:
        return ()
    if not items:
        check.error(path, _("must name at least one language"))
    seen = set()
    for index, code in enumerate(items):
        if not isinstance(code, str) or code not in language_names():
            check.error(
                _path(path, index),
                _("%(value)s is not an ISO 639-1 language code, such as en or fr")
                % {"value": _shown(code)},
            )
        elif code in seen:
            check.error(
                _path(path, index), _("%(value)s is listed twice") % {"value": _shown(code)}
            )
        else:
            seen.add(code)
    return tuple(items)


UNKNOWN_THEME = gettext_noop("%(value)s is not a theme of this file or of the portal")
UNKNOWN_CHALLENGE = gettext_noop("%(value)s is not a challenge of this file or of the programme")


def _submission_fields(check, record, path, *, model, description, themes, organisations):
    return {
        "ref": check.ref(record, "ref", path),
        "organisation": _organisation_ref(check, record, path, organisations),
        "title": check.text(record, "title", path, limit=_limit(model, "title"), blank=False),
        "summary": check.text(record, "summary", path, limit=_limit(model, "summary"), blank=True),
        "description": check.text(
            record, "description", path, limit=_limit(model, description), blank=True
        ),
        "themes": check.references(
            record,
            "themes",
            path,
            known=themes,
            unknown=UNKNOWN_THEME,
        ),
        "status": check.status(record, path),
        "submitted_at": check.moment(record, path),
    }


def _organisation_ref(check, record, path, organisations) -> str | None:
    ref = check.ref(record, "organisation", path)
    if ref is not None and ref not in organisations:
        check.error(
            _path(path, "organisation"),
            _("%(value)s is not an organisation of this file or of the portal")
            % {"value": _shown(ref)},
        )
    return ref


def _challenges(check, data, *, themes, organisations) -> list[ChallengeRecord]:
    challenges, unique = [], _Unique(check)
    for path, record in _records(check, data, "challenges", CHALLENGE_FIELDS):
        fields = _submission_fields(
            check,
            record,
            path,
            model=Challenge,
            description="problem_statement",
            themes=themes,
            organisations=organisations,
        )
        providers_wanted = check.integer(record, "providers_wanted", path, bounds=PROVIDERS_WANTED)
        if unique.add(fields["ref"], path, "ref"):
            challenges.append(ChallengeRecord(**fields, providers_wanted=providers_wanted))
    return challenges


def _solutions(check, data, *, themes, organisations, challenges) -> list[SolutionRecord]:
    solutions, unique = [], _Unique(check)
    for path, record in _records(check, data, "solutions", SOLUTION_FIELDS):
        fields = _submission_fields(
            check,
            record,
            path,
            model=Solution,
            description="what_they_did",
            themes=themes,
            organisations=organisations,
        )
        interested_in = check.references(
            record,
            "interested_in",
            path,
            known=challenges,
            unknown=UNKNOWN_CHALLENGE,
            required=False,
        )
        capacity = check.integer(record, "capacity", path, bounds=CAPACITY)
        if unique.add(fields["ref"], path, "ref"):
            solutions.append(
                SolutionRecord(**fields, interested_in=interested_in, capacity=capacity)
            )
    return solutions
