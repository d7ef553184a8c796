"""A challenge from first draft to the public list, in a real browser: one member starts
it, a colleague finishes and submits it, the secretariat screens and publishes it, and
a visitor finds it. axe-core checks every page on the way."""

import re

import pytest
from allauth.mfa.totp.internal.auth import generate_totp_secret
from playwright.sync_api import Page, expect

from challenges.models import Challenge
from tests.browser.journey import (
    follow,
    last_email_to,
    sign_in,
    sign_in_with_second_factor,
    sign_out,
    submit,
    visit,
)
from tests.challenges.files import PDF
from tests.factories import (
    CallFactory,
    MembershipFactory,
    OrganisationFactory,
    ThemeFactory,
    UserFactory,
    secretariat_user,
    with_second_factor,
)

pytestmark = pytest.mark.browser

TITLE = "Island pupils miss school when the ferries stop"
PROBLEM = (
    "Every winter storms cancel the ferries and children on the outer islands miss "
    "weeks of lessons; remote classes fail on poor connections."
)


def test_a_challenge_goes_from_draft_to_the_public_list(page: Page, site: str):
    team = OrganisationFactory(name="Azores Regional Education Office", country="PT")
    ana = MembershipFactory(
        organisation=team, user=UserFactory(display_name="Ana Silva", email="ana@azores.example")
    ).user
    joao = MembershipFactory(
        organisation=team, user=UserFactory(display_name="João Costa", email="joao@azores.example")
    ).user
    OrganisationFactory(name="Tallinn Digital Office", country="EE")
    call = CallFactory(title="Call for challenges 2027")
    ThemeFactory(name="Digital inclusion", slug="digital-inclusion")
    secret = generate_totp_secret()
    desk = secretariat_user(email="desk@incubator.example", display_name="Desk Officer")
    with_second_factor(desk, secret=secret)

    # Ana starts the challenge and saves a draft of the first section.
    sign_in(page, site, ana.email)
    visit(page, f"{site}/me/challenges/")
    follow(page, page.get_by_role("link", name="Start a new challenge"))
    page.get_by_label("Government team").select_option(label=team.name)
    page.get_by_label("Call").select_option(str(call.pk))
    page.get_by_label("Title").fill("Ferries and school")
    submit(page, "Start the draft")
    expect(page.get_by_role("heading", level=1)).to_have_text("About the challenge")
    page.get_by_label("Title").fill(TITLE)
    summary = page.get_by_label("One-line summary")
    summary.fill("Pupils lose weeks of school each winter.")
    expect(page.locator("#id_summary_count")).to_have_text(
        re.compile(r"^\d[\d,]* characters left$")
    )
    page.get_by_label("Digital inclusion").check()
    page.get_by_label("Sector").select_option(label="Education")
    page.get_by_label("Identifying problems").check()
    submit(page, "Save draft and come back later")
    challenge = Challenge.objects.get()
    assert (challenge.title, challenge.status) == (TITLE, "draft")
    sign_out(page)

    # João continues the same draft and submits it.
    sign_in(page, site, joao.email)
    visit(page, f"{site}/me/challenges/")
    follow(page, page.get_by_role("link", name=TITLE))
    follow(page, page.get_by_role("link", name="Continue the draft"))
    expect(page.get_by_label("One-line summary")).to_have_value(
        "Pupils lose weeks of school each winter."
    )
    submit(page, "Save and continue")
    expect(page.get_by_role("heading", level=1)).to_have_text("The problem")
    page.get_by_label("Problem statement").fill(PROBLEM)
    page.get_by_label("Context").fill("About 2,000 pupils on six islands.")
    page.get_by_label("What has been tried").fill("Video lessons over satellite links.")
    page.get_by_label("Constraints").fill("Teachers' contracts fix their hours.")
    submit(page, "Save and continue")
    page.get_by_label("Expertise sought").fill("Remote schooling that works offline.")
    page.get_by_label("Hoped-for outcome").fill("No pupil loses more than a week.")
    page.get_by_label("Working languages").select_option(["pt", "en"])
    page.get_by_label("Preferred meeting windows").fill("Mornings, Azores time")
    submit(page, "Save and continue")
    page.get_by_label("Ana Silva").check()
    submit(page, "Save and continue")
    expect(page.get_by_role("heading", level=1)).to_have_text("Files")
    page.get_by_label("Add a file").set_input_files(
        files=[{"name": "timetable.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    submit(page, "Upload file")
    expect(page.get_by_role("link", name="timetable.pdf")).to_be_visible()
    follow(page, page.get_by_role("link", name="Continue to check your answers"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    expect(page.get_by_role("main")).to_contain_text(PROBLEM)
    submit(page, "Submit challenge")
    expect(page.get_by_role("status")).to_contain_text("submitted")
    challenge.refresh_from_db()
    assert challenge.status == "submitted"
    confirmation = last_email_to(joao.email)
    assert confirmation.subject == f"Challenge received: {TITLE}"
    assert PROBLEM in confirmation.body_text
    sign_out(page)

    # The secretariat screens it and publishes it.
    sign_in_with_second_factor(page, site, desk.email, secret)
    visit(page, f"{site}/secretariat/challenges/")
    follow(page, page.get_by_role("link", name=TITLE))
    for check in (
        "Submitted by a public-sector body",
        "The problem is within the programme's scope",
        "The team can commit time over the incubation period",
    ):
        page.get_by_label(check).check()
    page.get_by_label("Screening note").fill("Clear problem; strong team.")
    submit(page, "Save the screening")
    expect(page.get_by_role("status")).to_contain_text("screening")
    submit(page, "Publish")
    expect(page.get_by_role("heading", level=1)).to_have_text("Publish 1 challenge?")
    expect(page.get_by_role("main")).to_contain_text("1 team, 2 people will be emailed.")
    submit(page, "Publish")
    expect(page.get_by_role("status")).to_contain_text("published")
    audit = page.get_by_role("table", name=re.compile("Everything that happened"))
    expect(audit).to_contain_text("Published")
    expect(audit).to_contain_text("Desk Officer")
    sign_out(page)

    # A visitor finds it by a word of its problem statement and by its country.
    visit(page, f"{site}/challenges/")
    page.get_by_label("Search words").fill("storms")
    page.get_by_label("Country").select_option(label="Portugal")
    submit(page, "Show challenges")
    results = page.get_by_role("main")
    expect(results).to_contain_text("1 challenge")
    follow(page, results.get_by_role("link", name=TITLE))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("main")).to_contain_text("Azores Regional Education Office")
    expect(page.get_by_role("main")).to_contain_text("Remote schooling that works offline.")
