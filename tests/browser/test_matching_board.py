"""Matching in a real browser: the secretariat starts a run and follows its progress,
locks one pair and excludes another on the board, runs again, and confirms a pair; both
teams are introduced by email. axe-core checks every page on the way."""

import re

import pytest
from allauth.mfa.totp.internal.auth import generate_totp_secret
from playwright.sync_api import Page, expect

from incubator.models import Notification
from matching.models import Exclusion, Match, MatchRun
from tests.browser.journey import follow, sign_in_with_second_factor, submit, visit
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
from tests.solutions.factories import SolutionFactory, SolutionsCallFactory

pytestmark = pytest.mark.browser

OFFLINE = "Older residents never use online services"
QUEUES = "Queues at the land registry"


def test_the_secretariat_runs_matching_adjusts_the_board_and_introduces_the_teams(
    page: Page, site: str
):
    programme = ProgrammeFactory(slug="incubator-2027", name="Innovation Incubator 2027")
    challenges_call = CallFactory(programme=programme)
    solutions_call = SolutionsCallFactory(programme=programme)
    inclusion = ThemeFactory(slug="digital-inclusion", name="Digital inclusion")
    lisbon = OrganisationFactory(name="Lisbon Agency", country="PT", time_zone="Europe/Lisbon")
    ana = MembershipFactory(
        organisation=lisbon, user=UserFactory(display_name="Ana Silva", email="ana@lisbon.example")
    ).user
    offline = ChallengeFactory(
        call=challenges_call, organisation=lisbon, title=OFFLINE, themes=[inclusion],
        providers_wanted=1, languages=["pt", "en"],
    )  # fmt: skip
    offline.contacts.set([ana])
    queues = ChallengeFactory(
        call=challenges_call,
        organisation=OrganisationFactory(name="Nairobi County", country="KE"),
        title=QUEUES,
        providers_wanted=1,
    )
    tallinn = OrganisationFactory(name="Tallinn Office", country="EE", time_zone="Europe/Tallinn")
    kadri = MembershipFactory(
        organisation=tallinn,
        user=UserFactory(display_name="Kadri Tamm", email="kadri@tallinn.example"),
    ).user
    helpers = SolutionFactory(
        call=solutions_call, organisation=tallinn, title="Library digital helpers",
        themes=[inclusion], interests=[offline],
    )  # fmt: skip
    helpers.contacts.set([kadri])
    SolutionFactory(
        call=solutions_call, title="Mobile land offices", interests=[queues],
        organisation=OrganisationFactory(name="Bogotá Lab", country="CO"),
    )  # fmt: skip
    SolutionFactory(
        call=solutions_call, title="Appointment booking", interests=[queues, offline],
        organisation=OrganisationFactory(name="Santiago Digital", country="CL"),
    )  # fmt: skip
    secret = generate_totp_secret()
    desk = with_second_factor(secretariat_user(email="desk@incubator.example"), secret=secret)

    # Start a run and follow it to the end.
    sign_in_with_second_factor(page, site, desk.email, secret)
    visit(page, f"{site}/secretariat/matching/incubator-2027/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Matching")
    submit(page, "Start the run")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Run #\d+$"))
    status = page.get_by_role("status")
    expect(status).to_contain_text("The run is done")
    first = MatchRun.objects.get()
    assert first.state == "done" and first.figures["matches"] == 2
    follow(page, page.get_by_role("link", name="Open the matching board"))

    # The board is one table; each challenge has its page. Lock the pair for the
    # offline challenge; exclude the one for the queues.
    board = page.get_by_role("table")
    expect(board).to_contain_text("Tallinn Office")
    follow(page, board.get_by_role("link", name=OFFLINE))
    main = page.get_by_role("main")
    expect(main).to_contain_text("Shares a theme: Digital inclusion")
    expect(main).to_contain_text("The provider asked for this challenge (first choice)")
    submit(page, "Lock Tallinn Office")
    expect(page.get_by_role("status")).to_contain_text("The pair is locked")
    follow(page, page.get_by_role("link", name="Matching board"))
    follow(page, page.get_by_role("table").get_by_role("link", name=QUEUES))
    excluded = Match.objects.get(challenge=queues)
    excluded_name = excluded.solution.organisation.name
    submit(page, f"Exclude {excluded_name}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Exclude this pair?")
    submit(page, "Exclude the pair")
    expect(page.get_by_role("status")).to_contain_text("The pair is excluded")
    assert Exclusion.objects.filter(challenge=queues, solution=excluded.solution).exists()

    # Run again: the lock holds, the excluded pair stays out.
    visit(page, f"{site}/secretariat/matching/incubator-2027/")
    submit(page, "Start the run")
    expect(page.get_by_role("status")).to_contain_text("The run is done")
    follow(page, page.get_by_role("link", name="Open the matching board"))
    follow(page, page.get_by_role("table").get_by_role("link", name=QUEUES))
    expect(page.locator(".match")).not_to_contain_text(excluded_name)
    follow(page, page.get_by_role("link", name="Matching board"))
    follow(page, page.get_by_role("table").get_by_role("link", name=OFFLINE))
    expect(page.get_by_role("main")).to_contain_text("Locked")
    assert Match.objects.get(challenge=offline).solution == helpers

    # Confirm, through its page: both teams are introduced, once.
    submit(page, "Confirm Tallinn Office")
    expect(page.get_by_role("main")).to_contain_text("2 teams, 2 people will be emailed.")
    submit(page, "Confirm the pair")
    expect(page.get_by_role("status")).to_contain_text(
        "The pair is confirmed. 2 people in 2 teams are told by email."
    )
    to_ana = Notification.objects.get(to_email=ana.email, key__startswith="match-introduction:")
    to_kadri = Notification.objects.get(to_email=kadri.email, key__startswith="match-introduction:")
    assert "Tallinn Office" in to_ana.subject and kadri.email in to_ana.body_text
    assert "Lisbon Agency" in to_kadri.subject and ana.email in to_kadri.body_text
