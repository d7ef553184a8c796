"""The example package in docs/exchange-format.md is a valid file: it imports into an
empty portal, a second import changes nothing, and the export gives the same file back.
This keeps the documented example true as the format grows."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings

from exchange.services import programme_export, programme_import
from incubator.models import Programme

DOC = Path(settings.BASE_DIR) / "docs" / "exchange-format.md"
MARKER = "<!-- example: a valid package"
BLOCK = re.compile(r"```json\n(.*?)\n```", re.DOTALL)

pytestmark = pytest.mark.django_db


def documented_example() -> dict:
    text = DOC.read_text(encoding="utf-8")
    assert MARKER in text, "the example's marker is missing from docs/exchange-format.md"
    found = BLOCK.search(text, text.index(MARKER))
    assert found, "no ```json block follows the example's marker"
    return json.loads(found.group(1))


def test_the_documented_example_imports_into_an_empty_portal():
    example = documented_example()

    summary = programme_import(data=example)

    assert summary.programme_created
    kinds = ("themes", "organisations", "challenges", "solutions")
    assert sum(summary.created.values()) == sum(len(example.get(kind, [])) for kind in kinds)
    assert summary.incubations == {
        "created": len(example["incubations"]),
        "updated": 0,
        "unchanged": 0,
    }


def test_importing_the_documented_example_twice_changes_no_record():
    example = documented_example()
    programme_import(data=example)

    again = programme_import(data=example)

    assert not again.programme_created
    assert sum(again.created.values()) == 0
    assert sum(again.updated.values()) == 0
    assert again.incubations == {"created": 0, "updated": 0, "unchanged": 1}


def test_the_documented_example_exports_as_it_was_written():
    example = documented_example()
    programme_import(data=example)

    exported = programme_export(programme=Programme.objects.get(slug=example["programme"]["slug"]))

    assert exported == example
