"""Cohort sessions in a real browser: a member in São Paulo browses the sessions in her
own time, filters them by theme, registers and downloads the calendar file; the session
is then full, so a member in Tokyo joins the waitlist; when she cancels, he gets the
place and an email says so. Then the secretariat plans a session with every team's
local time in view, and a member shares a resource and an opportunity. axe-core checks
every page on the way."""

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import generate_totp_secret
from icalendar import Calendar
from playwright.sync_api import Page, expect

from cohorts.models import Registration, Session
from tests.browser.journey import (
    follow,
    last_email_to,
    sign_in,
    sign_in_with_second_factor,
    sign_out,
    submit,
    visit,
)
from tests.cohorts.factories import CohortFactory, SessionFactory, cohort_member
from tests.factories import (
    OrganisationFactory,
    ThemeFactory,
    secretariat_user,
    with_second_factor,
)

pytestmark = pytest.mark.browser

TITLE = "Running open experiments"
# 14:00 in Paris in January: 10:00 in São Paulo, 22:00 in Tokyo.
STARTS = datetime(2031, 1, 15, 13, 0, tzinfo=UTC)


def test_members_register_waitlist_and_get_promoted(page: Page, site: str):
    cohort = CohortFactory(name="Cohort 2031")
    experimentation = ThemeFactory(slug="open-experimentation", name="Open experimentation")
    session = SessionFactory(
        cohort=cohort,
        theme=experimentation,
        title=TITLE,
        starts_at=STARTS,
        ends_at=STARTS + timedelta(minutes=90),
        reference_time_zone="Europe/Paris",
        capacity=1,
    )
    SessionFactory(
        cohort=cohort,
        theme=ThemeFactory(slug="citizen-involvement", name="Citizen involvement"),
        title="Citizen panels that work",
        starts_at=STARTS + timedelta(days=7),
        ends_at=STARTS + timedelta(days=7, minutes=90),
    )
    ana = cohort_member(
        cohort,
        team=OrganisationFactory(name="São Paulo Innovation Lab", time_zone="America/Sao_Paulo"),
        email="ana@saopaulo.example",
        display_name="Ana Souza",
        time_zone="America/Sao_Paulo",
    )
    kenji = cohort_member(
        cohort,
        team=OrganisationFactory(name="Tokyo Digital Office", time_zone="Asia/Tokyo"),
        email="kenji@tokyo.example",
        display_name="Kenji Sato",
        time_zone="Asia/Tokyo",
    )

    # Ana browses the sessions in her own time and narrows them to one theme.
    sign_in(page, site, ana.email)
    follow(page, page.get_by_role("navigation", name="Main").get_by_role("link", name="Sessions"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Upcoming sessions")
    main = page.get_by_role("main")
    expect(main).to_contain_text("2 sessions")
    expect(main).to_contain_text("10:00–11:30 UTC−03:00 (America/Sao_Paulo)")
    expect(main).to_contain_text("14:00–15:30 CET (Europe/Paris)")
    page.get_by_label("Theme", exact=True).select_option(label="Open experimentation")
    submit(page, "Show sessions")
    expect(main).to_contain_text("1 session")
    expect(main).not_to_contain_text("Citizen panels that work")

    # She registers, sees the joining link, and downloads the calendar file.
    follow(page, main.get_by_role("link", name=TITLE))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(main).not_to_contain_text(session.joining_link)
    submit(page, "Register")
    expect(page.get_by_role("status")).to_contain_text("You are registered")
    expect(main.get_by_role("link", name=session.joining_link)).to_be_visible()
    with page.expect_download() as download_info:
        main.get_by_role("link", name="Download the calendar file (.ics)").click()
    calendar = Calendar.from_ical(Path(download_info.value.path()).read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == TITLE
    assert event["DTSTART"].dt.astimezone(UTC) == STARTS
    assert session.joining_link in str(event["DESCRIPTION"])
    sign_out(page)

    # The only place is taken: Kenji, in Tokyo, joins the waitlist.
    sign_in(page, site, kenji.email)
    visit(page, f"{site}{session.get_absolute_url()}")
    expect(main).to_contain_text("22:00–23:30 JST (Asia/Tokyo)")
    expect(main).to_contain_text("The session is full.")
    submit(page, "Join the waitlist")
    expect(page.get_by_role("status")).to_contain_text("you are on the waitlist")
    expect(main).to_contain_text("You are number 1 on the waitlist")
    expect(main).not_to_contain_text(session.joining_link)
    sign_out(page)

    # Ana cannot come after all; her place goes to Kenji, who is told by email.
    sign_in(page, site, ana.email)
    visit(page, f"{site}{session.get_absolute_url()}")
    submit(page, "Cancel my registration")
    expect(page.get_by_role("status")).to_contain_text("Your registration is cancelled.")
    # Kenji took the place at once: the session is full again.
    expect(main.get_by_role("button", name="Join the waitlist")).to_be_visible()
    sign_out(page)
    assert Registration.objects.get(session=session, user=kenji).status == "registered"
    email = last_email_to(kenji.email)
    assert email.subject == f"You have a place: {TITLE}"
    assert "22:00–23:30 JST (Asia/Tokyo)" in email.body_text
    assert session.joining_link in email.body_text

    # Kenji now has the place and the joining link.
    sign_in(page, site, kenji.email)
    visit(page, f"{site}{session.get_absolute_url()}")
    expect(main.get_by_text("Registered", exact=True)).to_be_visible()
    expect(main.get_by_role("link", name=session.joining_link)).to_be_visible()


def test_the_secretariat_plans_a_session_in_every_teams_time_and_members_share(
    page: Page, site: str
):
    cohort = CohortFactory(name="Cohort 2031")
    ThemeFactory(slug="scaling-public-services", name="Scaling public services")
    member = cohort_member(
        cohort,
        team=OrganisationFactory(name="Nairobi Service Desk", time_zone="Africa/Nairobi"),
        email="wanjiru@nairobi.example",
        time_zone="Africa/Nairobi",
    )
    cohort_member(
        cohort, team=OrganisationFactory(name="Tokyo Digital Office", time_zone="Asia/Tokyo")
    )
    cohort_member(
        cohort, team=OrganisationFactory(name="Santiago Lab", time_zone="America/Santiago")
    )
    secret = generate_totp_secret()
    desk = with_second_factor(
        secretariat_user(email="desk@incubator.example", time_zone="Europe/Paris"), secret=secret
    )

    # The secretariat checks a slot against every team's clock and takes a suggestion.
    sign_in_with_second_factor(page, site, desk.email, secret)
    visit(page, f"{site}/secretariat/")
    follow(page, page.get_by_role("link", name="Cohorts", exact=True))
    follow(page, page.get_by_role("link", name="Cohort 2031"))
    follow(page, page.get_by_role("link", name="Plan a session"))
    page.get_by_label("Title", exact=True).fill("Scaling a pilot nationally")
    page.get_by_label("Theme").select_option(label="Scaling public services")
    page.get_by_label("Reference time zone").select_option("Europe/Paris")
    page.get_by_label("Starts").fill("2031-01-15T19:00")
    page.get_by_label("Ends").fill("2031-01-15T20:00")
    submit(page, "Check the time for every team")
    planning = page.get_by_role("region", name="The time for every team")
    expect(planning).to_contain_text("03:00–04:00 JST (Asia/Tokyo)")
    expect(planning).to_contain_text("No: outside 08:00–19:00")
    follow(page, planning.get_by_role("button", name="Use this slot").first)
    expect(page.locator("#id_title")).to_have_value("Scaling a pilot nationally")
    page.get_by_label("Places").fill("20")
    submit(page, "Save the session")
    expect(page.get_by_role("status")).to_contain_text("is planned")
    assert Session.objects.get(title="Scaling a pilot nationally").starts_at != datetime(
        2031, 1, 15, 18, 0, tzinfo=UTC
    ), "the suggested slot replaced the one typed"
    sign_out(page)

    # A member finds it, shares a resource, posts an opportunity, makes a calendar address.
    sign_in(page, site, member.email)
    visit(page, f"{site}/cohort/sessions/")
    expect(page.get_by_role("main")).to_contain_text("Scaling a pilot nationally")
    visit(page, f"{site}/cohort/resources/")
    follow(page, page.get_by_role("link", name="Share a resource"))
    page.get_by_label("Title").fill("National rollout checklist")
    page.get_by_label("Scaling public services").check()
    page.get_by_label("Link").fill("https://checklist.example")
    submit(page, "Share")
    expect(page.get_by_role("main")).to_contain_text("National rollout checklist")
    visit(page, f"{site}/cohort/opportunities/")
    follow(page, page.get_by_role("link", name="Post an opportunity"))
    page.get_by_label("Event").check()
    page.get_by_label("Title").fill("Africa public service week")
    page.get_by_label("On the board until").fill("2020-01-01")
    submit(page, "Post")
    expect(page.get_by_role("alert")).to_contain_text("This date has passed")
    in_two_months = (datetime.now(UTC) + timedelta(days=60)).date().isoformat()
    page.get_by_label("On the board until").fill(in_two_months)
    submit(page, "Post")
    expect(page.get_by_role("main")).to_contain_text("Africa public service week")
    visit(page, f"{site}/cohort/calendar/")
    submit(page, "Make my calendar address")
    expect(page.get_by_label("Your private address")).to_have_value(
        re.compile(r"/cohort/calendar/[-\w]+\.ics$")
    )
