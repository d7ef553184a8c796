"""Import and export of whole programme rounds in the exchange format
``incubator-exchange/1`` (``../shared/spec/exchange.md``).

How the format lands in the portal:

- ``programme`` is the Programme with that slug: made if missing, its name kept in step.
- ``themes`` are the portal's themes, found by slug (their names kept in step; the
  description is the portal's). Submissions may also name themes the portal has.
- The programme and each theme may carry ``name_fr``, the French name: kept in step when
  the file has it, left as it is when the file leaves it out, exported when written.
- ``organisations`` are government teams. Teams are global, not per programme, so a team
  is found by its ``ref`` alone (``Organisation.exchange_ref``), never by its name.
  ``timezone`` is ``time_zone``; website, description and members stay the portal's.
  The team's languages and time zone travel with the team: the optional ``languages``
  and ``time_zone`` of a challenge or proposal are the portal's and left as they are
  (empty on imported records).
- ``challenges`` and ``solutions``: ``description`` is the challenge's
  ``problem_statement`` and the proposal's ``what_they_did``; the other long answers
  (context, evidence, lessons…) are the portal's and left as they are. ``ref`` is
  ``exchange_ref``, unique per kind within the programme. ``interested_in`` is the
  proposal's ranked interests, the first one rank 1.
- Records hang on a call of the programme: the latest call of their kind, or, when the
  programme has none, a closed call made for the import (opening 90 days before the
  earliest submission, closing at the moment of the import, deadline zone UTC).
- A field the file leaves out (``status``, ``submitted_at``, ``providers_wanted``,
  ``capacity``, ``interested_in``) takes the spec's default on a new record (submitted;
  the moment of the import, unless a draft; 2; 1; none) and is left as it is on an
  existing one, so an old file never undoes the secretariat's decisions by omission.
- Importing loads data; it decides nothing: states are set as the file says, without
  the lifecycle's checks, emails or per-record audit entries. One audit entry records
  the import, who made it and its counts.
- Idempotent: records are compared with the file field by field and only those that
  differ are written (and get a new ``updated_at``); the same file twice changes nothing.
  Import adds and updates, never deletes: a record missing from the file stays, so a
  file may carry only the proposals of a round whose challenges came earlier.
- Export carries every challenge and proposal of the programme except drafts, each with
  its ``status`` (matching then takes the submitted ones that are neither declined nor
  withdrawn), their teams and themes. Lists are sorted by ref (numbers within refs
  compared as numbers), themes by slug; ``interested_in`` keeps the team's order of
  preference. Records made on the portal get generated refs (see ``refs.py``), which a
  later import recognises. Export, import into an empty portal, export: the same file.
"""

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from challenges.models import Challenge
from challenges.search import challenges_search_refresh
from exchange import refs
from exchange.schema import (
    DEFAULT_CAPACITY,
    DEFAULT_PROVIDERS_WANTED,
    DEFAULT_STATUS,
    FORMAT,
    ExchangeError,
    Round,
    parse,
    references,
    validate,
)
from exchange.selectors import (
    challenges_of,
    exported_challenges,
    exported_solutions,
    exported_themes,
    interests_of,
    known_references,
    organisation_refs_taken,
    solutions_of,
    stored_refs,
    theme_ids_of,
    theme_names_in_french,
)
from incubator.access import is_secretariat
from incubator.models import Call, Organisation, Programme, Theme, User
from incubator.models.programmes import CallKind
from incubator.services.audit import audit_record
from solutions.models import Solution, SolutionInterest
from submissions.models import SubmissionState

__all__ = ["ExchangeError", "ImportSummary", "programme_export", "programme_import"]

KINDS = ("themes", "organisations", "challenges", "solutions")
BATCH = 1000
# How far before the earliest submission a call made by an import opens.
CALL_SPAN = timedelta(days=90)


