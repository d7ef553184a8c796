"""The demo's library is not empty: the past round's published challenges, its consented
proposals and matches and its approved stories are in it, and nothing private is."""

from io import StringIO

import pytest
from django.core.management import call_command

from library.models import LibraryEntry
from outcomes.models import Story, StoryState

pytestmark = pytest.mark.django_db


def test_the_demo_fills_the_library(client):
    call_command("seed_demo", stdout=StringIO())
    kinds = set(LibraryEntry.objects.values_list("kind", flat=True))
    assert kinds == {"challenge", "solution", "match", "story"}
    story = Story.objects.filter(state=StoryState.APPROVED).first()
    page = client.get("/library/?kind=story").content.decode()
    assert story.title in page
    drafts = Story.objects.exclude(state=StoryState.APPROVED).exclude(title="")
    for draft in drafts:
        assert draft.title not in page
