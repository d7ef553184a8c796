"""A visitor's rights journey, in a real browser and in French: reading the privacy
notice and the accessibility statement from the footer, signing up with the terms
accepted, writing to the secretariat, the secretariat answering, the visitor reading the
answer by email and on their notifications page, then downloading a copy of their data
and deleting their account. Every page is checked at 1280 and 390 px with axe; the
cookies the browser holds are all on the cookie page."""

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from incubator.models import ContactMessage, User
from tests.browser.axe import assert_accessible
from tests.browser.journey import (
    follow,
    last_email_to,
    link_in,
    read_in,
    sign_in_with_second_factor,
    sign_out,
    submit,
    visit,
)
from tests.factories import secretariat_user, with_second_factor

pytestmark = pytest.mark.browser

EMAIL = "lea.martin@numerique.gouv.example"
PASSPHRASE = "a long and unusual passphrase 7"
CONFIRMATION_PATH = re.compile(r"/accounts/confirm-email/[^/\s]+/")


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def footer_link(page: Page, name: str, heading: str | None = None) -> None:
    follow(page, page.get_by_role("contentinfo").get_by_role("link", name=name, exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text(heading or name)
    assert_accessible(page)


def sign_up_in_french(page: Page, site: str) -> None:
    follow(page, page.get_by_role("link", name="Créer un compte").first)
    page.locator("#id_email").fill(EMAIL)
    page.locator("#id_display_name").fill("Léa Martin")
    page.locator("#id_time_zone").select_option("Europe/Paris")
    page.locator("#id_password1").fill(PASSPHRASE)
    page.locator("#id_password2").fill(PASSPHRASE)
    page.get_by_label("J’accepte les conditions de participation").check()
    assert_accessible(page)
    page.locator("main form button[type=submit]").last.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Confirmez votre adresse électronique"
    )
    assert_accessible(page)
    visit(page, link_in(last_email_to(EMAIL), CONFIRMATION_PATH, site))
    assert_accessible(page)
    signed_in(page, "main form button[type=submit]")


def signed_in(page: Page, button: str) -> None:
    with page.expect_navigation(url=re.compile(r"/me/")):
        page.locator(button).click()
    assert_accessible(page)


def test_a_visitor_reads_the_rights_pages_signs_up_and_is_answered(page: Page, site: str):
    secret = "JBSWY3DPEHPK3PXP"
    secretary = with_second_factor(secretariat_user(second_factor=False), secret=secret)
    visit(page, site)
    read_in(page, "Français")
    assert_accessible(page)
    footer_link(page, "Protection des données personnelles")
    expect(page.get_by_role("main")).to_contain_text("RGPD")
    footer_link(page, "Déclaration d’accessibilité")
    expect(page.get_by_role("main")).to_contain_text("axe-core")
    footer_link(page, "Cookies")
    sign_up_in_french(page, site)

    footer_link(page, "Contacter le secrétariat", "Écrire au secrétariat")
    page.locator("#id_subject").fill("Deux défis ?")
    page.locator("#id_body").fill("Une équipe peut-elle soumettre deux défis ?")
    page.wait_for_timeout(3100)  # the form refuses what is sent sooner than a person could
    submit(page, "Envoyer le message")
    expect(page.get_by_role("heading", level=1)).to_have_text("Message envoyé")
    assert_accessible(page)
    held = {cookie["name"] for cookie in page.context.cookies()}
    visit(page, f"{site}/cookies/")
    listed = set(page.locator("main table code").all_inner_texts())
    assert held <= listed, f"cookies not on the cookie page: {held - listed}"
    visit(page, f"{site}/accounts/logout/")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{site}/")
    read_in(page, "English")
    assert_accessible(page)
    sign_in_with_second_factor(page, site, secretary.email, secret)
    expect(page).to_have_url(re.compile(r"/me/"))
    assert_accessible(page)
    visit(page, f"{site}/secretariat/contact/")
    assert_accessible(page)
    follow(page, page.get_by_role("link", name="Deux défis ?"))
    page.locator("#id_answer").fill("Oui, chacun dans son propre brouillon.")
    assert_accessible(page)
    page.locator("main form button[type=submit]").first.click()
    assert ContactMessage.objects.get().state == "answered"

    answer = last_email_to(EMAIL)
    assert answer.subject == "Réponse du secrétariat\u00a0: Deux défis ?"
    assert "Oui, chacun dans son propre brouillon." in answer.body_text
    sign_out(page)
    assert_accessible(page)
    visit(page, f"{site}/accounts/login/")
    page.locator("#id_login").fill(EMAIL)
    page.locator("#id_password").fill(PASSPHRASE)
    signed_in(page, "main form button[type=submit]")
    visit(page, f"{site}/me/notifications/")
    assert_accessible(page)
    follow(page, page.get_by_role("link", name=re.compile("Réponse du secrétariat")))
    expect(page.get_by_role("main")).to_contain_text("Oui, chacun dans son propre brouillon.")
    assert_accessible(page)

    download_then_delete_in_french(page, site)


def download_then_delete_in_french(page: Page, site: str) -> None:
    visit(page, f"{site}/me/")
    follow(page, page.get_by_role("link", name="Télécharger mes données, ou supprimer mon compte"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Vos données")
    submit(page, "Préparer une copie de mes données")
    expect(page.get_by_role("status")).to_contain_text("Votre copie est prête.")
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger mes données (JSON)").click()
    data = json.loads(Path(download.value.path()).read_text())
    assert data["account"]["person"]["email"] == EMAIL
    [sent] = data["messages"]["messages_to_the_secretariat"]
    assert sent["answer"] == "Oui, chacun dans son propre brouillon."

    follow(page, page.get_by_role("link", name="Supprimer mon compte…"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Supprimer votre compte\u00a0?")
    page.get_by_label("Votre mot de passe").fill(PASSPHRASE)
    submit(page, "Supprimer mon compte")
    expect(page.get_by_role("heading", level=1)).to_have_text("Votre compte a été supprimé")
    assert not User.objects.filter(email=EMAIL).exists()
