"""The showcase in a real browser: a team member gives the team's consent and writes its
story, the secretariat (with two-factor login) publishes it from the story queue, and a
visitor finds the match, the chart of countries and the story. axe-core checks every
page on the way."""

import re

import pytest
from allauth.mfa.totp.internal.auth import generate_totp_secret
from playwright.sync_api import Page, expect

from outcomes.models import Story
from tests.browser.journey import (
    follow,
    sign_in,
    sign_in_with_second_factor,
    sign_out,
    submit,
    visit,
)
from tests.factories import (
    OrganisationFactory,
    ProgrammeFactory,
    ThemeFactory,
    secretariat_user,
    with_second_factor,
)
from tests.outcomes.factories import (
    ConfirmedMatchFactory,
    SurveyFactory,
    consent,
    member_of,
    shown_match,
)

pytestmark = pytest.mark.browser

CHALLENGE = "Island pupils miss school when the ferries stop"
STORY = "What the ferries taught us about schools"


def test_a_story_goes_from_a_team_to_the_public_showcase(page: Page, site: str):
    programme = ProgrammeFactory(slug="incubator-2027", name="Innovation Incubator 2027")
    match = ConfirmedMatchFactory(
        programme=programme,
        challenge__title=CHALLENGE,
        challenge__sector="education",
        challenge__lifecycle_stage="implementation",
        challenge__themes=[ThemeFactory(slug="inclusion", name="Digital inclusion")],
        challenge__organisation=OrganisationFactory(
            name="Azores Regional Education Office", country="PT", level="regional"
        ),
        solution__organisation=OrganisationFactory(name="Tallinn Digital Office", country="EE"),
    )
    consent(programme, match.solution.organisation)
    shown_match(
        programme=programme,
        challenge__organisation=OrganisationFactory(name="Nairobi County", country="KE"),
        solution__organisation=OrganisationFactory(name="Santiago Digital", country="CL"),
    )
    ana = member_of(match.challenge.organisation, display_name="Ana Silva")
    survey = SurveyFactory(match=match)
    secret = generate_totp_secret()
    desk = with_second_factor(
        secretariat_user(email="desk@incubator.example", display_name="Desk Officer"),
        secret=secret,
    )

    # Ana gives her team's consent, writes the story and sends it for approval.
    sign_in(page, site, ana.email)
    visit(page, f"{site}/me/")
    follow(page, page.get_by_role("link", name="Showcase consent, our stories and follow-up"))
    submit(page, "Give our consent")
    expect(page.get_by_role("status")).to_contain_text("agrees to appear on the showcase")
    follow(page, page.get_by_role("link", name="Write your story"))
    page.get_by_label("Title of your story").fill(STORY)
    page.get_by_label("What you expected").fill("A ready-made tool we could copy.")
    page.get_by_label("What you learned").fill("Their method mattered more than their software.")
    submit(page, "Send for approval")
    expect(page.get_by_role("alert")).to_contain_text("What was hard")
    page.get_by_label("What was hard").fill("Finding a meeting hour across two time zones.")
    submit(page, "Send for approval")
    expect(page.get_by_role("status")).to_contain_text("sent to the secretariat")
    assert Story.objects.get().state == "submitted"

    # She answers the 3-month follow-up survey.
    follow(page, page.get_by_role("link", name="answer now"))
    page.get_by_label("Implementation").check()
    page.get_by_label("What has changed since the match").fill("Lessons go on by radio.")
    submit(page, "Send the answers")
    survey.refresh_from_db()
    assert survey.stage_reached == "implementation"
    sign_out(page)

    # The story is not public yet.
    visit(page, f"{site}/programmes/incubator-2027/showcase/{match.pk}/")
    expect(page.get_by_role("main")).not_to_contain_text(STORY)

    # The secretariat publishes it from the queue.
    sign_in_with_second_factor(page, site, desk.email, secret)
    visit(page, f"{site}/secretariat/")
    follow(page, page.get_by_role("link", name="Stories and follow-up"))
    follow(page, page.get_by_role("link", name=STORY))
    submit(page, "Publish the story")
    expect(page.get_by_role("status")).to_contain_text("published")
    sign_out(page)

    # A visitor finds the match, the countries and the story.
    visit(page, f"{site}/programmes/incubator-2027/")
    follow(page, page.get_by_role("link", name="The showcase"))
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text("Showcase of matched teams")
    expect(main).to_contain_text("2 matches")
    chart = page.get_by_role("figure")
    expect(chart.get_by_role("img", name=re.compile("teams by country"))).to_be_visible()
    expect(chart.get_by_role("table")).to_contain_text("Portugal")
    follow(page, page.get_by_role("link", name="continent"))
    expect(page.get_by_role("figure").get_by_role("table")).to_contain_text("Europe")
    follow(page, page.get_by_role("link", name=CHALLENGE))
    case = page.get_by_role("main")
    for shown in ("Portugal", "Regional", "Education", "Implementation", "Digital inclusion"):
        expect(case).to_contain_text(shown)
    expect(case.get_by_role("article")).to_contain_text(STORY)
