"""The rubric of a call: the criteria reviewers score, their weights and the meaning of
each point of the scale."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from incubator.models import Call, User
from incubator.services.audit import audit_record
from reviews.access import secretariat_require
from reviews.models import SCALE, Criterion
from reviews.selectors import rubric_is_locked

ANCHOR_COUNT = len(SCALE)


@dataclass(frozen=True)
class CriterionRow:
    """One criterion as the secretariat edited it; ``pk`` is None for a new one."""

    pk: int | None
    name: str
    description: str
    weight: int
    anchors: tuple[str, ...]
    name_fr: str = ""
    description_fr: str = ""
    anchors_fr: tuple[str, ...] = ()


def _check(call: Call, rows: list[CriterionRow], removed) -> dict[int, Criterion]:
    """The call's criteria by pk, once the rows are known to make a rubric."""
    if rubric_is_locked(call=call):
        raise ValidationError(
            _("Reviews have been submitted against this rubric; it can no longer change.")
        )
    if not rows:
        raise ValidationError(_("A rubric needs at least one criterion."))
    names = [row.name.strip().casefold() for row in rows]
    if len(set(names)) != len(names):
        raise ValidationError(_("Give each criterion a different name."))
    existing = {criterion.pk: criterion for criterion in call.review_criteria.all()}
    unknown = {row.pk for row in rows if row.pk is not None} | set(removed)
    if unknown - existing.keys():
        raise ValidationError(_("The rubric was changed meanwhile. Reload the page."))
    return existing


@transaction.atomic
def rubric_save(
    *, call: Call, by: User, rows: list[CriterionRow], removed: list[int] = ()
) -> list[Criterion]:
    """Replace the call's rubric by these criteria, in this order."""
    secretariat_require(by=by)
    existing = _check(call, rows, removed)
    Criterion.objects.filter(call=call, pk__in=removed).delete()
    saved = []
    for position, row in enumerate(rows, start=1):
        if len(row.anchors) != ANCHOR_COUNT or not all(a.strip() for a in row.anchors):
            raise ValidationError(_("Describe what each point of the scale, 1 to 5, means."))
        criterion = existing.get(row.pk) or Criterion(call=call)
        criterion.position = position
        criterion.name = row.name.strip()
        criterion.description = row.description.strip()
        criterion.name_fr = row.name_fr.strip()
        criterion.description_fr = row.description_fr.strip()
        criterion.weight = row.weight
        criterion.anchors = [anchor.strip() for anchor in row.anchors]
        french = [anchor.strip() for anchor in row.anchors_fr]
        criterion.anchors_fr = french if any(french) else []
        criterion.full_clean()
        criterion.save()
        saved.append(criterion)
    audit_record(
        actor=by,
        action="review.rubric_saved",
        target=call,
        details={"criteria": [f"{c.name} ×{c.weight}" for c in saved], "removed": len(removed)},
    )
    return saved
