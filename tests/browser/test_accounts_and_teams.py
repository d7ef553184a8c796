"""A person's first steps in a real browser: sign up, confirm the address, register a
government team, invite a colleague who joins; a secretariat account sets up two-factor
login before it reaches secretariat pages. axe-core checks every page on the way."""

import re

import pytest
from allauth.mfa.models import Authenticator
from playwright.sync_api import Page, expect

from incubator.models import Organisation
from tests.browser.journey import (
    current_totp_code,
    follow,
    last_email_to,
    link_in,
    sign_in,
    sign_out,
    submit,
    visit,
)
from tests.factories import PASSWORD, UserFactory, secretariat_user

pytestmark = pytest.mark.browser

CONFIRMATION_PATH = re.compile(r"/accounts/confirm-email/[^/\s]+/")
INVITATION_PATH = re.compile(r"/invitations/[^/\s]+/")


def sign_up(page: Page, *, email: str, name: str, time_zone: str, language: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign Up")
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Display name").fill(name)
    page.get_by_label("Time zone").select_option(time_zone)
    page.get_by_label("Preferred language").select_option(label=language)
    page.get_by_label("Password", exact=True).fill("a long and unusual passphrase 7")
    page.get_by_label("Password (again)").fill("a long and unusual passphrase 7")
    page.get_by_label("I accept the terms of participation").check()
    submit(page, "Sign Up")
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your email address")


def confirm_email(page: Page, site: str, email: str) -> None:
    visit(page, link_in(last_email_to(email), CONFIRMATION_PATH, site))
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm Email Address")
    expect(page.get_by_role("main")).to_contain_text(email)
    submit(page, "Confirm")


def test_a_new_user_signs_up_creates_a_team_and_a_colleague_joins_by_invitation(
    page: Page, site: str
):
    visit(page, site)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Innovation Incubator")

    follow(page, page.get_by_role("main").get_by_role("link", name="Create an account"))
    sign_up(
        page,
        email="ana.silva@ama.gov.example",
        name="Ana Silva",
        time_zone="Europe/Lisbon",
        language="English",
    )

    confirm_email(page, site, "ana.silva@ama.gov.example")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Ana Silva")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()

    follow(page, page.get_by_role("link", name="Register a government team"))
    page.get_by_label("Team name").fill("Agency for Administrative Modernisation")
    page.get_by_label("Country").select_option(label="Portugal")
    page.get_by_role("group", name="Level of government").get_by_label(
        "National", exact=True
    ).check()
    page.get_by_label("Working languages").select_option(["pt", "en"])
    page.get_by_label("Time zone").select_option("Europe/Lisbon")
    page.get_by_label("Website").fill("https://ama.gov.example")
    page.get_by_label("Short description").fill("Makes public services simpler to use.")
    submit(page, "Register team")

    team = Organisation.objects.get()
    assert sorted(team.languages) == ["en", "pt"]
    expect(page).to_have_url(f"{site}/teams/{team.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Agency for Administrative Modernisation"
    )
    expect(page.get_by_role("status")).to_contain_text("Your team is registered")

    page.get_by_label("Colleague's email address").fill("joao.costa@ama.gov.example")
    submit(page, "Send invitation")
    expect(page.get_by_role("status")).to_contain_text(
        "An invitation is on its way to joao.costa@ama.gov.example"
    )
    invitation_link = link_in(last_email_to("joao.costa@ama.gov.example"), INVITATION_PATH, site)
    assert invitation_link.startswith(site)

    sign_out(page)

    visit(page, invitation_link)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Join Agency for Administrative Modernisation"
    )
    follow(page, page.get_by_role("main").get_by_role("link", name="Create an account"))
    sign_up(
        page,
        email="joao.costa@ama.gov.example",
        name="João Costa",
        time_zone="Europe/Lisbon",
        language="English",
    )
    confirm_email(page, site, "joao.costa@ama.gov.example")
    # Signed in, and back where the invitation's "Create an account" link started.
    expect(page).to_have_url(invitation_link)
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("button", name="Sign out")).to_be_visible()
    expect(page.get_by_role("button", name="Join the team")).to_be_visible()

    visit(page, invitation_link)  # as from the email, now with a confirmed address
    submit(page, "Join the team")
    expect(page).to_have_url(f"{site}/teams/{team.pk}/")
    expect(page.get_by_role("status")).to_contain_text(
        "You are now a member of Agency for Administrative Modernisation"
    )
    members = page.get_by_role("table", name="Members")
    expect(members.get_by_role("row")).to_have_count(3)  # the header and two people
    expect(members).to_contain_text("Ana Silva")
    expect(members).to_contain_text("ana.silva@ama.gov.example")
    expect(members).to_contain_text("João Costa")
    expect(members).to_contain_text("joao.costa@ama.gov.example")


