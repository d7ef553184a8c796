"""The sample round and what the tests need to tell whether the database changed."""

import copy
import json
from functools import cache
from pathlib import Path

from challenges.models import Challenge
from incubator.models import AuditEntry, Call, Organisation, Programme, Theme
from solutions.models import Solution, SolutionInterest

SAMPLE_PATH = Path(__file__).with_name("sample_round.json")


@cache
def _sample() -> dict:
    return json.loads(SAMPLE_PATH.read_text(encoding="utf-8"))


def sample() -> dict:
    """The sample round as parsed JSON, a fresh copy to change at will."""
    return copy.deepcopy(_sample())


def as_bytes(data) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


TABLES = (
    Programme,
    Call,
    Theme,
    Organisation,
    Challenge,
    Challenge.themes.through,
    Solution,
    Solution.themes.through,
    SolutionInterest,
    AuditEntry,
)


def snapshot() -> dict:
    """Every row an import could write, as plain values: equal snapshots mean nothing
    was added, removed or changed (timestamps included)."""
    return {model.__name__: sorted(map(repr, model.objects.values_list())) for model in TABLES}
