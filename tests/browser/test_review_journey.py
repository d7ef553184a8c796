"""The review half of the programme, in a real browser: the secretariat sets up the
review of a call and assigns reviewers automatically, a reviewer scores a challenge,
the secretariat stages the decisions and releases them together, and each applicant
team hears once. axe-core checks every page on the way."""

import re
import time
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import generate_totp_secret
from django.utils import timezone
from playwright.sync_api import Page, expect

from incubator.models import Notification
from reviews.models import Assignment
from tests.browser.journey import (
    follow,
    sign_in,
    sign_in_with_second_factor,
    sign_out,
    submit,
    visit,
)
from tests.factories import (
    CallFactory,
    ChallengeFactory,
    MembershipFactory,
    OrganisationFactory,
    ThemeFactory,
    UserFactory,
    secretariat_user,
    with_second_factor,
)
from tests.reviews.factories import reviewer

pytestmark = pytest.mark.browser

FERRIES = "Island pupils miss school when the ferries stop"
METERS = "Water meters are still read by hand"


def typed(moment, zone: str) -> str:
    """A moment as a datetime-local field takes it, in the typist's zone."""
    return moment.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%dT%H:%M")


def wait_for_a_new_code(period_used: int) -> None:
    """An authenticator code is accepted once; a second sign-in waits for the next one,
    as a person would."""
    while int(time.time()) // mfa_settings.TOTP_PERIOD == period_used:
        time.sleep(0.5)


