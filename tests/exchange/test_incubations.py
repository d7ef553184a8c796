"""Incubations in exchange files (docs/exchange-format.md): a round's export carries
its incubations with teams, milestones and meetings; importing it into an empty portal
and exporting again gives the same file; older files without the key import as before;
a bad incubation rejects the whole file, every problem named by its path."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from challenges.models import Challenge
from exchange.schema import ExchangeError
from exchange.services import programme_export, programme_import
from incubation.models import Incubation, IncubationTeam, Meeting, Milestone
from incubation.services.hours import working_hours_set
from incubation.services.meetings import meeting_fix, meeting_propose
from incubation.services.plan import milestone_add, plan_update
from incubator.models import Notification, Programme
from solutions.models import Solution
from tests.exchange.rounds import sample, snapshot
from tests.incubation.factories import workspace

pytestmark = pytest.mark.django_db


def a_round_with_an_incubation():
    ws = workspace()
    plan_update(
        incubation=ws.incubation,
        by=ws.owner,
        goal="Ten letters.",
        deliverables="A method.",
        brings={ws.provider_team.pk: "Templates."},
    )
    working_hours_set(
        team=ws.provider_team,
        by=ws.provider,
        weekdays=[0, 1, 2],
        day_starts=time(7),
        day_ends=time(20),
    )
    milestone_add(
        incubation=ws.incubation,
        by=ws.owner,
        team=ws.provider_team,
        title="Templates translated",
        due_on=timezone.localdate() + timedelta(days=10),
    )
    meeting = meeting_propose(
        incubation=ws.incubation, by=ws.owner, title="Kick-off", duration_minutes=60
    )
    meeting_fix(meeting=meeting, slot=meeting.slots.first(), by=ws.owner)
    return ws


def empty_the_portal():
    Incubation.objects.all().delete()
    Challenge.objects.all().delete()
    Solution.objects.all().delete()
    Programme.objects.all().delete()


def everything() -> dict:
    rows = snapshot()
    for model in (Incubation, IncubationTeam, Milestone, Meeting):
        rows[model.__name__] = sorted(map(repr, model.objects.values_list()))
    return rows


def test_the_export_carries_the_incubation_with_its_teams_milestones_and_meetings():
    ws = a_round_with_an_incubation()

    document = programme_export(programme=ws.incubation.programme)

    (item,) = document["incubations"]
    challenge = ws.incubation.challenge
    assert item["challenge"] == f"ch-{challenge.pk}"
    assert item["goal"] == "Ten letters."
    assert item["teams"][1] == {
        "submission": f"so-{ws.provider_team.solution_id}",
        "brings": "Templates.",
        "working_days": [0, 1, 2],
        "working_hours": ["07:00", "20:00"],
    }
    assert item["milestones"][0]["team"] == f"so-{ws.provider_team.solution_id}"
    assert item["milestones"][0]["ref"] == f"ms-{Milestone.objects.get().pk}"
    meeting = Meeting.objects.get()
    assert item["meetings"][0]["uid"] == meeting.uid
    assert item["meetings"][0]["state"] == "fixed"
    assert item["meetings"][0]["starts_at"].endswith("Z")


def test_export_import_into_an_empty_portal_export_gives_the_same_file_and_sends_nothing():
    ws = a_round_with_an_incubation()
    first = programme_export(programme=ws.incubation.programme)
    empty_the_portal()
    Notification.objects.all().delete()

    summary = programme_import(data=first)

    assert "Incubations: 1 created, 0 updated, 0 unchanged." in summary.lines()
    again = programme_export(programme=summary.programme)
    assert again == first
    assert not Notification.objects.exists()
    programme_import(data=first)
    assert programme_export(programme=summary.programme) == first
    assert Milestone.objects.count() == 1 and Meeting.objects.count() == 1


def test_an_older_file_without_incubations_imports_as_before_and_exports_without_the_key():
    summary = programme_import(data=sample())

    assert not any(line.startswith("Incubations") for line in summary.lines())
    assert "incubations" not in programme_export(programme=summary.programme)


@pytest.mark.parametrize(
    ("spoil", "problem"),
    [
        (lambda i: i.update(state="finished"), "incubations[0].state: 'finished' is not one of"),
        (
            lambda i: i["teams"][0].update(working_hours=["17:00", "09:00"]),
            "incubations[0].teams[0].working_hours",
        ),
        (
            lambda i: i["milestones"][0].update(due_on="soon"),
            "incubations[0].milestones[0].due_on: 'soon' is not a date such as 2026-10-01",
        ),
        (
            lambda i: i["meetings"][0].update(time_zone="Mars/Olympus"),
            "incubations[0].meetings[0].time_zone",
        ),
        (lambda i: i.update(goal="<script>x</script>"), "incubations[0].goal: Use plain text here"),
        (lambda i: i.update(colour="red"), "incubations[0].colour: is not a field of this format"),
        (
            lambda i: i["teams"][1].update(submission="so-999999"),
            "incubations[0].teams[1].submission: 'so-999999'",
        ),
        (
            lambda i: i.update(challenge="ch-999999"),
            "incubations[0].challenge: 'ch-999999' is not a challenge",
        ),
    ],
)
def test_a_bad_incubation_rejects_the_whole_file_naming_the_path(spoil, problem):
    ws = a_round_with_an_incubation()
    document = programme_export(programme=ws.incubation.programme)
    spoil(document["incubations"][0])
    before = everything()

    with pytest.raises(ExchangeError) as refused:
        programme_import(data=document)

    messages = refused.value.messages
    assert any(message.startswith(problem) for message in messages), messages
    assert everything() == before
