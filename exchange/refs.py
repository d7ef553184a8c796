"""The keys (``ref``) that records carry in exchange files.

An imported record keeps the ref its file gave it, in ``exchange_ref``. A record made on
the portal has none, so the export names it: ``ch-<pk>`` for a challenge, ``so-<pk>``
for a solution proposal, ``<slug of the team's name>-<pk>`` for a team. These names are
stable (the pk never changes, and a team's name only matters while it has no ref), and
an import recognises them: a ref the portal does not hold, shaped like a generated
name, adopts the record it names if that record still has no ref (and, for challenges
and proposals, belongs to the same programme and team), so exporting, editing the file
and importing it again updates the portal's records instead of copying them. If a
generated name is already an imported record's ref, ``-portal`` is added until it is free.
"""

import re

from django.utils.text import slugify

from incubator.models import Organisation

PORTAL_SUFFIX = "-portal"
_SUFFIXES = re.compile(r"(?:-portal)+$")
# A pk as the database can hold it: at most 18 digits.
_TRAILING_PK = re.compile(r"(.+)-([0-9]{1,18})")
SLUG_MAX = 60


def challenge_ref(pk: int) -> str:
    return f"ch-{pk}"


def solution_ref(pk: int) -> str:
    return f"so-{pk}"


def organisation_ref(organisation: Organisation) -> str:
    slug = slugify(organisation.name)[:SLUG_MAX].strip("-") or "team"
    return f"{slug}-{organisation.pk}"


def free(ref: str, taken: set[str]) -> str:
    """``ref``, or ``ref`` with ``-portal`` added until no record holds it."""
    while ref in taken:
        ref += PORTAL_SUFFIX
    return ref


def generated(ref: str) -> tuple[str, int] | None:
    """(generated name, pk) when ``ref`` could be a name the export made, else None."""
    base = _SUFFIXES.sub("", ref)
    match = _TRAILING_PK.fullmatch(base)
    if match is None:
        return None
    return base, int(match.group(2))