def test_a_secretariat_account_must_set_up_two_factor_before_reaching_secretariat_pages(
    page: Page, site: str
):
    person = secretariat_user(
        email="desk@incubator.example", display_name="Desk Officer", second_factor=False
    )

    sign_in(page, site, person.email)
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Desk Officer")

    visit(page, f"{site}/secretariat/")
    expect(page.get_by_role("status")).to_contain_text(
        "Secretariat accounts must set up two-factor login before reaching secretariat pages"
    )
    # allauth asks for the password again before it changes two-factor settings, then
    # carries on to the authenticator set-up it was sent to.
    expect(page).to_have_url(re.compile(r"/accounts/reauthenticate/\?next=.*totp.*activate"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm Access")
    page.get_by_label("Password").fill(PASSWORD)
    submit(page, "Confirm")
    expect(page).to_have_url(f"{site}/accounts/2fa/totp/activate/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Activate Authenticator App")

    secret = page.locator("#authenticator_secret").input_value()
    assert secret
    page.get_by_label("Authenticator code").fill(current_totp_code(secret))
    submit(page, "Activate")
    assert Authenticator.objects.filter(user=person, type=Authenticator.Type.TOTP).exists()

    visit(page, f"{site}/secretariat/")
    expect(page).to_have_url(f"{site}/secretariat/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Secretariat")


def test_a_team_form_without_a_name_points_to_the_problem_and_keeps_the_answers(
    page: Page, site: str
):
    person = UserFactory(display_name="Marie Dubois")
    sign_in(page, site, person.email)

    visit(page, f"{site}/teams/new/")
    page.get_by_label("Country").select_option(label="France")
    page.get_by_role("group", name="Level of government").get_by_label(
        "Regional", exact=True
    ).check()
    page.get_by_label("Working languages").select_option(["fr", "de"])
    page.get_by_label("Time zone").select_option("Europe/Paris")
    page.get_by_label("Website").fill("https://region.gouv.example")
    page.get_by_label("Short description").fill("Runs the regional digital services.")
    submit(page, "Register team")

    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    problem = summary.get_by_role("link", name=re.compile(r"^Team name: "))
    expect(problem).to_have_attribute("href", "#id_name")
    assert not Organisation.objects.exists()

    # What was typed is still there.
    expect(page.get_by_label("Team name")).to_have_value("")
    expect(page.get_by_label("Country")).to_have_value("FR")
    expect(
        page.get_by_role("group", name="Level of government").get_by_label("Regional", exact=True)
    ).to_be_checked()
    expect(page.get_by_label("Working languages")).to_have_values(["fr", "de"])
    expect(page.get_by_label("Time zone")).to_have_value("Europe/Paris")
    expect(page.get_by_label("Website")).to_have_value("https://region.gouv.example")
    expect(page.get_by_label("Short description")).to_have_value(
        "Runs the regional digital services."
    )

    problem.click()
    name = page.get_by_label("Team name")
    expect(name).to_be_focused()
    name.fill("Région numérique")
    submit(page, "Register team")
    expect(page.get_by_role("heading", level=1)).to_have_text("Région numérique")
    team = Organisation.objects.get()
    assert (team.country.code, team.level, sorted(team.languages)) == (
        "FR",
        "regional",
        ["de", "fr"],
    )
