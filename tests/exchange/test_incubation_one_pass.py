"""One pass over the file lists every problem: those of the round and those of its
incubations, including refs the incubations name that nothing declares, so one round
trip through a spreadsheet fixes them all."""

import pytest

from exchange.schema import ExchangeError
from exchange.services import programme_export, programme_import
from tests.exchange.test_incubations import a_round_with_an_incubation, everything

pytestmark = pytest.mark.django_db


def test_a_file_with_a_round_problem_and_incubation_problems_lists_them_all_at_once():
    ws = a_round_with_an_incubation()
    document = programme_export(programme=ws.incubation.programme)
    document["organisations"][0]["country"] = "XX"
    (incubation,) = document["incubations"]
    incubation["milestones"][0]["due_on"] = "soon"
    incubation["teams"][1]["submission"] = "so-999999"
    before = everything()

    with pytest.raises(ExchangeError) as refused:
        programme_import(data=document)

    assert refused.value.messages == [
        "organisations[0].country: 'XX' is not a country code",
        "incubations[0].teams[1].submission: 'so-999999' is not this incubation's challenge "
        "or a proposal of this file or of the programme",
        "incubations[0].milestones[0].team: "
        f"'so-{ws.provider_team.solution_id}' is not a team of this incubation",
        "incubations[0].milestones[0].due_on: 'soon' is not a date such as 2026-10-01",
    ]
    assert everything() == before


def test_an_incubation_may_name_the_programmes_challenge_by_the_ref_the_export_gave_it():
    ws = a_round_with_an_incubation()
    document = programme_export(programme=ws.incubation.programme)
    only_incubations = {
        "format": document["format"],
        "programme": document["programme"],
        "incubations": document["incubations"],
    }
    document["incubations"][0]["goal"] = "Twelve letters."

    summary = programme_import(data=only_incubations)

    assert summary.incubations["updated"] == 1
    ws.incubation.refresh_from_db()
    assert ws.incubation.goal == "Twelve letters."
