"""The dashboard's incubation section: incubations by state with those at risk, the
milestones done of those planned and the meetings held, each table beside its chart and
as CSV, counted in the same queries however many incubations there are."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from incubation.models import Incubation, Meeting, Milestone
from tests.incubation.factories import workspace

pytestmark = pytest.mark.django_db


def figures(client, programme) -> str:
    return client.get(
        reverse("outcomes:dashboard", kwargs={"slug": programme.slug})
    ).content.decode()


def add_work(ws, *, done: int, open_: int, held: int):
    today = timezone.localdate()
    for n in range(done + open_):
        Milestone.objects.create(
            incubation=ws.incubation,
            team=ws.owner_team,
            title=f"M{n}",
            due_on=today - timedelta(days=1),  # overdue when open
            state="done" if n < done else "planned",
        )
    for n in range(held):
        starts = timezone.now() - timedelta(days=3 + n)
        Meeting.objects.create(
            incubation=ws.incubation,
            title=f"Held {n}",
            time_zone="UTC",
            state="fixed",
            starts_at=starts,
            ends_at=starts + timedelta(hours=1),
            uid=f"held-{ws.incubation.pk}-{n}",
        )


def a_programme():
    first = workspace()
    programme = first.incubation.programme
    second = workspace(state="closed")
    Incubation.objects.filter(pk=second.incubation.pk).update(programme=programme)
    add_work(first, done=2, open_=1, held=2)
    add_work(second, done=1, open_=0, held=1)
    return programme, first


def test_the_section_counts_incubations_by_state_and_at_risk_milestones_and_meetings(client_of):
    programme, ws = a_programme()

    page = figures(client_of(ws.secretariat), programme)

    assert '<h2 id="incubation">Incubation</h2>' in page
    assert '<th scope="row">Active</th><td>1</td><td>1</td>' in page  # active, at risk
    assert '<th scope="row">Closed</th><td>1</td><td>0</td>' in page
    assert '<th scope="row">Milestones done</th><td>3</td>' in page
    assert '<th scope="row">Milestones planned, dropped ones aside</th><td>4</td>' in page
    assert '<th scope="row">Meetings held</th><td>3</td>' in page


def test_each_incubation_table_downloads_as_csv(client_of):
    programme, ws = a_programme()
    client = client_of(ws.secretariat)

    for key in ("incubation-states", "incubation-work"):
        response = client.get(
            reverse("outcomes:dashboard_csv", kwargs={"slug": programme.slug, "key": key})
        )
        rows = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
        assert response.status_code == 200
        assert len(rows) > 2
    assert "Meetings held,3" in rows


def test_the_section_holds_its_queries_as_incubations_grow(client_of, queries_to_render):
    programme, ws = a_programme()
    client = client_of(ws.secretariat)
    url = reverse("outcomes:dashboard", kwargs={"slug": programme.slug})
    client.get(url)  # the first look counts the submissions; this section counts each time
    few = queries_to_render(client, url)

    for _n in range(10):
        more = workspace()
        Incubation.objects.filter(pk=more.incubation.pk).update(programme=programme)
        add_work(more, done=1, open_=2, held=1)

    assert queries_to_render(client, url) == few
