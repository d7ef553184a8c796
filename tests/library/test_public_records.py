"""What the public records hold: the allow-list against what the API and the library can
write, and a round full of private things of which nothing leaves."""

import json

import pytest

from library.api import serializers
from library.models import LibraryEntry
from library.public.records import FIELDS, TEAM_FIELDS, record
from tests.library.factories import MARKERS, secret_round

pytestmark = pytest.mark.django_db

SERIALIZERS = {
    "theme": serializers.ThemeSerializer,
    "programme": serializers.ProgrammeSerializer,
    "call": serializers.CallSerializer,
    "challenge": serializers.ChallengeSerializer,
    "solution": serializers.SolutionSerializer,
    "match": serializers.MatchSerializer,
    "story": serializers.StorySerializer,
    "outcome": serializers.OutcomeSerializer,
}
# Every field a library entry row holds (and so the list can show) comes from these.
INDEX_FIELDS = {
    "id", "kind", "object_id", "programme", "title", "summary", "body", "team_name", "country",
    "region", "year", "stage", "outcome", "partners", "themes", "shown_at", "indexed_at",
    "search_vector",
}  # fmt: skip
# Names no allow-list may ever hold.
PRIVATE = {
    "screening_note", "eligibility", "constraints", "meeting_windows", "decision_reason",
    "contacts", "email", "created_by", "score", "components", "reasons", "alternates",
    "share_details", "availability", "time_zone", "capacity", "what_tried", "what_changed",
    "keep_doing", "rejection_reason", "status", "state",
}  # fmt: skip


def test_each_serializer_writes_exactly_its_allow_list():
    for kind, serializer in SERIALIZERS.items():
        assert set(serializer().fields) == set(FIELDS[kind]), kind
        assert not set(FIELDS[kind]) & PRIVATE, kind
    assert set(serializers.TeamSerializer().fields) == set(TEAM_FIELDS)


def test_the_index_holds_no_field_outside_the_public_records():
    assert {f.name for f in LibraryEntry._meta.get_fields()} == INDEX_FIELDS


def test_a_record_holds_its_allow_list_and_nothing_else():
    seeded = secret_round()
    public = record("match", seeded.match)
    assert set(public) == set(FIELDS["match"])
    assert [set(advice) for advice in public["advice"]] == [set(FIELDS["outcome"])]
    assert set(public["challenge_team"]) == set(TEAM_FIELDS)


def _addresses(seeded) -> list[str]:
    match, programme = seeded.match, seeded.match.programme
    challenge, solution = match.challenge, match.solution
    return [
        "/library/",
        "/library/?q=older",
        f"/library/?country={challenge.organisation.country}",
        f"/library/challenge/{challenge.pk}/",
        f"/library/solution/{solution.pk}/",
        f"/library/match/{match.pk}/",
        f"/library/story/{seeded.story_pk}/",
        "/library/similar/?for=challenge&text=older+residents+online",
        "/library/similar/?for=challenge&format=html&text=older+residents+online",
        "/library/open-data/",
        f"/library/open-data/{programme.slug}.json",
        *[f"/library/open-data/{programme.slug}/{kind}.csv" for kind in (
            "calls", "challenges", "solutions", "matches", "stories"
        )],
        "/api/v1/programmes/", f"/api/v1/programmes/{programme.slug}/", "/api/v1/calls/",
        "/api/v1/themes/", "/api/v1/challenges/", f"/api/v1/challenges/{challenge.pk}/",
        "/api/v1/solutions/", f"/api/v1/solutions/{solution.pk}/", "/api/v1/matches/",
        f"/api/v1/matches/{match.pk}/", "/api/v1/stories/", f"/api/v1/stories/{seeded.story_pk}/",
    ]  # fmt: skip


def test_no_private_marker_appears_in_any_answer(client):
    seeded = secret_round()
    for address in _addresses(seeded):
        response = client.get(address)
        assert response.status_code == 200, address
        body = response.content.decode()
        leaked = [marker for marker in MARKERS if marker.lower() in body.lower()]
        assert leaked == [], address


def test_what_is_public_is_there(client):
    seeded = secret_round()
    page = client.get(f"/library/match/{seeded.match.pk}/").content.decode()
    assert "Start with the people at the counter." in page
    assert seeded.match.solution.organisation.name in page
    data = json.loads(client.get(f"/api/v1/challenges/{seeded.match.challenge.pk}/").content)
    assert data["team"]["name"] == seeded.match.challenge.organisation.name
    assert data["problem_statement"] == seeded.match.challenge.problem_statement


def test_records_that_are_not_public_are_not_found(client):
    seeded = secret_round()
    hidden = seeded.hidden_match
    assert client.get(f"/library/match/{hidden.pk}/").status_code == 404
    assert client.get(f"/library/solution/{hidden.solution.pk}/").status_code == 404
    assert client.get(f"/api/v1/matches/{hidden.pk}/").status_code == 404
    assert client.get(f"/api/v1/solutions/{hidden.solution.pk}/").status_code == 404


def test_every_page_and_answer_emits_only_allow_listed_fields(client):
    seeded = secret_round()
    match = seeded.match
    entries = {
        "challenge": match.challenge.pk,
        "solution": match.solution.pk,
        "match": match.pk,
        "story": seeded.story_pk,
    }
    for kind, pk in entries.items():
        context = client.get(f"/library/{kind}/{pk}/").context
        assert set(context["entry"]) == set(FIELDS[kind]), kind
        assert set(context["page"].programme) == set(FIELDS["programme"])
        assert set(context["page"].team) == set(TEAM_FIELDS)
        assert all(set(m) == set(FIELDS["match"]) for m in context["page"].matches)
        assert all(set(s) == set(FIELDS["story"]) for s in context["page"].stories)
    for name, kind in (("challenges", "challenge"), ("matches", "match"), ("stories", "story")):
        for row in client.get(f"/api/v1/{name}/").json()["results"]:
            assert set(row) == set(FIELDS[kind]), name
    found = client.get("/library/similar/", {"text": "older residents online"}).json()
    assert {key for entry in found["entries"] for key in entry} == {
        "title", "url", "country", "programme", "helped_by",
    }  # fmt: skip
