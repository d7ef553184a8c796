"""An incubation in a real browser, at a desktop's width and a phone's: a challenge owner in
Tokyo (who reads English) and a provider in São Paulo (who reads French) plan a milestone,
widen their working hours until they share one, find a meeting time that both accept, the
owner fixes it and downloads the invitation, they exchange messages, the provider sends a
check-in, the secretariat sees it on its desk, then starts closing and closes the
incubation through their confirmation pages. axe-core checks every page."""

from datetime import UTC, timedelta
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import generate_totp_secret
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import Page, expect

from incubation.models import CheckIn, Incubation, Meeting, Message, Milestone
from incubator.models import Notification
from tests.browser.journey import (
    follow,
    read_in,
    sign_in,
    sign_in_with_second_factor,
    sign_out,
    submit,
    visit,
)
from tests.browser.test_french import assert_in_french, english_messages
from tests.factories import secretariat_user, with_second_factor
from tests.incubation.factories import workspace

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": 1280, "phone": 390}


def go_to(page: Page, navigation: str, link: str) -> None:
    follow(page, page.get_by_role("navigation", name=navigation).get_by_role("link", name=link))


def sign_out_in_french(page: Page) -> None:
    nav = page.get_by_role("navigation", name="Menu principal")
    follow(page, nav.get_by_role("button", name="Se déconnecter"))
    # Signed out, the browser keeps her language; the colleague who uses it next in
    # Tokyo switches back to English before signing in.
    nav = page.get_by_role("navigation", name="Menu principal")
    expect(nav.get_by_role("link", name="Se connecter")).to_be_visible()
    read_in(page, "English")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Sign in")).to_be_visible()


def owner_plans_a_milestone_and_widens_tokyos_hours(page: Page, site: str, ws) -> None:
    sign_in(page, site, ws.owner.email)
    go_to(page, "Main", "My incubations")
    main = page.get_by_role("main")
    expect(main).to_contain_text("São Paulo Innovation Lab (Brazil)")
    follow(page, main.get_by_role("link", name=ws.incubation.challenge.title))
    go_to(page, "Incubation", "Work plan")
    follow(page, main.get_by_role("link", name="Add a milestone"))
    page.get_by_label("Milestone", exact=True).fill("Templates translated into Japanese")
    page.get_by_label("São Paulo Innovation Lab").check()
    page.get_by_label("Due on").fill((timezone.localdate() + timedelta(days=14)).isoformat())
    submit(page, "Add the milestone")
    expect(page.get_by_role("status")).to_contain_text("The milestone is added to the plan.")
    expect(main).to_contain_text("Templates translated into Japanese")
    go_to(page, "Incubation", "Overview")
    follow(page, main.get_by_role("link", name="Change the working hours of Tokyo Digital Office"))
    page.get_by_label("The working day starts at").fill("07:00")
    page.get_by_label("The working day ends at").fill("18:00")
    submit(page, "Save the working hours")
    expect(page.get_by_role("status")).to_contain_text("are saved")
    sign_out(page)


def provider_proposes_answers_writes_and_checks_in_in_french(page: Page, site: str, ws) -> None:
    english = english_messages()
    sign_in(page, site, ws.provider.email)
    go_to(page, "Menu principal", "Mes incubations")
    assert_in_french(page, english)
    main = page.get_by_role("main")
    follow(page, main.get_by_role("link", name=ws.incubation.challenge.title))
    assert_in_french(page, english)
    expect(main).to_contain_text("Templates translated into Japanese")
    follow(
        page,
        main.get_by_role("link", name="Changer les heures de travail de São Paulo Innovation Lab"),
    )
    assert_in_french(page, english)
    page.get_by_label("La journée de travail commence à").fill("07:00")
    page.get_by_label("La journée de travail finit à").fill("20:00")
    submit(page, "Enregistrer les heures de travail")
    go_to(page, "Incubation", "Réunions")
    assert_in_french(page, english)
    follow(page, main.get_by_role("link", name="Proposer une réunion"))
    submit(page, "Trouver des créneaux")  # nothing typed: the errors, in French
    assert_in_french(page, english)
    page.get_by_label("Le sujet de la réunion").fill("Premier échange")
    submit(page, "Trouver des créneaux")
    assert_in_french(page, english)
    expect(page.get_by_role("status")).to_contain_text("La réunion est proposée.")
    expect(main).to_contain_text("Votre heure (America/Sao_Paulo)")
    expect(main).not_to_contain_text("Aucun créneau de ces deux semaines")
    main.locator('input[name="available"]').first.check()
    submit(page, "Enregistrer ma réponse")
    expect(page.get_by_role("status")).to_contain_text("vous pouvez venir à 1 des créneaux")
    go_to(page, "Incubation", "Messages")
    page.get_by_label("Votre message").fill("Bonjour ! Le guide : https://docs.example.org/guide")
    submit(page, "Envoyer")
    assert_in_french(page, english)
    expect(main.get_by_role("link", name="https://docs.example.org/guide")).to_be_visible()
    go_to(page, "Incubation", "Points d’étape")
    assert_in_french(page, english)
    progress = page.get_by_label("Progrès depuis le dernier point d’étape")
    progress.fill("Le guide est traduit à moitié.")
    page.get_by_label("4 — sur la bonne voie").check()
    submit(page, "Envoyer le point d’étape")
    expect(page.get_by_role("status")).to_contain_text("est envoyé au secrétariat")
    go_to(page, "Incubation", "Plan de travail")
    assert_in_french(page, english)
    sign_out_in_french(page)


