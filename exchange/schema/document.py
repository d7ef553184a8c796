"""Checking the whole file: its top level, the programme, the themes and the teams
(challenges and proposals are in ``submissions``)."""

from django.utils.translation import gettext as _

from exchange.schema.checks import (
    MISSING,
    Checker,
    Unique,
    country_codes,
    json_path,
    max_length,
    quoted,
    records_of,
)
from exchange.schema.incubations import incubation_records
from exchange.schema.records import (
    FORMAT,
    ORGANISATION_FIELDS,
    PROGRAMME_FIELDS,
    THEME_FIELDS,
    TOP_FIELDS,
    ExchangeError,
    Known,
    OrganisationRecord,
    ProgrammeRecord,
    Round,
    ThemeRecord,
)
from exchange.schema.submissions import challenge_records, solution_records
from incubator.languages import language_names
from incubator.models import Organisation, Programme, Theme
from incubator.models.organisations import Level

# A file checked on its own, as if the portal held nothing it could refer to.
NOTHING_KNOWN = Known()


def validate(data: object, *, known: Known = NOTHING_KNOWN) -> Round:
    """The file's round with its incubations, or an ExchangeError listing every problem
    found in the whole file."""
    if not isinstance(data, dict):
        raise ExchangeError(
            [
                _('The file must hold one JSON object that starts with "format": "%(format)s".')
                % {"format": FORMAT}
            ]
        )
    check = Checker()
    check.object(data, "", TOP_FIELDS)
    fmt = check.present(data, "format", "")
    if fmt is not MISSING and fmt != FORMAT:
        check.error(
            "format",
            _("%(value)s is not a format this portal reads; it reads %(format)s")
            % {"value": quoted(fmt), "format": quoted(FORMAT)},
        )
        # Another format's records would only add noise to the one message that matters.
        raise ExchangeError(check.errors)

    programme = _programme(check, data)
    themes = _themes(check, data)
    theme_slugs = known.themes | {theme.slug for theme in themes}
    organisations = _organisations(check, data)
    org_refs = known.organisations | {org.ref for org in organisations}
    challenges = challenge_records(check, data, themes=theme_slugs, organisations=org_refs)
    solutions = solution_records(
        check,
        data,
        themes=theme_slugs,
        organisations=org_refs,
        challenges=known.challenges | {challenge.ref for challenge in challenges},
    )
    incubations = incubation_records(
        check,
        data,
        challenges=known.incubated_challenges | {challenge.ref for challenge in challenges},
        solutions=known.incubated_solutions | {solution.ref for solution in solutions},
    )
    if check.errors:
        raise ExchangeError(check.errors)
    return Round(
        programme=programme,
        themes=tuple(themes),
        organisations=tuple(organisations),
        challenges=tuple(challenges),
        solutions=tuple(solutions),
        incubations=tuple(incubations),
    )


def _programme(check: Checker, data: dict) -> ProgrammeRecord | None:
    value = check.present(data, "programme", "")
    if value is MISSING:
        return None
    record = check.object(value, "programme", PROGRAMME_FIELDS)
    if record is None:
        return None
    slug = check.slug(record, "slug", "programme", limit=max_length(Programme, "slug"))
    name = check.text(record, "name", "programme", limit=max_length(Programme, "name"), blank=False)
    return ProgrammeRecord(
        slug=slug, name=name, name_fr=_french(check, record, "programme", Programme)
    )


def _french(check: Checker, record: dict, path: str, model) -> str | None:
    """The optional French name, held to the English name's rules; None if left out."""
    if "name_fr" not in record:
        return None
    return check.text(record, "name_fr", path, limit=max_length(model, "name_fr"), blank=True)


def _themes(check: Checker, data: dict) -> list[ThemeRecord]:
    themes, unique = [], Unique(check)
    for path, record in records_of(check, data, "themes", THEME_FIELDS):
        slug = check.slug(record, "slug", path, limit=max_length(Theme, "slug"))
        name = check.text(record, "name", path, limit=max_length(Theme, "name"), blank=False)
        if unique.add(slug, path, "slug"):
            french = _french(check, record, path, Theme)
            themes.append(ThemeRecord(slug=slug, name=name, name_fr=french))
    return themes


def _organisations(check: Checker, data: dict) -> list[OrganisationRecord]:
    organisations, unique = [], Unique(check)
    for path, record in records_of(check, data, "organisations", ORGANISATION_FIELDS):
        ref = check.ref(record, "ref", path)
        name = check.text(record, "name", path, limit=max_length(Organisation, "name"), blank=False)

        country = check.present(record, "country", path)
        if country is not MISSING:
            code = country.upper() if isinstance(country, str) else None
            if code is None or len(code) != 2 or code not in country_codes():
                check.error(
                    json_path(path, "country"),
                    _("%(value)s is not a country code") % {"value": quoted(country)},
                )
            country = code

        level = check.present(record, "level", path)
        if level is not MISSING and level not in Level.values:
            check.error(
                json_path(path, "level"),
                _("%(value)s is not a level of government; use one of: %(levels)s")
                % {"value": quoted(level), "levels": ", ".join(Level.values)},
            )

        languages = _languages(check, record, path)

        zone = check.time_zone(record, "timezone", path)

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


def _languages(check: Checker, record: dict, path: str) -> tuple[str, ...]:
    value = check.present(record, "languages", path)
    if value is MISSING:
        return ()
    path = json_path(path, "languages")
    items = check.list(value, path)
    if items is None:
        return ()
    if not items:
        check.error(path, _("must name at least one language"))
    seen = set()
    for index, code in enumerate(items):
        if not isinstance(code, str) or code not in language_names():
            check.error(
                json_path(path, index),
                _("%(value)s is not an ISO 639-1 language code, such as en or fr")
                % {"value": quoted(code)},
            )
        elif code in seen:
            check.error(
                json_path(path, index), _("%(value)s is listed twice") % {"value": quoted(code)}
            )
        else:
            seen.add(code)
    return tuple(items)
