"""Reading a programme exchange file (``incubator-exchange/1``, see
``docs/exchange-format.md``) into plain records.

The whole file is checked in one pass and every problem is collected, each named by its
JSON path the way the spec writes it (``challenges[3].country: 'XX' is not a country
code``), so one round trip through a spreadsheet fixes them all: the round and its
incubations alike. Nothing here writes. (The one check left for the writing is a meeting
uid that belongs to another incubation: exchange.incubations reports it, inside the
import's transaction.)

Beyond the spec's table, the file is held to what the portal's models hold: text within
the model's length and plain (no markup), ``providers_wanted`` from 1 to 5 as on the
challenge form, ``capacity`` at least 1, at least one working language per team, and no
field the format does not name (a misspelt ``capacty`` would otherwise pass silently as
the default). Country codes are read whatever their case and stored in capitals.

A few checks need the portal's data (themes, teams, challenges and proposals the file
refers to but does not carry); the caller looks them up first (``references`` says which) and passes
them in as ``Known``.

The modules: ``records`` (the format's fields and the records it reads into),
``reading`` (bytes to JSON, and the references a file makes), ``checks`` (one value at a
time), ``document`` (the whole file, its programme, themes and teams),
``submissions`` (its challenges and proposals) and ``incubations`` (its incubations).
"""

from exchange.schema.document import validate
from exchange.schema.reading import parse, references
from exchange.schema.records import (
    CAPACITY,
    DEFAULT_CAPACITY,
    DEFAULT_PROVIDERS_WANTED,
    DEFAULT_STATUS,
    FORMAT,
    PROVIDERS_WANTED,
    REF_MAX,
    ChallengeRecord,
    ExchangeError,
    Known,
    OrganisationRecord,
    ProgrammeRecord,
    Round,
    SolutionRecord,
    ThemeRecord,
    Wanted,
)

__all__ = [
    "CAPACITY",
    "DEFAULT_CAPACITY",
    "DEFAULT_PROVIDERS_WANTED",
    "DEFAULT_STATUS",
    "FORMAT",
    "PROVIDERS_WANTED",
    "REF_MAX",
    "ChallengeRecord",
    "ExchangeError",
    "Known",
    "OrganisationRecord",
    "ProgrammeRecord",
    "Round",
    "SolutionRecord",
    "ThemeRecord",
    "Wanted",
    "parse",
    "references",
    "validate",
]
