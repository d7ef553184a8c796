"""The demo's 2026 round in incubation: every confirmed match's challenge has its
incubation, with content on every new page, and seeding again changes nothing and
sends no email."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from incubation.models import (
    CheckIn,
    ClosingReport,
    Incubation,
    Meeting,
    MeetingState,
    Message,
    Milestone,
    MilestoneState,
)
from incubator.demo.seed import DEMO_ACCOUNTS, DEMO_MEMBER
from incubator.models import Notification, User
from matching.models import Match
from tests.factories import with_second_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("seed_demo", stdout=StringIO())


def test_every_confirmed_challenge_has_its_incubation_with_content_and_no_email(seeded):
    confirmed = Match.objects.filter(state="confirmed").values("challenge").distinct().count()
    counts = [model.objects.count() for model in (Incubation, Milestone, Meeting, Message, CheckIn)]

    call_command("seed_demo", stdout=StringIO())

    assert Incubation.objects.count() == confirmed == 8
    assert [m.objects.count() for m in (Incubation, Milestone, Meeting, Message, CheckIn)] == counts
    assert set(Milestone.objects.values_list("state", flat=True)) == set(MilestoneState.values)
    assert set(Meeting.objects.values_list("state", flat=True)) == set(MeetingState.values)
    assert Incubation.objects.filter(state="closed").count() == 1
    assert ClosingReport.objects.count() == 2
    assert not Notification.objects.exists()


def test_the_demo_member_finds_an_incubation_with_a_coming_meeting_and_unread_news(
    seeded, client_of
):
    member = User.objects.get(email=DEMO_MEMBER.email)
    client = client_of(member)

    mine = client.get(reverse("incubation:mine")).content.decode()
    incubation = Incubation.objects.get(teams__organisation__memberships__user=member)
    overview = client.get(reverse("incubation:overview", args=[incubation.pk])).content.decode()
    plan = client.get(reverse("incubation:plan", args=[incubation.pk])).content.decode()

    assert "Official letters that people understand the first time" in mine
    assert "1 unread message" in mine
    assert "Monthly review" in overview
    assert "overdue" in plan and "Dropped" in plan and "In progress" in plan


def test_the_secretariat_sees_the_round_on_the_desk_with_one_at_risk_first(seeded, client_of):
    secretariat = with_second_factor(User.objects.get(email=DEMO_ACCOUNTS[0].email))
    client = client_of(secretariat)

    desk = client.get(reverse("incubation:desk", args=["incubator-2026"])).content.decode()
    checkins = client.get(reverse("incubation:desk_checkins", args=["incubator-2026"]))

    assert "Shorter queues at public clinics" in desk
    assert "low confidence" in desk
    page = checkins.content.decode()
    assert page.index("Shorter queues at public clinics") < page.index("People losing health")