def test_the_secretariat_assigns_a_reviewer_scores_and_the_decisions_go_out_once(
    page: Page, site: str
):
    now = timezone.now()
    call = CallFactory(
        title="Call for challenges 2027",
        opens_at=now - timedelta(days=40),
        closes_at=now - timedelta(days=1),
    )
    education = ThemeFactory(name="Education", slug="education")
    azores = OrganisationFactory(name="Azores Regional Education Office", country="PT")
    ana = MembershipFactory(organisation=azores, user=UserFactory(email="ana@azores.example")).user
    chile = OrganisationFactory(name="Santiago Water Board", country="CL")
    luis = MembershipFactory(
        organisation=chile, user=UserFactory(email="luis@santiago.example", language="fr")
    ).user
    # Both screened in: moved to review on the screening desk.
    ChallengeFactory(
        call=call, organisation=azores, title=FERRIES, themes=[education], status="in_review"
    )
    ChallengeFactory(call=call, organisation=chile, title=METERS, status="in_review")
    mika = reviewer(
        email="mika@board.example", display_name="Mika Board", country="JP", themes=[education]
    )
    reviewer(email="sara@board.example", display_name="Sara Board", country="KE")
    secret = generate_totp_secret()
    desk = with_second_factor(
        secretariat_user(email="desk@incubator.example", display_name="Desk Officer"),
        secret=secret,
    )

    # The secretariat sets the phase and the rubric, then assigns automatically.
    sign_in_with_second_factor(page, site, desk.email, secret)
    period_used = int(time.time()) // mfa_settings.TOTP_PERIOD
    visit(page, f"{site}/secretariat/")
    follow(page, page.get_by_role("link", name="Review", exact=True))
    follow(page, page.get_by_role("link", name="Set the dates"))
    page.get_by_label("Reviews open").fill(typed(now - timedelta(hours=1), desk.time_zone))
    page.get_by_label("Reviews due").fill(typed(now + timedelta(days=7), desk.time_zone))
    page.get_by_label("Review phase closes").fill(typed(now + timedelta(days=14), desk.time_zone))
    page.get_by_label("Reviewers per submission").fill("2")
    submit(page, "Save the phase")
    expect(page.get_by_role("alert")).to_contain_text("These dates are already past")
    page.get_by_label("Yes, save these dates although they are past").check()
    submit(page, "Save the phase")
    expect(page.get_by_role("status")).to_contain_text("The review phase is saved.")
    follow(page, page.get_by_role("link", name="Rubric"))
    expect(page.get_by_role("main")).to_contain_text("Here is the default one")
    submit(page, "Save the rubric")
    expect(page.get_by_role("status")).to_contain_text("The rubric is saved.")
    follow(page, page.get_by_role("link", name="Assignments"))
    submit(page, "Assign automatically")
    expect(page.get_by_role("status")).to_contain_text("4 assignments made.")
    expect(page.get_by_role("status")).to_contain_text("from 2 to 2 per reviewer")
    assert Assignment.objects.count() == 4
    assert Notification.objects.filter(key__startswith="review-assigned:").count() == 2
    sign_out(page)

    # A reviewer scores the ferries challenge: a draft first, then the review.
    sign_in(page, site, mika.email)
    follow(page, page.get_by_role("navigation", name="Main").get_by_role("link", name="Reviews"))
    expect(page.get_by_role("main")).to_contain_text("You have submitted 0 of your 2 reviews.")
    follow(page, page.get_by_role("link", name=FERRIES))
    expect(page.get_by_role("heading", level=1)).to_have_text(FERRIES)
    scores = {"Relevance": 5, "Novelty": 4, "Feasibility": 4, "Transferability": 3, "Commitment": 5}
    for criterion, score in scores.items():
        group = page.get_by_role("group", name=re.compile(rf"^{criterion} \(weight"))
        group.get_by_role("radio", name=re.compile(rf"^{score} —")).check()
    page.get_by_label("Comment on Relevance").fill("Weeks of lost schooling every winter.")
    submit(page, "Save draft")
    expect(page.get_by_role("status")).to_contain_text("Your draft is saved")
    expect(page.get_by_label("Comment on Relevance")).to_have_value(
        "Weeks of lost schooling every winter."
    )
    submit(page, "Submit review")
    expect(page.get_by_role("main")).to_contain_text("Relevance: 5 of 5")
    submit(page, "Submit the review")
    expect(page.get_by_role("status")).to_contain_text("is submitted. Thank you.")
    expect(page.get_by_role("main")).to_contain_text("You have submitted 1 of your 2 reviews.")
    sign_out(page)

    # The secretariat ranks, stages a selection and a refusal, and releases them.
    wait_for_a_new_code(period_used)
    sign_in_with_second_factor(page, site, desk.email, secret)
    visit(page, f"{site}/secretariat/reviews/calls/{call.pk}/")
    ranking = page.get_by_role("table", name="Submissions ranked by weighted mean")
    expect(ranking).to_contain_text("4.20")  # (5·3 + 4·2 + 4·2 + 3·2 + 5·1) / 10
    follow(page, ranking.get_by_role("link", name=FERRIES))
    expect(page.get_by_role("main")).to_contain_text("Weeks of lost schooling every winter.")
    page.get_by_label("Select", exact=True).check()
    submit(page, "Stage the decision")
    expect(page.get_by_role("status")).to_contain_text("The decision is staged.")
    follow(page, page.get_by_role("link", name="Dashboard"))
    follow(page, page.get_by_role("link", name=METERS))
    page.get_by_label("Decline", exact=True).check()
    submit(page, "Stage the decision")
    expect(page.get_by_role("main")).to_contain_text("Give the reason for declining")
    page.get_by_label("Reason").fill("Metering is out of this round's scope.")
    submit(page, "Stage the decision")
    expect(page.get_by_role("status")).to_contain_text("The decision is staged.")
    assert not Notification.objects.filter(recipient__in=[ana, luis]).exists()
    follow(page, page.get_by_role("link", name="Decisions"))
    expect(page.get_by_role("main")).to_contain_text("2 staged decisions")
    follow(page, page.get_by_role("link", name="Release the staged decisions"))
    expect(page.get_by_role("main")).to_contain_text("2 teams, 2 people will be emailed.")
    expect(page.get_by_role("main")).to_contain_text("3 of 4 reviews are missing")
    submit(page, "Release 2 decisions")
    expect(page.get_by_role("status")).to_contain_text(
        "2 decisions released. 2 people in 2 teams are told by email."
    )
    follow(page, page.get_by_role("link", name="Decisions"))
    expect(page.get_by_role("main")).to_contain_text("No decision is staged")

    # Exactly one decision email per applicant, in the member's language.
    decisions = Notification.objects.filter(key__regex=r"^challenge-(selected|declined):").order_by(
        "to_email"
    )
    assert [(n.to_email, n.language) for n in decisions] == [
        ("ana@azores.example", "en"),
        ("luis@santiago.example", "fr"),
    ]
    assert "Metering is out of this round's scope." in decisions[1].body_text
