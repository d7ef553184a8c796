"""A solution proposal from first draft to its decision, in a real browser: a provider
team offers its experience to two challenges abroad, the secretariat assigns reviewers
automatically after the deadline, a reviewer scores the proposal, the secretariat stages
the decisions and releases them, and each applicant team hears once. axe-core checks
every page on the way."""

import re
import time
from datetime import timedelta

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import generate_totp_secret
from django.utils import timezone
from playwright.sync_api import Page, expect

from incubator.models import Notification
from reviews.models import Assignment
from solutions.models import Solution
from tests.browser.journey import (
    follow,
    last_email_to,
    sign_in,
    sign_in_with_second_factor,
    sign_out,
    submit,
    visit,
)
from tests.browser.test_review_journey import typed, wait_for_a_new_code
from tests.factories import (
    CallFactory,
    ChallengeFactory,
    MembershipFactory,
    OrganisationFactory,
    ProgrammeFactory,
    ThemeFactory,
    UserFactory,
    secretariat_user,
    with_second_factor,
)
from tests.reviews.factories import reviewer
from tests.solutions.factories import SolutionFactory, SolutionsCallFactory

pytestmark = pytest.mark.browser

OFFER = "Library digital helpers in every rural branch"


def test_a_provider_offers_a_solution_and_hears_the_released_decision_once(page: Page, site: str):
    now = timezone.now()
    inclusion = ThemeFactory(name="Digital inclusion", slug="digital-inclusion")
    challenges_call = CallFactory(programme=ProgrammeFactory(slug="incubator-2027"))
    offline = ChallengeFactory(
        call=challenges_call,
        organisation=OrganisationFactory(name="Lisbon Agency", country="PT"),
        title="Older residents never use online services",
        published=True,
    )
    queues = ChallengeFactory(
        call=challenges_call,
        organisation=OrganisationFactory(name="Nairobi County", country="KE"),
        title="Queues at the land registry",
        published=True,
    )
    call = SolutionsCallFactory(
        title="Call for solutions 2027", programme=challenges_call.programme
    )
    tallinn = OrganisationFactory(name="Tallinn Digital Office", country="EE")
    kadri = MembershipFactory(
        organisation=tallinn,
        user=UserFactory(display_name="Kadri Tamm", email="kadri@tallinn.example"),
    ).user
    # A second applicant, already submitted, whose proposal the secretariat declines.
    rival = SolutionFactory(
        call=call,
        title="Mobile land offices",
        organisation=OrganisationFactory(name="Bogotá Lab", country="CO"),
        interests=[queues],
    )
    diego = MembershipFactory(
        organisation=rival.organisation, user=UserFactory(email="diego@bogota.example")
    ).user
    mika = reviewer(email="mika@board.example", country="JP", themes=[inclusion])
    secret = generate_totp_secret()
    desk = with_second_factor(secretariat_user(email="desk@incubator.example"), secret=secret)

    # The provider offers its experience, naming two challenges abroad in order.
    sign_in(page, site, kadri.email)
    visit(page, f"{site}/me/")
    follow(page, page.get_by_role("link", name="Offer a solution"))
    page.get_by_label("Title").fill(OFFER)
    submit(page, "Start the draft")
    expect(page.get_by_role("heading", level=1)).to_have_text("About your proposal")
    page.get_by_label("One-line summary").fill("Librarians help people use online services.")
    page.get_by_label("Digital inclusion").check()
    submit(page, "Save and continue")
    page.get_by_label("The comparable problem you solved").fill("Rural elders stayed offline.")
    page.get_by_label("What you did").fill("Trained 400 librarians as digital helpers.")
    page.get_by_label("Evidence of results").fill("Online claims by over-70s rose by a third.")
    page.get_by_label("Lessons and failures").fill("Volunteers alone did not last.")
    submit(page, "Save and continue")
    page.get_by_label("Methods and guidance").check()
    page.get_by_label("How many challenges can your team support at once?").fill("2")
    page.get_by_label("Working languages").select_option(["et", "en"])
    page.get_by_label("Time zone").select_option("Europe/Tallinn")
    submit(page, "Save and continue")
    expect(page.get_by_role("heading", level=1)).to_have_text("Challenges you want to help with")
    page.get_by_label("First choice").select_option(label=offline.title)
    page.get_by_label("Second choice").select_option(label=queues.title)
    submit(page, "Save and continue")
    submit(page, "Save and continue")  # contact people: Kadri is already ticked
    follow(page, page.get_by_role("link", name="Continue to check your answers"))
    main = page.get_by_role("main")
    expect(main).to_contain_text(f"1. {offline.title}")
    expect(main).to_contain_text(f"2. {queues.title}")
    submit(page, "Submit proposal")
    expect(page.get_by_role("status")).to_contain_text("Your proposal is submitted.")
    proposal = Solution.objects.get(title=OFFER)
    assert proposal.status == "submitted"
    assert proposal.ranked_interests() == [offline, queues]
    assert f"1. {offline.title}" in last_email_to(kadri.email).body_text
    sign_out(page)

    # The deadline passes; the secretariat opens the review and assigns automatically.
    call.opens_at, call.closes_at = now - timedelta(days=40), now - timedelta(minutes=5)
    call.save()
    sign_in_with_second_factor(page, site, desk.email, secret)
    period_used = int(time.time()) // mfa_settings.TOTP_PERIOD
    visit(page, f"{site}/secretariat/reviews/calls/{call.pk}/phase/")
    # Reviews open once the call has closed, five minutes ago.
    page.get_by_label("Reviews open").fill(typed(now - timedelta(minutes=4), desk.time_zone))
    page.get_by_label("Reviews due").fill(typed(now + timedelta(days=7), desk.time_zone))
    page.get_by_label("Review phase closes").fill(typed(now + timedelta(days=14), desk.time_zone))
    page.get_by_label("Reviewers per submission").fill("1")
    submit(page, "Save the phase")
    expect(page.get_by_role("alert")).to_contain_text("These dates are already past")
    page.get_by_label("Yes, save these dates although they are past").check()
    submit(page, "Save the phase")
    follow(page, page.get_by_role("link", name="Rubric"))
    submit(page, "Save the rubric")
    follow(page, page.get_by_role("link", name="Assignments"))
    submit(page, "Assign automatically")
    expect(page.get_by_role("status")).to_contain_text("2 assignments made.")
    assert set(Assignment.objects.values_list("reviewer__email", flat=True)) == {mika.email}
    sign_out(page)

    # The reviewer scores the proposal.
    sign_in(page, site, mika.email)
    follow(page, page.get_by_role("navigation", name="Main").get_by_role("link", name="Reviews"))
    follow(page, page.get_by_role("link", name=OFFER))
    for criterion in ("Relevance", "Novelty", "Feasibility", "Transferability", "Commitment"):
        group = page.get_by_role("group", name=re.compile(rf"^{criterion} \(weight"))
        group.get_by_role("radio", name=re.compile(r"^4 —")).check()
    submit(page, "Submit review")
    submit(page, "Submit the review")
    expect(page.get_by_role("status")).to_contain_text("is submitted. Thank you.")
    sign_out(page)

    # The secretariat stages a selection and a refusal, and releases them together.
    wait_for_a_new_code(period_used)
    sign_in_with_second_factor(page, site, desk.email, secret)
    visit(page, f"{site}/secretariat/reviews/calls/{call.pk}/")
    ranking = page.get_by_role("table", name="Submissions ranked by weighted mean")
    follow(page, ranking.get_by_role("link", name=OFFER))
    page.get_by_label("Select", exact=True).check()
    submit(page, "Stage the decision")
    follow(page, page.get_by_role("link", name="Dashboard"))
    follow(page, page.get_by_role("link", name="Mobile land offices"))
    page.get_by_label("Decline", exact=True).check()
    page.get_by_label("Reason").fill("Land registries are outside this round's themes.")
    submit(page, "Stage the decision")
    follow(page, page.get_by_role("link", name="Decisions"))
    follow(page, page.get_by_role("link", name="Release the staged decisions"))
    submit(page, "Release 2 decisions")
    expect(page.get_by_role("status")).to_contain_text("2 decisions released.")
    expect(page.get_by_role("main")).to_contain_text("No decision is staged")

    decisions = Notification.objects.filter(key__regex=r"^solution-(selected|declined):")
    assert sorted(decisions.values_list("to_email", flat=True)) == [diego.email, kadri.email]
    proposal.refresh_from_db()
    assert proposal.status == "selected"
