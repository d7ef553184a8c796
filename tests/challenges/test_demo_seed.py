"""The demo round's challenges: published ones on the public list, submitted ones on the
screening desk, the demo member's draft on their own page, and nothing twice."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from challenges.demo.seed import CHALLENGES
from challenges.models import Challenge
from challenges.selectors import challenges_for_desk, challenges_published
from incubator.demo.seed import DEMO_MEMBER, DEMO_PROGRAMME
from incubator.models import Notification, User

pytestmark = pytest.mark.django_db


def titles(state):
    return {entry.title for entry in CHALLENGES if entry.state == state}


def seed_demo():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_the_public_list_shows_the_published_demo_challenges_and_no_draft(client):
    seed_demo()
    published = titles("published")
    draft = Challenge.objects.get(title__in=titles("draft"))

    page = client.get(reverse("challenges:list"), {"programme": DEMO_PROGRAMME}).content.decode()

    assert len(published) == 6
    assert f"{len(published)} challenges" in page
    assert all(title in page for title in published)
    assert not any(title in page for title in titles("submitted") | titles("screening"))
    assert draft.title not in page
    assert client.get(reverse("challenges:detail", kwargs={"pk": draft.pk})).status_code == 404


def test_published_demo_challenges_can_be_found_by_search(client):
    seed_demo()

    page = client.get(reverse("challenges:list"), {"q": "flood"}).content.decode()

    assert "1 challenge" in page
    assert "Flood warnings that reach people in informal settlements" in page


def test_the_screening_desk_gets_the_submitted_demo_challenges_newest_first():
    seed_demo()

    desk = list(challenges_for_desk())
    waiting = [c for c in desk if c.status in ("submitted", "screening")]

    assert {c.title for c in waiting} == titles("submitted") | titles("screening")
    assert not any(c.status == "draft" for c in desk)
    assert [c.submitted_at for c in desk] == sorted((c.submitted_at for c in desk), reverse=True)
    assert all(c.eligibility for c in desk if c.status == "screening")


def test_the_demo_member_sees_their_teams_draft(client_of):
    seed_demo()
    member = User.objects.get(email=DEMO_MEMBER.email)
    (draft,) = Challenge.objects.filter(status="draft")

    page = client_of(member).get(reverse("challenges:mine")).content.decode()

    assert draft.created_by == member
    assert draft.organisation.memberships.filter(user=member).exists()
    assert draft.title in page


def test_seeding_sends_no_challenge_emails():
    seed_demo()

    assert not Notification.objects.filter(key__startswith="challenge").exists()


def states():
    return Counter(Challenge.objects.values_list("status", flat=True))


def test_seeding_twice_changes_nothing_and_says_what_is_there():
    first = seed_demo()
    before, public = states(), challenges_published().count()

    second = seed_demo()

    assert Challenge.objects.filter(call__programme__slug=DEMO_PROGRAMME).count() == len(CHALLENGES)
    assert states() == before
    assert challenges_published().count() == public
    line = (
        f"{len(CHALLENGES)} challenges in the call for challenges 2027: 6 published, "
        "4 submitted, 2 in screening, 1 draft."
    )
    assert line in first
    assert line in second
