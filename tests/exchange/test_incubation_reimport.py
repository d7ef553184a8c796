"""Importing the same file again changes nothing and says so, for incubations as for
the rest of the round: no team, milestone or meeting is saved again, and the summary
counts the incubation as unchanged."""

import pytest

from exchange.services import programme_export, programme_import
from tests.exchange.test_incubations import a_round_with_an_incubation, everything

pytestmark = pytest.mark.django_db


def an_imported_round() -> dict:
    ws = a_round_with_an_incubation()
    document = programme_export(programme=ws.incubation.programme)
    programme_import(data=document)
    return document


def test_importing_an_unchanged_file_again_changes_nothing_and_says_so():
    document = an_imported_round()
    before = everything()

    summary = programme_import(data=document)

    assert "Incubations: 0 created, 0 updated, 1 unchanged." in summary.lines()
    assert summary.details()["incubations"] == {"created": 0, "updated": 0, "unchanged": 1}
    after = everything()
    assert after.pop("AuditEntry") != before.pop("AuditEntry"), "the import is recorded"
    assert after == before


@pytest.mark.parametrize(
    "change",
    [
        lambda item: item.update(goal="Twelve letters."),
        lambda item: item["teams"][1].update(working_days=[3]),
        lambda item: item["milestones"][0].update(title="Templates translated twice"),
        lambda item: item["meetings"][0].update(sequence=4),
    ],
)
def test_a_file_that_changes_one_thing_of_an_incubation_counts_it_as_updated(change):
    document = an_imported_round()
    change(document["incubations"][0])

    summary = programme_import(data=document)

    assert "Incubations: 0 created, 1 updated, 0 unchanged." in summary.lines()
    assert programme_export(programme=summary.programme) == document
