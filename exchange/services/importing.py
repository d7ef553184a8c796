"""Bringing a programme round in from an exchange file: the whole file is checked
first, then the programme, its calls, themes and teams, its challenges and its
proposals are written where they differ from the file."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from challenges.models import Challenge
from challenges.search import challenges_search_refresh
from exchange import refs
from exchange.incubations import incubations_import, incubations_lines
from exchange.schema import (
    DEFAULT_CAPACITY,
    DEFAULT_PROVIDERS_WANTED,
    ExchangeError,
    Round,
    parse,
    references,
    validate,
)
from exchange.selectors import (
    challenges_of,
    interests_of,
    known_references,
    latest_call,
    solutions_of,
    teams_by_ref,
    teams_without_ref,
    theme_ids_of,
    themes_by_slug,
)
from exchange.services.syncing import (
    BATCH,
    Kind,
    Relation,
    Synced,
    assign,
    chunks,
    interests_write,
    submissions_sync,
    themes_writer,
)
from incubator.access import is_secretariat
from incubator.models import Call, Organisation, Programme, Theme, User
from incubator.models.programmes import CallKind
from incubator.services.audit import audit_record
from solutions.models import Solution

KINDS = ("themes", "organisations", "challenges", "solutions")
# How far before the earliest submission a call made by an import opens.
CALL_SPAN = timedelta(days=90)
TEAM_FIELDS = ("exchange_ref", "name", "country", "level", "languages", "time_zone")

CHALLENGES = Kind(
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
SOLUTIONS = Kind(
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


@dataclass
class ImportSummary:
    programme: Programme
    programme_created: bool = False
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    incubations: dict | None = None  # counts, when the file carries incubations

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
        lines = [head % {"slug": self.programme.slug, "name": self.programme.name}] + [
            _("%(kind)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
            % {
                "kind": words[kind],
                "created": self.created[kind],
                "updated": self.updated[kind],
                "unchanged": self.unchanged[kind],
            }
            for kind in KINDS
        ]
        return lines + incubations_lines(self.incubations)

    def details(self) -> dict:
        return {
            "programme_created": self.programme_created,
            **{
                state: {kind: getattr(self, state)[kind] for kind in KINDS}
                for state in ("created", "updated", "unchanged")
            },
            **({"incubations": self.incubations} if self.incubations else {}),
        }

    def count(self, kind: str, *, total: int, created: int, updated: int) -> None:
        for counter, number in (
            (self.created, created),
            (self.updated, updated),
            (self.unchanged, total - created - updated),
        ):
            if number:
                counter[kind] += number


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
            summary.incubations = incubations_import(
                records=round_.incubations, programme=summary.programme
            )
    except IntegrityError as error:
        # Only a concurrent change to the same records gets here: the file was checked.
        raise ExchangeError(
            [_("The same records were changed while the file was imported. Import it again.")]
        ) from error
    audit_record(
        actor=by, action="programme.imported", target=summary.programme, details=summary.details()
    )
    return summary


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

    # Programme and calls --------------------------------------------------------------

    def _programme(self) -> tuple[Programme, bool]:
        record = self.round.programme
        # Locked, so two imports of the same round run one after the other.
        programme = Programme.objects.select_for_update().filter(slug=record.slug).first()
        if programme is None:
            return Programme.objects.create(slug=record.slug, **_names(record)), True
        if assign(row=programme, values=_names(record)):
            programme.save(update_fields=["name", "name_fr"])
        return programme, False

    def _call(self, programme: Programme, kind: str) -> Call:
        call = latest_call(programme, kind)
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
        existing = themes_by_slug(named | set(in_file))
        new, changed = [], []
        for slug, record in in_file.items():
            theme = existing.get(slug)
            if theme is None:
                new.append(Theme(slug=slug, **_names(record)))
            elif assign(row=theme, values=_names(record)):
                changed.append(theme)
        Theme.objects.bulk_create(new)
        Theme.objects.bulk_update(changed, ["name", "name_fr"])
        self.summary.count("themes", total=len(in_file), created=len(new), updated=len(changed))
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
        teams = teams_by_ref(
            sorted(
                {record.organisation for record in self._submissions()}
                | {record.ref for record in records}
            )
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
            elif assign(row=team, values=values):
                changed.append(team)
        Organisation.objects.bulk_create(new, batch_size=BATCH)
        Organisation.objects.bulk_update(changed, TEAM_FIELDS, batch_size=BATCH)
        self.summary.count(
            "organisations", total=len(records), created=len(new), updated=len(changed)
        )
        return {ref: team.pk for ref, team in teams.items()}

    def _adopted_teams(self, unknown: list[str]) -> dict[str, Organisation]:
        """Teams made on the portal that an exported file names by generated refs."""
        names = {ref: refs.generated(ref) for ref in unknown}
        names = {ref: name for ref, name in names.items() if name}
        candidates = teams_without_ref(sorted({pk for _base, pk in names.values()}))
        adopted = {}
        for ref, (base, pk) in names.items():
            team = candidates.get(pk)
            if team is not None and refs.organisation_ref(team) == base:
                adopted[ref] = candidates.pop(pk)
        return adopted

    # Challenges and proposals ---------------------------------------------------------

    def _challenges(self, programme, team_ids, theme_ids) -> dict[str, int]:
        """Ids of every challenge of the programme that has a ref, by ref."""
        themes = Relation(
            current=theme_ids_of(Challenge, programme),
            wanted=lambda record: {theme_ids[slug] for slug in record.themes},
            empty=set(),
            write=themes_writer(model=Challenge),
        )
        synced = self._sync(
            CHALLENGES,
            challenges_of(programme),
            self.round.challenges,
            team_ids,
            programme,
            [themes],
        )
        for chunk in chunks(values=[challenge.pk for challenge in synced.new + synced.changed]):
            challenges_search_refresh(challenges=Challenge.objects.filter(pk__in=chunk))
        return {ref: row.pk for ref, row in synced.rows.items()}

    def _solutions(self, programme, team_ids, theme_ids, challenge_ids) -> None:
        themes = Relation(
            current=theme_ids_of(Solution, programme),
            wanted=lambda record: {theme_ids[slug] for slug in record.themes},
            empty=set(),
            write=themes_writer(model=Solution),
        )
        interests = Relation(
            current=interests_of(programme),
            wanted=lambda record: (
                None
                if record.interested_in is None
                else [challenge_ids[ref] for ref in record.interested_in]
            ),
            empty=[],
            write=interests_write,
        )
        self._sync(
            SOLUTIONS,
            solutions_of(programme),
            self.round.solutions,
            team_ids,
            programme,
            [themes, interests],
        )

    def _sync(self, kind, existing, records, team_ids, programme, relations) -> Synced:
        synced = submissions_sync(
            kind=kind,
            existing=existing,
            records=records,
            team_ids=team_ids,
            call=self._call(programme, kind.call_kind),
            now=self.now,
            relations=relations,
        )
        self.summary.count(
            kind.name, total=len(records), created=len(synced.new), updated=len(synced.changed)
        )
        return synced


def _names(record) -> dict:
    """The name, and the French one when the file carries it (left as it is otherwise)."""
    return {"name": record.name} | ({} if record.name_fr is None else {"name_fr": record.name_fr})