@dataclass
class ImportSummary:
    programme: Programme
    programme_created: bool = False
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)

    def lines(self) -> list[str]:
        head = (
            _("Programme %(slug)s (%(name)s) created.")
            if self.programme_created
            else _("Programme %(slug)s (%(name)s) was already in the portal.")
        )
        words = {
            "themes": _("Themes"),
            "organisations": _("Organisations"),
            "challenges": _("Challenges"),
            "solutions": _("Solutions"),
        }
        return [head % {"slug": self.programme.slug, "name": self.programme.name}] + [
            _("%(kind)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
            % {
                "kind": words[kind],
                "created": self.created[kind],
                "updated": self.updated[kind],
                "unchanged": self.unchanged[kind],
            }
            for kind in KINDS
        ]

    def details(self) -> dict:
        return {
            "programme_created": self.programme_created,
            **{
                state: {kind: getattr(self, state)[kind] for kind in KINDS}
                for state in ("created", "updated", "unchanged")
            },
        }


# Import ---------------------------------------------------------------------------------


@transaction.atomic
def programme_import(*, data, by: User | None = None) -> ImportSummary:
    """Bring a programme round in from an exchange file (its bytes, its text or its
    parsed JSON). The whole file is checked first; on any problem nothing is written
    and ExchangeError lists them all. ``by`` is None on the command line."""
    if by is not None and not is_secretariat(by):
        raise PermissionDenied(_("Only the secretariat imports programme rounds."))
    if isinstance(data, bytes | str):
        data = parse(data)
    round_ = validate(data, known=known_references(references(data)))
    try:
        with transaction.atomic():
            summary = _Import(round_, now=timezone.now()).run()
    except IntegrityError as error:
        # Only a concurrent change to the same records gets here: the file was checked.
        raise ExchangeError(
            [_("The same records were changed while the file was imported. Import it again.")]
        ) from error
    audit_record(
        actor=by, action="programme.imported", target=summary.programme, details=summary.details()
    )
    return summary


def _assign(record, values: dict) -> bool:
    """Set the values that differ; whether any did."""
    changed = False
    for name, value in values.items():
        if getattr(record, name) != value:
            setattr(record, name, value)
            changed = True
    return changed


def _names(record) -> dict:
    """The name, and the French one when the file carries it."""
    return {"name": record.name} | ({} if record.name_fr is None else {"name_fr": record.name_fr})


def _chunks(values: list, size: int = BATCH):
    for start in range(0, len(values), size):
        yield values[start : start + size]


class _Import:
    def __init__(self, round_: Round, *, now: datetime):
        self.round = round_
        self.now = now
        self.summary = None

    def run(self) -> ImportSummary:
        programme, created = self._programme()
        self.summary = ImportSummary(programme=programme, programme_created=created)
        theme_ids = self._themes()
        team_ids = self._organisations()
        challenge_ids = self._challenges(programme, team_ids, theme_ids)
        self._solutions(programme, team_ids, theme_ids, challenge_ids)
        return self.summary

    def _count(self, kind: str, *, created=0, updated=0, unchanged=0) -> None:
        for counter, number in (
            (self.summary.created, created),
            (self.summary.updated, updated),
            (self.summary.unchanged, unchanged),
        ):
            if number:
                counter[kind] += number

    # Programme and calls --------------------------------------------------------------

    def _programme(self) -> tuple[Programme, bool]:
        record = self.round.programme
        # Locked, so two imports of the same round run one after the other.
        programme = Programme.objects.select_for_update().filter(slug=record.slug).first()
        if programme is None:
            return Programme.objects.create(slug=record.slug, **_names(record)), True
        if _assign(programme, _names(record)):
            programme.save(update_fields=["name", "name_fr"])
        return programme, False

    def _call(self, programme: Programme, kind: str) -> Call:
        call = (
            Call.objects.filter(programme=programme, kind=kind)
            .order_by("-closes_at", "-pk")
            .first()
        )
        if call is not None:
            return call
        records = self.round.challenges if kind == CallKind.CHALLENGES else self.round.solutions
        earliest = min(
            [record.submitted_at for record in records if record.submitted_at]
            + [self.now - CALL_SPAN]
        )
        title = f"{CallKind(kind).label} — {programme.name}"
        return Call.objects.create(
            programme=programme,
            kind=kind,
            title=title[: Call._meta.get_field("title").max_length],
            introduction=_("Made by the import of an exchange file to hold the imported round."),
            opens_at=earliest,
            closes_at=self.now,
            deadline_time_zone="UTC",
        )

    def _submissions(self):
        return [*self.round.challenges, *self.round.solutions]

    # Themes and teams -----------------------------------------------------------------

    def _themes(self) -> dict[str, int]:
        named = {slug for record in self._submissions() for slug in record.themes}
        in_file = {theme.slug: theme for theme in self.round.themes}
        existing = {
            theme.slug: theme for theme in Theme.objects.filter(slug__in=named | set(in_file))
        }
        new, changed = [], []
        for slug, record in in_file.items():
            theme = existing.get(slug)
            if theme is None:
                new.append(Theme(slug=slug, **_names(record)))
            elif _assign(theme, _names(record)):
                changed.append(theme)
        Theme.objects.bulk_create(new)
        Theme.objects.bulk_update(changed, ["name", "name_fr"])
        self._count("themes", created=len(new), updated=len(changed))
        self._count("themes", unchanged=len(in_file) - len(new) - len(changed))
        ids = {theme.slug: theme.pk for theme in [*existing.values(), *new]}
        missing = sorted(named - set(ids))
        if missing:
            raise ExchangeError(
                [
                    _("The theme %(slug)s was removed from the portal during the import.")
                    % {"slug": slug}
                    for slug in missing
                ]
            )
        return ids

    def _organisations(self) -> dict[str, int]:
        """Ids of every team the file names, by ref."""
        records = self.round.organisations
        wanted = sorted(
            {record.organisation for record in self._submissions()}
            | {record.ref for record in records}
        )
        teams: dict[str, Organisation] = {}
        for chunk in _chunks(wanted):
            teams.update(
                (team.exchange_ref, team)
                for team in Organisation.objects.filter(exchange_ref__in=chunk)
            )
        teams.update(
            self._adopted_teams([record.ref for record in records if record.ref not in teams])
        )
        new, changed = [], []
        for record in records:
            values = {
                "exchange_ref": record.ref,
                "name": record.name,
                "country": record.country,
                "level": record.level,
                "languages": list(record.languages),
                "time_zone": record.time_zone,
            }
            team = teams.get(record.ref)
            if team is None:
                teams[record.ref] = team = Organisation(**values)
                new.append(team)
            elif _assign(team, values):
                changed.append(team)
        Organisation.objects.bulk_create(new, batch_size=BATCH)
        Organisation.objects.bulk_update(
            changed,
            ["exchange_ref", "name", "country", "level", "languages", "time_zone"],
            batch_size=BATCH,
        )
        self._count("organisations", created=len(new), updated=len(changed))
        self._count("organisations", unchanged=len(records) - len(new) - len(changed))
        return {ref: team.pk for ref, team in teams.items()}

    def _adopted_teams(self, unknown: list[str]) -> dict[str, Organisation]:
        """Teams made on the portal that an exported file names by generated refs."""
        names = {ref: refs.generated(ref) for ref in unknown}
        names = {ref: name for ref, name in names.items() if name}
        candidates = {}
        for chunk in _chunks(sorted({pk for _base, pk in names.values()})):
            candidates.update(Organisation.objects.filter(pk__in=chunk, exchange_ref="").in_bulk())
        adopted = {}
        for ref, (base, pk) in names.items():
            team = candidates.get(pk)
            if team is not None and refs.organisation_ref(team) == base:
                adopted[ref] = candidates.pop(pk)
        return adopted

    # Challenges and proposals ---------------------------------------------------------

    def _challenges(self, programme, team_ids, theme_ids) -> dict[str, int]:
        """Ids of every challenge of the programme that has a ref, by ref."""
        kind = _Kind(
            model=Challenge,
            name="challenges",
            call_kind=CallKind.CHALLENGES,
            generated_ref=refs.challenge_ref,
            fields=lambda record: {
                "problem_statement": record.description,
                "providers_wanted": record.providers_wanted,
            },
            own=("problem_statement", "providers_wanted"),
            defaults={"providers_wanted": DEFAULT_PROVIDERS_WANTED},
        )
        themes = _Relation(
            current=theme_ids_of(Challenge, programme),
            wanted=lambda record: {theme_ids[slug] for slug in record.themes},
            empty=set(),
            write=_themes_writer(Challenge),
        )
        rows, touched = self._sync(
            kind, challenges_of(programme), self.round.challenges, team_ids, programme, [themes]
        )
        self._refresh_search(touched)
        return {ref: row.pk for ref, row in rows.items()}

    def _solutions(self, programme, team_ids, theme_ids, challenge_ids) -> None:
        kind = _Kind(
            model=Solution,
            name="solutions",
            call_kind=CallKind.SOLUTIONS,
            generated_ref=refs.solution_ref,
            fields=lambda record: {
                "what_they_did": record.description,
                "capacity": record.capacity,
            },
            own=("what_they_did", "capacity"),
            defaults={"capacity": DEFAULT_CAPACITY},
        )
        themes = _Relation(
            current=theme_ids_of(Solution, programme),
            wanted=lambda record: {theme_ids[slug] for slug in record.themes},
            empty=set(),
            write=_themes_writer(Solution),
        )
        interests = _Relation(
            current=interests_of(programme),
            wanted=lambda record: (
                None
                if record.interested_in is None
                else [challenge_ids[ref] for ref in record.interested_in]
            ),
            empty=[],
            write=_write_interests,
        )
        self._sync(
            kind,
            solutions_of(programme),
            self.round.solutions,
            team_ids,
            programme,
            [themes, interests],
        )

    def _sync(self, kind, existing, records, team_ids, programme, relations):
        """Create and update the programme's records of one kind as the file says.
        Returns every record of the programme that has a ref, by ref, and the records
        written."""
        existing = list(existing.order_by("pk"))
        by_ref = {row.exchange_ref: row for row in existing if row.exchange_ref}
        without_ref = {row.pk: row for row in existing if not row.exchange_ref}
        call = self._call(programme, kind.call_kind)
        new, changed = [], []
        pending = [{} for _relation in relations]  # per relation: ref -> value to write
        for record in records:
            team_id = team_ids[record.organisation]
            row = by_ref.get(record.ref) or _adopt(
                record.ref, without_ref, team_id, kind.generated_ref
            )
            values = {
                "exchange_ref": record.ref,
                "organisation_id": team_id,
                "title": record.title,
                "summary": record.summary,
                "status": record.status,
                "submitted_at": record.submitted_at,
                **kind.fields(record),
            }
            # Left out of the file: the default on a new record, as it is on another.
            values = {name: value for name, value in values.items() if value is not None}
            wanted = [relation.wanted(record) for relation in relations]
            if row is None:
                values = {**kind.defaults, "status": DEFAULT_STATUS, **values}
                if values["status"] != SubmissionState.DRAFT:
                    values.setdefault("submitted_at", self.now)
                row = kind.model(call=call, **values)
                new.append(row)
                differs = [bool(value) for value in wanted]
            else:
                differs = [
                    value is not None and relation.current.get(row.pk, relation.empty) != value
                    for relation, value in zip(relations, wanted, strict=True)
                ]
                if _assign(row, values) or any(differs):
                    row.updated_at = self.now
                    changed.append(row)
            for index, value in enumerate(wanted):
                if differs[index]:
                    pending[index][record.ref] = value
            by_ref[record.ref] = row

        kind.model.objects.bulk_create(new, batch_size=BATCH)
        kind.model.objects.bulk_update(
            changed,
            [*COMMON_FIELDS, *kind.own, "updated_at"],
            batch_size=BATCH,
        )
        stored = {row.pk for row in changed}
        for relation, values in zip(relations, pending, strict=True):
            relation.write(
                {by_ref[ref].pk: value for ref, value in values.items()},
                stored=[by_ref[ref].pk for ref in values if by_ref[ref].pk in stored],
            )
        self._count(kind.name, created=len(new), updated=len(changed))
        self._count(kind.name, unchanged=len(records) - len(new) - len(changed))
        return by_ref, new + changed

    def _refresh_search(self, challenges: list[Challenge]) -> None:
        for chunk in _chunks([challenge.pk for challenge in challenges]):
            challenges_search_refresh(challenges=Challenge.objects.filter(pk__in=chunk))


COMMON_FIELDS = ("exchange_ref", "organisation", "title", "summary", "status", "submitted_at")


@dataclass(frozen=True)
class _Kind:
    model: type
    name: str
    call_kind: str
    generated_ref: Callable[[int], str]
    fields: Callable  # the kind's own values from a record; None when left out
    own: tuple[str, ...]  # their names
    defaults: dict


@dataclass(frozen=True)
class _Relation:
    current: dict  # pk -> what is stored
    wanted: Callable  # record -> what the file says, None when left out
    empty: object  # what is stored when there is nothing
    write: Callable  # ({pk: value}, stored=[pks that had rows]) -> None


def _adopt(ref: str, without_ref: dict, team_id: int, generated_ref) -> object | None:
    """The portal-made record an exported file names by its generated ref, if it still
    has no ref and belongs to the same team (so a foreign file's ``ch-1`` never
    overwrites someone's challenge)."""
    name = refs.generated(ref)
    if name is None or name[0] != generated_ref(name[1]):
        return None
    row = without_ref.get(name[1])
    if row is None or row.organisation_id != team_id:
        return None
    return without_ref.pop(name[1])


def _themes_writer(model):
    through = model.themes.through
    owner = f"{model._meta.model_name}_id"

    def write(themes: dict[int, set[int]], *, stored: list[int]) -> None:
        for chunk in _chunks(stored):
            through.objects.filter(**{f"{owner}__in": chunk}).delete()
        through.objects.bulk_create(
            (
                through(**{owner: pk, "theme_id": theme_id})
                for pk, ids in themes.items()
                for theme_id in sorted(ids)
            ),
            batch_size=BATCH,
        )

    return write


def _write_interests(interests: dict[int, list[int]], *, stored: list[int]) -> None:
    for chunk in _chunks(stored):
        SolutionInterest.objects.filter(solution_id__in=chunk).delete()
    SolutionInterest.objects.bulk_create(
        (
            SolutionInterest(solution_id=pk, challenge_id=challenge_id, rank=rank)
            for pk, challenge_ids in interests.items()
            for rank, challenge_id in enumerate(challenge_ids, start=1)
        ),
        batch_size=BATCH,
    )


# Export ---------------------------------------------------------------------------------


def _ref_order(ref: str) -> tuple:
    """Sorts ch-2 before ch-10: the numbers within refs compare as numbers."""
    return tuple(int(part) if index % 2 else part for index, part in enumerate(_DIGITS.split(ref)))


_DIGITS = re.compile(r"([0-9]+)")


def _by_ref(item: dict) -> tuple:
    return _ref_order(item["ref"])


def _moment(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _submission_refs(rows, generated_ref, taken: set[str]) -> dict[int, str]:
    return {row.pk: row.exchange_ref or refs.free(generated_ref(row.pk), taken) for row in rows}


def _team_refs(teams: dict[int, Organisation]) -> dict[int, str]:
    """Each team's ref: its own, or a generated one that no other team holds."""
    named = {pk: team.exchange_ref for pk, team in teams.items() if team.exchange_ref}
    pending = {pk: refs.organisation_ref(team) for pk, team in teams.items() if pk not in named}
    while pending:
        taken = organisation_refs_taken(set(pending.values()))
        named.update((pk, ref) for pk, ref in pending.items() if ref not in taken)
        pending = {pk: ref + refs.PORTAL_SUFFIX for pk, ref in pending.items() if ref in taken}
    return named


def _named(item: dict, name_fr: str | None) -> dict:
    return {**item, "name_fr": name_fr} if name_fr else item


def programme_export(*, programme: Programme) -> dict:
    """The programme's round as an exchange file, ready for ``json.dumps``."""
    challenges = list(exported_challenges(programme))
    solutions = list(exported_solutions(programme))
    challenge_refs = _submission_refs(
        challenges, refs.challenge_ref, stored_refs(Challenge, programme)
    )
    solution_refs = _submission_refs(solutions, refs.solution_ref, stored_refs(Solution, programme))
    teams = {row.organisation_id: row.organisation for row in [*challenges, *solutions]}
    team_refs = _team_refs(teams)
    challenge_themes = exported_themes(Challenge, programme)
    solution_themes = exported_themes(Solution, programme)
    interests = interests_of(programme, exclude_drafts=True)
    themes = dict(
        pair for pairs in [*challenge_themes.values(), *solution_themes.values()] for pair in pairs
    )
    french = theme_names_in_french(set(themes))

    def submission(row, ref, row_themes) -> dict:
        return {
            "ref": ref,
            "organisation": team_refs[row.organisation_id],
            "title": row.title,
            "summary": row.summary,
            "description": row.problem_statement
            if isinstance(row, Challenge)
            else row.what_they_did,
            "themes": sorted(slug for slug, _name in row_themes.get(row.pk, [])),
        }

    def dated(row, item: dict) -> dict:
        item["status"] = row.status
        if row.submitted_at is not None:
            item["submitted_at"] = _moment(row.submitted_at)
        return item

    return {
        "format": FORMAT,
        "programme": _named({"slug": programme.slug, "name": programme.name}, programme.name_fr),
        "themes": [
            _named({"slug": slug, "name": themes[slug]}, french.get(slug))
            for slug in sorted(themes)
        ],
        "organisations": sorted(
            (
                {
                    "ref": team_refs[pk],
                    "name": team.name,
                    "country": team.country.code,
                    "level": team.level,
                    "languages": list(team.languages),
                    "timezone": team.time_zone,
                }
                for pk, team in teams.items()
            ),
            key=_by_ref,
        ),
        "challenges": sorted(
            (
                dated(
                    row,
                    {
                        **submission(row, challenge_refs[row.pk], challenge_themes),
                        "providers_wanted": row.providers_wanted,
                    },
                )
                for row in challenges
            ),
            key=_by_ref,
        ),
        "solutions": sorted(
            (
                dated(
                    row,
                    {
                        **submission(row, solution_refs[row.pk], solution_themes),
                        "interested_in": [
                            challenge_refs[pk]
                            for pk in interests.get(row.pk, [])
                            if pk in challenge_refs
                        ],
                        "capacity": row.capacity,
                    },
                )
                for row in solutions
            ),
            key=_by_ref,
        ),
    }
