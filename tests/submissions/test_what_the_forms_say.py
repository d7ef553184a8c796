"""The drafting forms say what they need: an answer needed to submit is marked so, with
the reason, in the step that asks it (a draft may still leave it empty); submitting
without it gives an error summary linking to each missing field; a length limit is said
in words a person understands, and what was typed is kept."""

import re

import pytest
from django.urls import reverse

from challenges.views.team import pages as challenge_pages
from solutions.views.team import pages as solution_pages
from tests.factories import ChallengeFactory, MembershipFactory, ThemeFactory
from tests.solutions.factories import SolutionFactory

pytestmark = pytest.mark.django_db

KINDS = {"challenge": challenge_pages, "solution proposal": solution_pages}


@pytest.fixture
def member():
    return MembershipFactory().user


def label_of(page: str, field_id: str) -> str:
    match = re.search(rf'<(?:label for="{field_id}"|legend)[^>]*>(.*?)</(?:label|legend)>', page)
    return re.sub(r"<[^>]+>", "", match.group(1)) if match else ""


def test_a_field_needed_to_submit_is_not_called_optional(client_of, member):
    draft = ChallengeFactory(organisation=member.organisations.get(), status="draft")
    url = reverse("challenges:step", kwargs={"pk": draft.pk, "step": "problem"})

    page = client_of(member).get(url).content.decode()

    assert label_of(page, "id_problem_statement") == "Problem statement (needed to submit)"
    assert "Needed to submit: the secretariat screens your challenge" in page
    assert label_of(page, "id_context") == "Context (optional)"


def test_themes_needed_to_submit_say_so_in_their_fieldset(client_of, member):
    draft = ChallengeFactory(organisation=member.organisations.get(), status="draft")
    url = reverse("challenges:step", kwargs={"pk": draft.pk, "step": "about"})

    page = client_of(member).get(url).content.decode()

    legend = re.search(r"<legend>Themes.*?</legend>", page).group(0)
    assert "(needed to submit)" in legend and "(optional)" not in legend
    assert "Needed to submit: reviewers and partner teams are found by theme." in page


@pytest.mark.parametrize("kind", KINDS)
def test_every_answer_needed_to_submit_is_asked_in_one_step_with_its_reason(kind):
    pages = KINDS[kind]
    factory = ChallengeFactory if kind == "challenge" else SolutionFactory
    submission = factory(status="draft")
    unmarked = []
    for answer in (*pages.drafting.required, *pages.drafting.required_relations):
        steps = [step.slug for step in pages.steps if step.field_for(answer, submission)]
        assert len(steps) == 1, f"{kind}: “{answer}” is asked in {steps or 'no step'}"
        if answer not in pages.reasons and not _required_to_save(pages, answer, submission):
            unmarked.append(answer)
    assert not unmarked, f"{kind}: no reason is given for {unmarked}"


def _required_to_save(pages, answer, submission) -> bool:
    """An answer a draft cannot be saved without (the title) needs no reason."""
    for step in pages.steps:
        name = step.field_for(answer, submission)
        if name:
            return step.fields(submission)[name].required
    return False


@pytest.mark.parametrize(
    "kind,factory,namespace",
    [("challenge", ChallengeFactory, "challenges"), ("proposal", SolutionFactory, "solutions")],
)
def test_each_missing_answer_links_to_its_own_field(client_of, member, kind, factory, namespace):
    draft = factory(
        organisation=member.organisations.get(),
        status="draft",
        summary="",
        languages=[],
        themes=[],
    )
    ThemeFactory()
    client = client_of(member)

    response = client.post(reverse(f"{namespace}:check", kwargs={"pk": draft.pk}))

    assert response.status_code == 400
    summary = response.content.decode().split('class="error-summary"')[1].split("</div>")[0]
    links = re.findall(r'<a href="([^"#]+)#([^"]+)">([^<]+)</a>', summary)
    assert {label for _url, _anchor, label in links} >= {
        "One-line summary",
        "Working languages",
        "Themes",
    }
    for url, anchor, label in links:
        step = client.get(url).content.decode()
        assert f'id="{anchor}"' in step, f"{label}: {url} has no field #{anchor}"


def test_a_length_limit_is_said_in_words_and_the_text_is_kept(client_of, member):
    draft = ChallengeFactory(organisation=member.organisations.get(), status="draft")
    url = reverse("challenges:step", kwargs={"pk": draft.pk, "step": "problem"})
    too_long = ("Older residents do not claim online. " * 140).strip()  # 5,179 characters

    response = client_of(member).post(url, {"problem_statement": too_long})

    page = response.content.decode()
    message = (
        "Keep this to 5,000 characters or fewer: it has 5,179, which is 179 characters too many."
    )
    assert message in page
    assert "Ensure this value" not in page
    assert too_long in page
