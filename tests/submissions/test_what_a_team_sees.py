"""A team's overview of its challenge or proposal shows its real state: every file it
attached, with name, size and a download link, the partner of a confirmed match, and the
incubation the teams work in."""

import pytest
from django.urls import reverse

from challenges.services import CHALLENGE_DRAFTING
from incubation.models import IncubationState
from matching.models import Match
from solutions.services import SOLUTION_DRAFTING
from submissions.services.drafting import submission_attachment_add
from tests.challenges.files import PDF, upload
from tests.factories import ChallengeFactory, MembershipFactory
from tests.incubation.factories import workspace
from tests.outcomes.factories import ConfirmedMatchFactory, member_of
from tests.solutions.factories import SolutionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize(
    "factory,drafting,namespace",
    [
        (ChallengeFactory, CHALLENGE_DRAFTING, "challenges"),
        (SolutionFactory, SOLUTION_DRAFTING, "solutions"),
    ],
)
def test_the_overview_lists_every_file_with_its_size_and_a_download(
    client_of, factory, drafting, namespace
):
    member = MembershipFactory().user
    submission = factory(organisation=member.organisations.get(), status="draft")
    for name in ("policy-brief.pdf", "survey-results.pdf"):
        submission_attachment_add(
            drafting=drafting, submission=submission, by=member, upload=upload(name, PDF)
        )
    client = client_of(member)

    page = client.get(reverse(f"{namespace}:overview", kwargs={"pk": submission.pk})).content
    page = page.decode()

    files = page.split(">Files</dt>")[1].split("</dd>")[0]
    for attachment in submission.attachments.all():
        url = reverse(f"{namespace}:attachment", args=[submission.pk, attachment.pk])
        assert f'<a href="{url}" download>{attachment.original_name}</a>' in files
        assert f"({len(PDF)}\xa0bytes)" in files
        assert b"".join(client.get(url).streaming_content) == PDF


def test_the_owner_of_a_matched_challenge_is_told_who_the_partner_is(client_of):
    match = ConfirmedMatchFactory()
    owner = member_of(match.challenge.organisation)
    contact = member_of(match.solution.organisation, display_name="Kadri Tamm")
    match.solution.contacts.add(contact)

    url = reverse("challenges:overview", kwargs={"pk": match.challenge.pk})
    page = client_of(owner).get(url).content.decode()

    partner = match.solution.organisation
    assert "Matched with" in page
    assert f"{partner.name} (Estonia): “{match.solution.title}”" in page
    assert f'<a href="mailto:{contact.email}">Write to Kadri Tamm</a>' in page
    assert "Matched: the secretariat has paired your team with a partner." in page


def test_the_provider_of_a_matched_proposal_no_longer_waits_for_a_match(client_of):
    match = ConfirmedMatchFactory()
    provider = member_of(match.solution.organisation)

    url = reverse("solutions:overview", kwargs={"pk": match.solution.pk})
    page = client_of(provider).get(url).content.decode()

    assert "the secretariat will match your team" not in page
    challenge = match.challenge
    link = f'<a href="{challenge.get_absolute_url()}">Their challenge: {challenge.title}</a>'
    assert link in page


def test_a_pair_only_proposed_is_not_shown_as_a_match(client_of):
    match = ConfirmedMatchFactory(state=Match.State.PROPOSED, locked=False)
    provider = member_of(match.solution.organisation)

    url = reverse("solutions:overview", kwargs={"pk": match.solution.pk})
    page = client_of(provider).get(url).content.decode()

    assert "Matched with" not in page
    assert "the secretariat will match your team" in page


@pytest.mark.parametrize("side", ["owner", "provider"])
def test_each_matched_team_finds_its_incubation_from_its_overview(client_of, side):
    ws = workspace()
    submission = ws.incubation.challenge if side == "owner" else ws.provider_team.solution
    namespace = "challenges" if side == "owner" else "solutions"

    url = reverse(f"{namespace}:overview", kwargs={"pk": submission.pk})
    page = client_of(getattr(ws, side)).get(url).content.decode()

    workspace_url = reverse("incubation:overview", kwargs={"pk": ws.incubation.pk})
    assert f'<a href="{workspace_url}">Open the incubation workspace</a>' in page
    assert "In incubation: your team and its partners plan, meet and report" in page
    assert "Work with them directly" not in page


def test_a_closed_incubation_is_still_linked_for_reading(client_of):
    ws = workspace(state=IncubationState.CLOSED)

    url = reverse("challenges:overview", kwargs={"pk": ws.incubation.challenge.pk})
    page = client_of(ws.owner).get(url).content.decode()

    assert "Open the incubation workspace" in page
    assert "The incubation is closed; its workspace stays open for reading." in page
