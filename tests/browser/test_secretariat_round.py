"""A whole round run by the secretariat from its own pages, in a real browser, by clicking
links only: it opens a call, closes it, screens the challenges, sets the review and
assigns reviewers; a reviewer scores; the secretariat stages and releases the decisions
through their confirmation pages, runs matching and confirms a pair. Every message about
email counts the outbox. axe-core checks every page at 1280 and at 390 pixels wide."""

import re
import time
from datetime import timedelta

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import generate_totp_secret
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from challenges.models import Challenge
from incubator.models import Call, Notification
from matching.models import Match
from tests.browser.axe import assert_accessible
from tests.browser.journey import follow, sign_in, sign_in_with_second_factor, sign_out
from tests.browser.test_review_journey import typed, wait_for_a_new_code
from tests.factories import (
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

FERRIES = "Island pupils miss school when the ferries stop"
METERS = "Water meters are still read by hand"
LATE = "Clinic queues on market days"
CALL = "Call for challenges 2027"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def go(page: Page, control: Locator) -> None:
    """Follow a link or a button, and check the page it loads at both widths."""
    follow(page, control)
    page.set_viewport_size(PHONE)
    assert_accessible(page)
    page.set_viewport_size(DESKTOP)


def link(page: Page, name, **kwargs) -> Locator:
    return page.get_by_role("link", name=name, **kwargs).first


def button(page: Page, name, **kwargs) -> Locator:
    return page.get_by_role("button", name=name, **kwargs)


def to_secretariat_home(page: Page) -> None:
    go(page, page.get_by_role("navigation", name="Main").get_by_role("link", name="Secretariat"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Secretariat")


def said(page: Page):
    return expect(page.get_by_role("status"))


def the_round():
    """The programme, two teams with people and one without, a reviewer, and the
    proposals matching will need; the challenges come once the call is open."""
    ProgrammeFactory(name="Innovation Incubator 2027", slug="incubator-2027")
    azores = OrganisationFactory(name="Azores Education Office", country="PT")
    for email in ("ana@azores.example", "rui@azores.example"):
        MembershipFactory(organisation=azores, user=UserFactory(email=email))
    empty = OrganisationFactory(name="Santiago Water Board", country="CL")
    nairobi = OrganisationFactory(name="Nairobi County", country="KE")
    board = reviewer(email="mika@board.example", display_name="Mika Board", country="JP")
    return azores, empty, nairobi, board


def open_a_call(page: Page, desk) -> Call:
    to_secretariat_home(page)
    go(page, link(page, "Programmes and calls"))
    go(page, link(page, "Add a call to Innovation Incubator 2027"))
    page.get_by_label("Kind").select_option(label="Call for challenges")
    page.get_by_label("Title", exact=True).fill(CALL)
    page.get_by_label("Introduction", exact=True).fill(
        "Tell us about a problem your team is stuck on."
    )
    page.get_by_label("Time zone of the dates").select_option(desk.time_zone)
    now = timezone.now()
    page.get_by_label("Opens").fill(typed(now - timedelta(hours=1), desk.time_zone))
    page.get_by_label("Deadline").fill(typed(now + timedelta(days=30), desk.time_zone))
    go(page, button(page, "Save the call"))
    # An opening an hour ago is already past: the form asks.
    expect(page.get_by_role("alert")).to_contain_text("These dates are already past")
    page.get_by_label("Yes, save these dates although they are past").check()
    go(page, button(page, "Save the call"))
    said(page).to_contain_text(f"“{CALL}” is saved.")
    return Call.objects.get(title=CALL)


def close_the_call(page: Page) -> None:
    to_secretariat_home(page)
    expect(page.get_by_role("main")).to_contain_text(f"{CALL} is open until")
    go(page, link(page, "Programmes and calls"))
    go(page, link(page, f"Close the call now {CALL}"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Close “{CALL}” now?")
    go(page, button(page, "Close the call now"))
    said(page).to_contain_text(f"“{CALL}” is closed")


def screen(page: Page) -> None:
    to_secretariat_home(page)
    go(page, link(page, re.compile(rf"^3 challenges of {CALL} to screen")))
    for title in (FERRIES, METERS):
        page.get_by_label(f"Select “{title}”").check()
    page.get_by_label("Action").select_option(label="Move to review")
    go(page, button(page, "Apply to ticked challenges"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Move 2 challenges to review?")
    expect(page.get_by_role("main")).to_contain_text("Nobody will be emailed.")
    go(page, button(page, "Move to review"))
    said(page).to_contain_text("2 challenges moved: Move to review.")


def set_up_the_review(page: Page, desk) -> None:
    to_secretariat_home(page)
    go(page, link(page, f"Set the dates — {CALL}"))
    now = timezone.now()
    page.get_by_label("Reviews open").fill(typed(now, desk.time_zone))
    page.get_by_label("Reviews due").fill(typed(now + timedelta(days=7), desk.time_zone))
    closes = typed(now + timedelta(days=14), desk.time_zone)
    page.get_by_label("Review phase closes").fill(closes)
    page.get_by_label("Reviewers per submission").fill("1")
    go(page, button(page, "Save the phase"))
    page.get_by_label("Yes, save these dates although they are past").check()
    go(page, button(page, "Save the phase"))
    said(page).to_contain_text("The review phase is saved.")
    go(page, link(page, "Rubric"))
    go(page, button(page, "Save the rubric"))
    go(page, link(page, "Assignments"))
    go(page, button(page, "Assign automatically"))
    said(page).to_contain_text("2 assignments made.")
    said(page).to_contain_text("1 person is told by email.")
    said(page).to_contain_text("1 challenge was left out: not screened in yet (1 submitted).")


def review_one(page: Page, site: str, board) -> None:
    sign_in(page, site, board.email)
    go(page, page.get_by_role("navigation", name="Main").get_by_role("link", name="Reviews"))
    go(page, link(page, FERRIES))
    for criterion in ("Relevance", "Novelty", "Feasibility", "Transferability", "Commitment"):
        group = page.get_by_role("group", name=re.compile(rf"^{criterion} \(weight"))
        group.get_by_role("radio", name=re.compile(r"^4 —")).check()
    go(page, button(page, "Submit review"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Submit your review of “{FERRIES}”?")
    expect(page.get_by_role("main")).to_contain_text("A submitted review can no longer change.")
    go(page, button(page, "Submit the review"))
    said(page).to_contain_text("is submitted. Thank you.")
    sign_out(page)


def stage(page: Page, title: str, outcome: str, reason: str = "") -> None:
    go(page, link(page, title))
    page.get_by_label(outcome, exact=True).check()
    if reason:
        page.get_by_label("Reason").fill(reason)
    go(page, button(page, "Stage the decision"))
    said(page).to_contain_text("The decision is staged.")


def decide_and_release(page: Page) -> None:
    to_secretariat_home(page)
    go(page, link(page, re.compile(rf"^1 of 2 reviews of {CALL} is missing")))
    stage(page, FERRIES, "Select")
    go(page, link(page, "Dashboard"))
    stage(page, METERS, "Decline", "Metering is out of this round's scope.")
    to_secretariat_home(page)
    go(page, link(page, f"2 decisions on {CALL} are staged, not released."))
    go(page, link(page, "Release the staged decisions"))
    main = page.get_by_role("main")
    expect(page.get_by_role("heading", level=1)).to_have_text("Release 2 decisions?")
    expect(main).to_contain_text("1 team, 2 people will be emailed.")
    expect(main).to_contain_text("1 team has no members and will not be told: Santiago Water")
    expect(main).to_contain_text("1 of 2 reviews is missing; the review phase ends on")
    go(page, button(page, "Release 2 decisions"))
    said(page).to_contain_text(
        "2 decisions released. 2 people in 1 team are told by email. Nobody in Santiago "
        "Water Board could be told: the team has no members."
    )


def match_and_confirm(page: Page) -> None:
    to_secretariat_home(page)
    go(page, link(page, "Matching of Innovation Incubator 2027"))
    go(page, button(page, "Start the run"))
    said(page).to_contain_text("The run is done")
    go(page, link(page, "Open the matching board"))
    board = page.get_by_role("table")
    expect(board).to_contain_text("Tallinn Office")
    go(page, board.get_by_role("link", name=FERRIES))
    go(page, button(page, "Confirm Tallinn Office"))
    main = page.get_by_role("main")
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm this pair?")
    expect(main).to_contain_text("2 teams, 3 people will be emailed.")
    go(page, button(page, "Confirm the pair"))
    said(page).to_contain_text("The pair is confirmed. 3 people in 2 teams are told by email.")


def test_the_secretariat_runs_a_whole_round_from_its_home_by_clicking_links(page: Page, site: str):
    page.set_viewport_size(DESKTOP)
    azores, empty, nairobi, board = the_round()
    secret = generate_totp_secret()
    desk = with_second_factor(
        secretariat_user(email="desk@incubator.example", time_zone="Europe/Paris"), secret=secret
    )
    sign_in_with_second_factor(page, site, desk.email, secret)
    period_used = int(time.time()) // mfa_settings.TOTP_PERIOD

    call = open_a_call(page, desk)
    # The teams submit while the call is open (their own journey is tested elsewhere).
    education = ThemeFactory(name="Education", slug="education")
    ChallengeFactory(call=call, organisation=azores, title=FERRIES, themes=[education])
    ChallengeFactory(call=call, organisation=empty, title=METERS)
    ChallengeFactory(call=call, organisation=nairobi, title=LATE)
    close_the_call(page)
    screen(page)
    set_up_the_review(page, desk)
    sign_out(page)

    review_one(page, site, board)

    wait_for_a_new_code(period_used)
    sign_in_with_second_factor(page, site, desk.email, secret)
    decide_and_release(page)
    decided = Notification.objects.filter(key__regex=r"^challenge-(selected|declined):")
    assert sorted(decided.values_list("to_email", flat=True)) == [
        "ana@azores.example",
        "rui@azores.example",
    ]
    assert Challenge.objects.get(title=FERRIES).is_public

    # Proposals from abroad, interested in the published challenge.
    programme = call.programme
    solutions = SolutionsCallFactory(programme=programme)
    tallinn = OrganisationFactory(name="Tallinn Office", country="EE")
    MembershipFactory(organisation=tallinn, user=UserFactory(email="kadri@tallinn.example"))
    ferries = Challenge.objects.get(title=FERRIES)
    SolutionFactory(call=solutions, organisation=tallinn, themes=[education], interests=[ferries])
    match_and_confirm(page)
    introduced = Notification.objects.filter(key__startswith="match-introduction:")
    assert introduced.count() == 3
    assert Match.objects.get(challenge=ferries).state == "confirmed"
