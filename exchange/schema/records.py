"""What an exchange file holds: the format's name, fields, bounds and defaults, and the
plain records a checked file reads into."""

from dataclasses import dataclass, field
from datetime import datetime

from incubator.models import Organisation
from incubator.validators import escape_surrogates
from submissions.models import SubmissionState

FORMAT = "incubator-exchange/1"
REF_MAX = Organisation._meta.get_field("exchange_ref").max_length
PROVIDERS_WANTED = (1, 5)  # the model's validators, as the challenge form says
CAPACITY = (1, 32767)  # at least one; at most what the column holds
DEFAULT_PROVIDERS_WANTED = 2
DEFAULT_CAPACITY = 1
DEFAULT_STATUS = SubmissionState.SUBMITTED

# "incubations" is optional, read by exchange.schema.incubations.
TOP_FIELDS = (
    "format",
    "programme",
    "themes",
    "organisations",
    "challenges",
    "solutions",
    "incubations",
)
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
        # A message quotes what the file holds, which may not be Unicode text.
        self.messages = [escape_surrogates(str(message)) for message in messages]
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
    incubations: tuple = ()  # of exchange.schema.incubations.IncubationRecord


@dataclass(frozen=True)
class Known:
    """What the portal already holds that the file may refer to without carrying it."""

    themes: frozenset[str] = frozenset()
    organisations: frozenset[str] = frozenset()
    challenges: frozenset[str] = frozenset()  # refs of the programme's challenges
    # For incubations: the refs that name a challenge or proposal of the programme, its
    # own or, for a record that has none, the one the export gave it (exchange.refs).
    incubated_challenges: frozenset[str] = frozenset()
    incubated_solutions: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Wanted:
    """References the file makes, for the caller to look up as ``Known``."""

    programme: str | None = None
    themes: frozenset[str] = field(default_factory=frozenset)
    organisations: frozenset[str] = field(default_factory=frozenset)
    challenges: frozenset[str] = field(default_factory=frozenset)
    incubated_challenges: frozenset[str] = field(default_factory=frozenset)
    incubated_solutions: frozenset[str] = field(default_factory=frozenset)
