"""The open-data API: lists in pages, filters, detail, answers a client may keep, a rate
limit per client, the schema and its page, the downloads per round with their licence."""

import csv
import io
import json

import pytest
from django.core.cache import cache

from tests.factories import OrganisationFactory
from tests.library.rows import public_rows
from tests.outcomes.factories import shown_match

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_counts():
    cache.clear()  # the rate limit counts in the cache
    yield
    cache.clear()


def test_a_list_comes_in_pages_with_their_count(client):
    public_rows(3)
    data = client.get("/api/v1/challenges/?page_size=2").json()
    assert data["count"] == 3
    assert len(data["results"]) == 2
    assert data["next"].endswith("page=2&page_size=2")


def test_filters_narrow_the_list(client):
    match = shown_match(solution__organisation=OrganisationFactory(country="KE"))
    shown_match()
    data = client.get("/api/v1/solutions/?country=KE").json()
    assert [s["id"] for s in data["results"]] == [match.solution.pk]
    data = client.get(f"/api/v1/matches/?challenge={match.challenge.pk}").json()
    assert [m["solution_team"]["country"] for m in data["results"]] == ["KE"]


def test_an_answer_has_an_etag_and_may_be_kept(client):
    shown_match()
    response = client.get("/api/v1/challenges/")
    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]
    again = client.get("/api/v1/challenges/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_a_client_asking_too_often_is_told_to_wait(client, settings):
    settings.OPEN_DATA_RATE = "3/minute"
    statuses = [client.get("/api/v1/themes/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    other = client.get("/api/v1/themes/", REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200


def test_the_schema_and_its_page_name_every_list(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    assert schema["openapi"].startswith("3.")
    lists = ["programmes", "calls", "challenges", "solutions", "matches", "stories", "themes"]
    assert {f"/api/v1/{name}/" for name in lists} <= set(schema["paths"])
    page = client.get("/api/v1/docs/").content.decode()
    assert "GET /api/v1/challenges/" in page
    assert "List the public challenges" in page


def test_a_round_downloads_with_its_licence(client):
    match = shown_match()
    slug = match.programme.slug
    response = client.get(f"/library/open-data/{slug}.json")
    data = json.loads(response.content)
    assert data["licence"]["id"] == "CC-BY-4.0"
    assert response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
    assert [c["title"] for c in data["challenges"]] == [match.challenge.title]
    rows = list(
        csv.DictReader(
            io.StringIO(client.get(f"/library/open-data/{slug}/matches.csv").content.decode())
        )
    )
    assert rows[0]["solution_team"] == match.solution.organisation.name
    page = client.get("/library/open-data/").content.decode()
    assert "Creative Commons Attribution 4.0 (CC BY 4.0)" in page


def test_the_secretariat_chooses_another_licence(client):
    match = shown_match()
    match.programme.data_licence = "CC0-1.0"
    match.programme.save()
    data = client.get(f"/library/open-data/{match.programme.slug}.json").json()
    assert data["licence"]["url"] == "https://creativecommons.org/publicdomain/zero/1.0/"
