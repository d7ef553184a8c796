"""Writing one kind of a programme's records as the file says: each record found by its
ref (or adopted by the name the export gave it), compared with the file field by field,
and only what differs written, in batches, with its themes and ranked interests."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from exchange import refs
from exchange.schema import DEFAULT_STATUS
from incubator.models import Call
from solutions.models import SolutionInterest
from submissions.models import SubmissionState

BATCH = 1000
COMMON_FIELDS = ("exchange_ref", "organisation", "title", "summary", "status", "submitted_at")


@dataclass(frozen=True)
class Kind:
    model: type
    name: str
    call_kind: str
    generated_ref: Callable[[int], str]
    fields: Callable  # the kind's own values from a record; None when left out
    own: tuple[str, ...]  # their names
    defaults: dict


@dataclass(frozen=True)
class Relation:
    current: dict  # pk -> what is stored
    wanted: Callable  # record -> what the file says, None when left out
    empty: object  # what is stored when there is nothing
    write: Callable  # (values={pk: value}, stored=[pks that had rows]) -> None


@dataclass
class Synced:
    """Every record of the programme that has a ref, by ref, and those written."""

    rows: dict
    new: list = field(default_factory=list)
    changed: list = field(default_factory=list)


def assign(*, row, values: dict) -> bool:
    """Set the values that differ; whether any did."""
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


def chunks(*, values: list, size: int = BATCH):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def submissions_sync(
    *, kind: Kind, existing, records, team_ids: dict, call: Call, now: datetime, relations
) -> Synced:
    """Create and update the programme's records of one kind as the file says."""
    existing = list(existing.order_by("pk"))
    synced = Synced(rows={row.exchange_ref: row for row in existing if row.exchange_ref})
    without_ref = {row.pk: row for row in existing if not row.exchange_ref}
    pending = [{} for _relation in relations]  # per relation: ref -> value to write
    for record in records:
        team_id = team_ids[record.organisation]
        row = synced.rows.get(record.ref) or _adopt(
            record.ref, without_ref, team_id, kind.generated_ref
        )
        values = _values(kind, record, team_id)
        wanted = [relation.wanted(record) for relation in relations]
        if row is None:
            row = _new_row(kind, values, call=call, now=now)
            synced.new.append(row)
            differs = [bool(value) for value in wanted]
        else:
            differs = [
                value is not None and relation.current.get(row.pk, relation.empty) != value
                for relation, value in zip(relations, wanted, strict=True)
            ]
            if assign(row=row, values=values) or any(differs):
                row.updated_at = now
                synced.changed.append(row)
        for index, value in enumerate(wanted):
            if differs[index]:
                pending[index][record.ref] = value
        synced.rows[record.ref] = row
    _write(kind, synced, relations, pending)
    return synced


def _values(kind: Kind, record, team_id: int) -> dict:
    """What the file says of the record; a field it leaves out is not there."""
    values = {
        "exchange_ref": record.ref,
        "organisation_id": team_id,
        "title": record.title,
        "summary": record.summary,
        "status": record.status,
        "submitted_at": record.submitted_at,
        **kind.fields(record),
    }
    return {name: value for name, value in values.items() if value is not None}


def _new_row(kind: Kind, values: dict, *, call: Call, now: datetime):
    """A record the portal does not hold yet: what the file leaves out takes the default
    (an existing record keeps what it has)."""
    values = {**kind.defaults, "status": DEFAULT_STATUS, **values}
    if values["status"] != SubmissionState.DRAFT:
        values.setdefault("submitted_at", now)
    return kind.model(call=call, **values)


def _write(kind: Kind, synced: Synced, relations, pending: list[dict]) -> None:
    kind.model.objects.bulk_create(synced.new, batch_size=BATCH)
    kind.model.objects.bulk_update(
        synced.changed,
        [*COMMON_FIELDS, *kind.own, "updated_at"],
        batch_size=BATCH,
    )
    stored = {row.pk for row in synced.changed}
    rows = synced.rows
    for relation, values in zip(relations, pending, strict=True):
        relation.write(
            values={rows[ref].pk: value for ref, value in values.items()},
            stored=[rows[ref].pk for ref in values if rows[ref].pk in stored],
        )


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


def themes_writer(*, model):
    """A relation's ``write`` for the themes of ``model``: the old rows of stored records
    go, the file's themes come."""
    through = model.themes.through
    owner = f"{model._meta.model_name}_id"

    def write(*, values: dict[int, set[int]], stored: list[int]) -> None:
        for chunk in chunks(values=stored):
            through.objects.filter(**{f"{owner}__in": chunk}).delete()
        through.objects.bulk_create(
            (
                through(**{owner: pk, "theme_id": theme_id})
                for pk, ids in values.items()
                for theme_id in sorted(ids)
            ),
            batch_size=BATCH,
        )

    return write


def interests_write(*, values: dict[int, list[int]], stored: list[int]) -> None:
    """A relation's ``write`` for proposals' ranked interests: the old rows of stored
    proposals go, the file's interests come, the first one rank 1."""
    for chunk in chunks(values=stored):
        SolutionInterest.objects.filter(solution_id__in=chunk).delete()
    SolutionInterest.objects.bulk_create(
        (
            SolutionInterest(solution_id=pk, challenge_id=challenge_id, rank=rank)
            for pk, challenge_ids in values.items()
            for rank, challenge_id in enumerate(challenge_ids, start=1)
        ),
        batch_size=BATCH,
    )
