"""The language a person chooses follows them: from visitor to new account, from the
language switch to the profile, and through signing in, never switched without a word."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from incubator.models import Notification, User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SWITCH = reverse("incubator:language_switch")


def choose(client, language):
    return client.post(SWITCH, {"language": language, "next": "/"})


def sign_in(client, user):
    return client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}, follow=True
    )


def test_a_visitor_who_chose_french_stays_in_french_after_signing_in_and_is_told(client):
    user = UserFactory(language="en")
    choose(client, "fr")

    page = sign_in(client, user)

    user.refresh_from_db()
    assert user.language == "fr"
    assert page.wsgi_request.LANGUAGE_CODE == "fr"
    text = page.content.decode()
    assert '<html lang="fr"' in text
    assert "Langue de votre profil\u00a0: Français, celle choisie avant votre connexion" in text


def test_signing_in_without_having_chosen_a_language_keeps_the_profiles_silently(client):
    user = UserFactory(language="fr")

    page = sign_in(client, user)

    user.refresh_from_db()
    assert user.language == "fr"
    assert page.wsgi_request.LANGUAGE_CODE == "fr"
    assert "Langue de votre profil" not in page.content.decode()


def test_a_language_chosen_before_signing_up_is_the_new_accounts_language(client):
    choose(client, "fr")

    form = client.get(reverse("account_signup")).context["form"]

    assert form["language"].value() == "fr"


def test_a_language_chosen_while_signed_in_updates_the_profile(client_of):
    user = UserFactory(language="en")
    client = client_of(user)

    choose(client, "fr")

    user.refresh_from_db()
    assert user.language == "fr"
    assert '<html lang="fr"' in client.get(reverse("incubator:dashboard")).content.decode()


def test_a_language_set_on_the_profile_is_the_one_remembered_after_signing_out(client_of):
    user = UserFactory(language="en")
    client = client_of(user)
    client.post(
        reverse("incubator:profile"),
        {"display_name": "Ana", "time_zone": "Europe/Paris", "language": "fr"},
    )
    client.post(reverse("account_logout"))

    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    page = sign_in(client, User.objects.get(pk=user.pk))
    assert page.wsgi_request.LANGUAGE_CODE == "fr"


def test_the_language_chosen_on_the_sign_up_form_is_the_one_kept_after_confirming(client):
    choose(client, "fr")
    client.post(
        reverse("account_signup"),
        {
            "email": "ana.silva@ama.gov.example",
            "display_name": "Ana Silva",
            "time_zone": "Europe/Lisbon",
            "language": "en",
            "password1": "a-long-and-unusual-passphrase",
            "password2": "a-long-and-unusual-passphrase",
            "terms": "on",
        },
    )
    confirmation = Notification.objects.get(to_email="ana.silva@ama.gov.example")
    link = re.search(r"/accounts/confirm-email/[^\s]+", confirmation.body_text).group(0)

    page = client.post(link, follow=True)

    assert User.objects.get(email="ana.silva@ama.gov.example").language == "en"
    assert page.wsgi_request.LANGUAGE_CODE == "en"
    assert "Your profile language" not in page.content.decode()


def test_the_language_left_in_the_browser_by_someone_else_never_changes_a_profile(client):
    french_colleague = UserFactory(language="fr")
    sign_in(client, french_colleague)
    client.post(reverse("account_logout"))
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    next_person = UserFactory(language="en")

    page = sign_in(client, next_person)

    next_person.refresh_from_db()
    assert next_person.language == "en"
    assert page.wsgi_request.LANGUAGE_CODE == "en"
    assert "Your profile language" not in page.content.decode()
