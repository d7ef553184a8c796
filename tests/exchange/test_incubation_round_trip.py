"""Export, import into an empty portal, export again gives the same file, whatever the
round holds: an incubation team whose proposal is a draft (so not exported) is left out
of the export with its milestones, instead of being named by an empty ref that no
import could read."""

from datetime import timedelta

import pytest
from django.utils import timezone

from exchange.services import programme_export, programme_import
from incubation.services.plan import milestone_add
from solutions.models import Solution
from tests.exchange.test_incubations import a_round_with_an_incubation, empty_the_portal

pytestmark = pytest.mark.django_db


def a_round_whose_provider_went_back_to_draft():
    ws = a_round_with_an_incubation()
    milestone_add(
        incubation=ws.incubation,
        by=ws.owner,
        team=ws.owner_team,
        title="Letters chosen",
        due_on=timezone.localdate() + timedelta(days=3),
    )
    Solution.objects.filter(pk=ws.provider_team.solution_id).update(status="draft")
    return ws


def test_a_team_whose_proposal_is_a_draft_is_left_out_with_its_milestones():
    ws = a_round_whose_provider_went_back_to_draft()

    (item,) = programme_export(programme=ws.incubation.programme)["incubations"]

    challenge_ref = f"ch-{ws.incubation.challenge_id}"
    assert [team["submission"] for team in item["teams"]] == [challenge_ref]
    assert [(m["title"], m["team"]) for m in item["milestones"]] == [
        ("Letters chosen", challenge_ref)
    ]


@pytest.mark.parametrize(
    "make_round", [a_round_with_an_incubation, a_round_whose_provider_went_back_to_draft]
)
def test_export_import_export_of_a_round_with_incubations_gives_the_same_file(make_round):
    first = programme_export(programme=make_round().incubation.programme)
    empty_the_portal()

    summary = programme_import(data=first)

    assert programme_export(programme=summary.programme) == first
