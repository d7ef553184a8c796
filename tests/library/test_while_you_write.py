"""Beside a draft: past challenges close to what the team has written, who helped them,
and a button that saves the draft and looks again without JavaScript; for a proposal,
the challenges of its round closest to the team's experience."""

import pytest
from django.urls import reverse

from challenges.models import Challenge
from library.index import library_refresh
from tests.factories import CallFactory, ChallengeFactory, MembershipFactory, OrganisationFactory
from tests.library.factories import secret_round
from tests.solutions.factories import SolutionFactory

pytestmark = pytest.mark.django_db

PROBLEM = {
    "problem_statement": "Older residents in rural areas never use the online benefits portal.",
    "context": "Many people over seventy.",
    "tried": "Library workshops.",
    "constraints": "No new staff.",
}


@pytest.fixture
def drafting(client):
    seeded = secret_round()  # a past round, with a shown match on older residents
    membership = MembershipFactory(organisation=OrganisationFactory(country="FR"))
    client.force_login(membership.user, backend="django.contrib.auth.backends.ModelBackend")
    call = CallFactory()
    client.post(
        reverse("challenges:new"),
        {"organisation": membership.organisation.pk, "call": call.pk, "title": "Ferries"},
    )
    return seeded, Challenge.objects.latest("pk")


def _step(draft, step="problem"):
    return reverse("challenges:step", kwargs={"pk": draft.pk, "step": step})


def test_the_panel_lists_close_past_challenges_and_who_helped(client, drafting):
    seeded, draft = drafting
    client.post(_step(draft), {**PROBLEM, "stay": ""})
    page = client.get(_step(draft)).content.decode()
    panel = page.split('id="similar"')[1]
    assert seeded.match.challenge.title in panel
    assert f"Helped by {seeded.match.solution.organisation.name} (Estonia)" in panel
    assert "SECRET-UNCONSENTED-TEAM" not in panel


def test_show_similar_saves_the_draft_and_comes_back_to_the_step(client, drafting):
    _, draft = drafting
    response = client.post(_step(draft), {**PROBLEM, "stay": ""})
    assert response.status_code == 302
    assert response["Location"] == _step(draft)
    draft.refresh_from_db()
    assert draft.problem_statement == PROBLEM["problem_statement"]
    page = client.get(_step(draft)).content.decode()
    assert "Older residents in rural areas never use the online benefits portal." in page


def test_the_answer_for_the_script_follows_the_words_sent(client, drafting):
    seeded, _ = drafting
    found = client.get(
        "/library/similar/", {"for": "challenge", "text": "older residents online benefits"}
    ).json()
    assert [e["title"] for e in found["entries"]] == [seeded.match.challenge.title]
    assert found["entries"][0]["helped_by"] == [seeded.match.solution.organisation.name]
    nothing = client.get("/library/similar/", {"for": "challenge", "text": "volcano"}).json()
    assert nothing == {"entries": []}


def test_a_proposal_sees_the_challenges_of_its_round(client):
    membership = MembershipFactory(organisation=OrganisationFactory(country="EE"))
    client.force_login(membership.user, backend="django.contrib.auth.backends.ModelBackend")
    this_round = ChallengeFactory(published=True)
    other_round = ChallengeFactory(published=True)
    library_refresh()
    solution = SolutionFactory(
        organisation=membership.organisation,
        status="draft",
        call__programme=this_round.call.programme,
    )
    page = client.get(
        reverse("solutions:step", kwargs={"pk": solution.pk, "step": "experience"})
    ).content.decode()
    panel = page.split('id="similar"')[1]
    assert "Challenges of this round close to your experience" in panel
    assert this_round.title in panel
    assert other_round.title not in panel