def owner_fixes_the_time_downloads_the_invitation_and_replies(page: Page, site: str, ws) -> None:
    sign_in(page, site, ws.owner.email)
    go_to(page, "Main", "My incubations")
    main = page.get_by_role("main")
    follow(page, main.get_by_role("link", name=ws.incubation.challenge.title))
    go_to(page, "Incubation", "Meetings")
    follow(page, main.get_by_role("link", name="Premier échange"))
    expect(main).to_contain_text("Your time (Asia/Tokyo)")
    main.locator('input[name="available"]').first.check()
    submit(page, "Save my answer")
    main.locator('input[name="slot"]').first.check()
    submit(page, "Fix this time")
    expect(page.get_by_role("status")).to_contain_text("The meeting is fixed.")
    expect(main).to_contain_text("(Asia/Tokyo)")
    meeting = Meeting.objects.get()
    with page.expect_download() as download:
        main.get_by_role("link", name="Download the invitation (.ics)").click()
    calendar = Calendar.from_ical(Path(download.value.path()).read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert (str(event["UID"]), event["SEQUENCE"]) == (meeting.uid, 0)
    assert event["DTSTART"].params["TZID"] == "America/Sao_Paulo"  # the proposer's team's
    assert event.decoded("DTSTART").astimezone(UTC) == meeting.starts_at
    go_to(page, "Incubation", "Messages")
    follow(page, main.get_by_role("link", name="Reply").first)
    page.get_by_label("Your reply").fill("Thank you, Ana! See you at the meeting.")
    submit(page, "Send the reply")
    expect(main).to_contain_text("Thank you, Ana!")
    sign_out(page)


def the_secretariat_sees_the_check_in_on_its_desk(page: Page, site: str, ws, secret) -> None:
    sign_in_with_second_factor(page, site, ws.secretariat.email, secret)
    visit(page, f"{site}/secretariat/incubations/")
    follow(page, page.get_by_role("link", name=ws.incubation.programme.name))
    main = page.get_by_role("main")
    expect(main).to_contain_text(ws.incubation.challenge.title)
    expect(main).to_contain_text("4/5")
    expect(main).to_contain_text("0 of 1")  # milestones done of all
    go_to(page, "Incubations of the programme", "Check-ins")
    expect(main).to_contain_text("Le guide est traduit à moitié.")


def the_secretariat_starts_closing_and_closes_asked_first(page: Page, ws) -> None:
    """Both cannot be undone: each link leads to a page that says what will happen and
    who will be emailed; only its button acts, and the message counts the outbox."""
    main = page.get_by_role("main")
    go_to(page, "Incubations of the programme", "Desk")
    follow(page, main.get_by_role("link", name=ws.incubation.challenge.title))
    go_to(page, "Incubation", "Secretariat")
    follow(page, main.get_by_role("link", name="Start closing"))
    title = ws.incubation.challenge.title
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Start closing “{title}”?")
    expect(main).to_contain_text("Each team is asked by email to write its closing report.")
    expect(main).to_contain_text("2 people will be emailed.")
    assert Incubation.objects.get().state == "active"
    submit(page, "Start closing")
    expect(page.get_by_role("status")).to_have_text(
        "Closing has started: each team is asked for its closing report. "
        "2 people are told by email."
    )
    follow(page, main.get_by_role("link", name="Close the incubation"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Close “{title}”?")
    expect(main).to_contain_text("After this nothing in the incubation can be changed")
    follow(page, main.get_by_role("link", name="Cancel"))  # not yet: back to the page
    assert Incubation.objects.get().state == "closing"
    follow(page, main.get_by_role("link", name="Close the incubation"))
    submit(page, "Close the incubation")
    expect(page.get_by_role("status")).to_have_text(
        "The incubation is closed. It stays readable to its people. 2 people are told by email."
    )
    assert Notification.objects.filter(key__startswith="incubation-state:").count() == 4


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_two_teams_twelve_hours_apart_plan_meet_write_and_check_in(page: Page, site: str, width):
    page.set_viewport_size({"width": width, "height": 900})
    secret = generate_totp_secret()
    desk = with_second_factor(
        secretariat_user(email="desk@incubator.example", time_zone="Europe/Paris"), secret=secret
    )
    ws = workspace(
        secretariat=desk,
        owner_fields={"email": "kenji@tokyo.example", "display_name": "Kenji Sato"},
        provider_fields={
            "email": "ana@saopaulo.example",
            "display_name": "Ana Souza",
            "language": "fr",
        },
    )

    owner_plans_a_milestone_and_widens_tokyos_hours(page, site, ws)
    provider_proposes_answers_writes_and_checks_in_in_french(page, site, ws)
    owner_fixes_the_time_downloads_the_invitation_and_replies(page, site, ws)
    the_secretariat_sees_the_check_in_on_its_desk(page, site, ws, secret)
    the_secretariat_starts_closing_and_closes_asked_first(page, ws)

    assert Milestone.objects.get().team == ws.provider_team
    assert Message.objects.filter(parent__isnull=False).count() == 1
    assert CheckIn.objects.get().confidence == 4
    invitation = Notification.objects.filter(
        key__startswith="meeting-invitation:", to_email=ws.provider.email
    ).get()
    assert invitation.subject.startswith("Invitation\u00a0: Premier échange")
    assert "(America/Sao_Paulo)" in invitation.body_text
