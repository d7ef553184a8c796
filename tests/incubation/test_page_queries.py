"""The workspace's other list pages hold their queries as their rows grow: the plan with
its milestones and history, the meetings, a meeting's slots and answers, the overview,
and a team's check-ins."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from incubation.services.checkins import checkin_send
from incubation.services.meetings import meeting_propose, slot_answers_give
from incubation.services.plan import milestone_add, milestone_complete
from tests.incubation.factories import workspace

pytestmark = pytest.mark.django_db


def some_work(ws, n: int):
    for index in range(n):
        milestone = milestone_add(
            incubation=ws.incubation,
            by=ws.owner,
            team=ws.provider_team if index % 2 else ws.owner_team,
            title=f"Milestone {index}",
            due_on=timezone.localdate() + timedelta(days=index + 1),
        )
        if index % 3 == 0:
            milestone_complete(milestone=milestone, by=ws.owner, note="Done")
        meeting = meeting_propose(
            incubation=ws.incubation, by=ws.owner, title=f"Meeting {index}", duration_minutes=30
        )
        slots = list(meeting.slots.values_list("pk", flat=True))
        for person in (ws.owner, ws.provider):
            slot_answers_give(meeting=meeting, by=person, available=set(slots[:2]))
        checkin_send(
            team=ws.owner_team,
            by=ws.owner,
            progress=f"Week {index}",
            blockers="",
            help_wanted="",
            confidence=3,
        )


def test_the_workspace_pages_hold_their_queries_as_the_work_grows(
    client_of, queries_to_render, django_assert_max_num_queries
):
    ws = workspace()
    some_work(ws, 2)
    client = client_of(ws.owner)
    pk = ws.incubation.pk
    meeting = ws.incubation.meetings.first()
    pages = [
        reverse("incubation:overview", args=[pk]),
        reverse("incubation:plan", args=[pk]),
        reverse("incubation:meetings", args=[pk]),
        reverse("incubation:meeting", args=[pk, meeting.pk]),
        reverse("incubation:checkins", args=[pk]),
    ]
    few = {page: queries_to_render(client, page) for page in pages}

    some_work(ws, 15)

    for page, count in few.items():
        with django_assert_max_num_queries(count):
            assert client.get(page).status_code == 200, page
