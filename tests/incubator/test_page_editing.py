"""The secretariat writes the pages of the footer, version by version, in English and
French; what it writes is cleaned, and a new version of the terms is accepted at the next
sign-in before anything else."""

import pytest
from django.urls import reverse

from incubator.models import PageVersion, TermsAcceptance
from tests.factories import PASSWORD, UserFactory, secretariat_user

pytestmark = pytest.mark.django_db

TEXTS = {
    "title": "Privacy",
    "title_fr": "Confidentialité",
    "body": "<h2>Kept</h2><p>Little.</p><script>alert(1)</script><p onclick='x()'>Safe</p>",
    "body_fr": "<p>Peu de chose.</p>",
}


def test_the_editor_starts_from_the_built_in_text_in_both_languages(client_of):
    page = client_of(secretariat_user()).get(
        reverse("incubator:page_edit", kwargs={"slug": "privacy"})
    )

    text = page.content.decode()
    assert "What is kept, and why" in text and "Ce qui est conservé" in text


def test_a_published_version_is_cleaned_and_read_in_the_readers_language(client, client_of):
    desk = client_of(secretariat_user())
    response = desk.post(
        reverse("incubator:page_edit", kwargs={"slug": "privacy"}), TEXTS, follow=True
    )

    assert "Version 2 of “Privacy notice” is published." in response.content.decode()
    version = PageVersion.objects.get()
    assert "<script>" not in version.body and "onclick" not in version.body
    client.logout()
    english = client.get(reverse("incubator:privacy")).content.decode()
    french = client_of(UserFactory(language="fr")).get(reverse("incubator:privacy"))
    assert "<h1>Privacy</h1>" in english and "<h2>Kept</h2>" in english and "Version 2" in english
    assert "alert(1)" not in english
    assert "Peu de chose." in french.content.decode()


def test_only_the_secretariat_edits_the_pages(client_of):
    response = client_of(UserFactory()).post(
        reverse("incubator:page_edit", kwargs={"slug": "privacy"}), TEXTS
    )

    assert response.status_code == 403
    assert not PageVersion.objects.exists()


def test_signing_up_records_the_terms_accepted_and_refuses_without(client):
    signup = {
        "email": "ana.silva@ama.gov.example",
        "display_name": "Ana Silva",
        "time_zone": "Europe/Lisbon",
        "language": "en",
        "password1": "a-long-and-unusual-passphrase",
        "password2": "a-long-and-unusual-passphrase",
    }

    refused = client.post(reverse("account_signup"), signup).content.decode()
    client.post(reverse("account_signup"), {**signup, "terms": "on"})

    assert "Accept the terms of participation to create an account." in refused
    acceptance = TermsAcceptance.objects.get()
    assert (acceptance.user.email, acceptance.version) == (signup["email"], 1)
    assert acceptance.accepted_at is not None


def test_a_new_version_of_the_terms_is_accepted_at_the_next_sign_in(client, client_of):
    person = UserFactory()
    client_of(secretariat_user()).post(
        reverse("incubator:page_edit", kwargs={"slug": "terms"}),
        {**TEXTS, "title": "Terms", "body": "<p>New terms.</p>"},
    )
    client.logout()

    signed_in = client.post(
        reverse("account_login"), {"login": person.email, "password": PASSWORD}, follow=True
    )
    elsewhere = client.get(reverse("incubator:profile"))
    accepted = client.post(
        reverse("incubator:terms_accept"), {"accept": "on", "next": "/me/profile/"}
    )
    after = client.get(reverse("incubator:profile"))

    assert "The terms of participation have changed (version 2)" in signed_in.content.decode()
    assert "New terms." in signed_in.content.decode()
    assert elsewhere.status_code == 302 and "/terms/accept/" in elsewhere.url
    assert accepted.url == "/me/profile/"
    assert TermsAcceptance.objects.filter(user=person, version=2).exists()
    assert after.status_code == 200


def test_someone_who_accepted_the_terms_in_force_goes_straight_in(client):
    person = UserFactory()

    response = client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})

    assert response.url == reverse("incubator:dashboard")
