"""What a reviewer is shown of a submission is an allow-list per kind: the exact answers
listed here, no more. A field added to a model stays off the reviewer's page until
someone adds it to the list; the secretariat's own fields, the exchange reference and,
anonymised, anything naming the team never reach it."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    ChallengeFactory,
    OrganisationFactory,
    UserFactory,
    secretariat_user,
)
from tests.reviews.factories import assign, review_call, reviewer, under_review
from tests.solutions.factories import SolutionFactory, SolutionsCallFactory

pytestmark = pytest.mark.django_db

TEAM = "Azores Regional Education Office"
CONTACT = "Marta Contact-Person"
EXCHANGE_REF = "EXCH-REF-7741"
SCREENING_NOTE = "Screening note: strong team, weak budget"
ELIGIBILITY = "Eligibility: in scope, checked by the desk"
DECISION_REASON = "Decision reason: not this round"

CHALLENGE_ANSWERS = [
    "One-line summary",
    "Problem statement",
    "Context: who is affected, at what scale",
    "What has been tried",
    "Constraints: legal, data, budget, political",
    "Expertise sought",
    "Hoped-for outcome",
    "Lifecycle stage",
    "Sector",
    "Working languages",
    "Preferred meeting windows",
    "Solution providers wanted",
    "Themes",
]
PROPOSAL_ANSWERS = [
    "One-line summary",
    "The comparable problem you solved",
    "What you did",
    "Evidence of results",
    "Details of what you can share",
    "Lessons and failures",
    "Challenges you can support at once",
    "Working languages",
    "Time zone",
    "Availability",
    "Themes",
]
# Anonymised, the time zone goes too: its city names the proposal team's country.
PROPOSAL_ANSWERS_ANONYMISED = [label for label in PROPOSAL_ANSWERS if label != "Time zone"]


def secretariat_only(**extra) -> dict:
    """Everything on a submission that is the secretariat's or names the team."""
    contact = UserFactory(display_name=CONTACT)
    team = OrganisationFactory(name=TEAM, country="CL", time_zone="America/Santiago")
    return {
        "organisation": team,
        "exchange_ref": EXCHANGE_REF,
        "decision_reason": DECISION_REASON,
        "contacts": contact,
        **extra,
    }


def a_challenge(call):
    fields = secretariat_only(
        screening_note=SCREENING_NOTE, eligibility={"in_scope": True, "note": ELIGIBILITY}
    )
    contact = fields.pop("contacts")
    challenge = ChallengeFactory(call=call, **fields)
    challenge.contacts.set([contact])
    return challenge


def a_proposal(call):
    fields = secretariat_only()
    contact = fields.pop("contacts")
    proposal = SolutionFactory(call=call, **fields)
    proposal.contacts.set([contact])
    return proposal


def the_reviewers_page(client_of, submission) -> str:
    person = reviewer(country="PT")
    assignment = assign(under_review(submission), person)
    response = client_of(person).get(reverse("reviews:assignment", kwargs={"pk": assignment.pk}))
    assert response.status_code == 200
    return response.content.decode()


def answer_labels(page: str) -> list[str]:
    answers = re.search(r'<dl class="summary-list">(.*?)</dl>', page, re.S).group(1)
    return re.findall(r"<dt>(.*?)</dt>", answers)


def never_shown(page: str) -> None:
    for secret in (EXCHANGE_REF, SCREENING_NOTE, ELIGIBILITY, DECISION_REASON, CONTACT):
        assert secret not in page, secret
    assert "Exchange reference" not in page
    assert "Screening note" not in page
    assert "Eligibility" not in page


@pytest.mark.parametrize("anonymised", [False, True])
def test_a_reviewer_sees_exactly_the_answers_of_a_challenge(client_of, anonymised):
    call = review_call(anonymised=anonymised)

    page = the_reviewers_page(client_of, a_challenge(call))

    assert answer_labels(page) == CHALLENGE_ANSWERS
    never_shown(page)
    assert (TEAM in page) is not anonymised


@pytest.mark.parametrize("anonymised", [False, True])
def test_a_reviewer_sees_exactly_the_answers_of_a_proposal(client_of, anonymised):
    call = review_call(anonymised=anonymised, call=SolutionsCallFactory(closes_at=timezone.now()))

    page = the_reviewers_page(client_of, a_proposal(call))

    expected = PROPOSAL_ANSWERS_ANONYMISED if anonymised else PROPOSAL_ANSWERS
    assert answer_labels(page) == expected
    never_shown(page)
    assert (TEAM in page) is not anonymised
    assert ("Europe/Tallinn" in page) is not anonymised


def test_the_secretariat_also_sees_the_exchange_reference(client_of):
    item = under_review(a_challenge(review_call()))
    desk = client_of(secretariat_user())

    page = desk.get(reverse("reviews:item", kwargs={"call_pk": item.call_id, "item_pk": item.pk}))

    labels = answer_labels(page.content.decode())
    assert labels == [*CHALLENGE_ANSWERS[:-1], "Exchange reference", "Themes"]
    assert EXCHANGE_REF in page.content.decode()
