"""Signing in with a government identity provider, against a real OpenID Connect
provider (django-oauth-toolkit) running in its own process on 127.0.0.1."""

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.urls import reverse

from incubator.access import is_secretariat
from incubator.models import User
from tests.factories import UserFactory, secretariat_user
from tests.oidc_provider import running

PEOPLE = [
    {"username": "amelie", "email": "amelie.dupont@gouv.example", "first_name": "Amélie",
     "last_name": "Dupont"},
    {"username": "joao", "email": "joao@gov.example", "first_name": "João", "last_name": "Silva"},
    {"username": "desk", "email": "desk@gov.example", "groups": ["mfa"]},
    {"username": "desk2fa", "email": "desk2fa@gov.example", "groups": ["mfa"]},
    {"username": "sneaky", "email": "victim@gov.example", "groups": ["unverified"]},
]  # fmt: skip


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    process, provider = running.start(tmp_path_factory.mktemp("oidc"), PEOPLE)
    yield provider
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def trusting(settings, provider):
    """The portal configured with the provider; its MFA claims trusted as told."""

    def configure(**app_settings):
        settings.SOCIALACCOUNT_PROVIDERS = {
            "openid_connect": {"APPS": [provider.app(**app_settings)]}
        }

    configure()
    return configure


def sign_in(client, username: str, **follow):
    start = client.post(reverse("openid_connect_login", args=[running.PROVIDER_ID]))
    assert start.status_code == 302, start.content[:300]
    callback = running.authorize(start["Location"], username)
    return client.get(callback, follow=True)


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("trusting")]


def test_the_sign_in_page_offers_each_provider_by_its_name(client):
    page = client.get(reverse("account_login")).content.decode()

    assert "Sign in with GovID Test" in page


def test_a_first_sign_in_creates_the_account(client):
    page = sign_in(client, "amelie")

    person = User.objects.get(email="amelie.dupont@gouv.example")
    assert person.display_name == "Amélie Dupont"
    assert EmailAddress.objects.get(user=person).verified
    assert SocialAccount.objects.get(user=person).provider == running.PROVIDER_ID
    assert page.context["user"] == person


def test_a_first_sign_in_links_the_account_with_that_verified_address(client):
    existing = UserFactory(email="joao@gov.example", display_name="João S.")

    page = sign_in(client, "joao")

    assert page.context["user"] == existing
    assert User.objects.filter(email="joao@gov.example").count() == 1
    assert SocialAccount.objects.get(provider=running.PROVIDER_ID).user == existing
    assert existing.has_usable_password()


def test_an_address_the_provider_has_not_verified_opens_no_existing_account(client):
    victim = UserFactory(email="victim@gov.example")

    page = sign_in(client, "sneaky")

    assert page.context["user"] != victim
    assert not SocialAccount.objects.filter(user=victim).exists()


def test_a_provider_asserting_several_factors_opens_the_secretariat(client):
    desk = secretariat_user(email="desk@gov.example", second_factor=False)

    sign_in(client, "desk")

    response = client.get(reverse("secretariat:home"))
    assert response.status_code == 200
    assert is_secretariat(response.wsgi_request.user)
    assert desk.pk == response.wsgi_request.user.pk


def test_a_provider_whose_claims_are_not_trusted_leaves_the_second_factor_to_set_up(
    client, trusting
):
    trusting(mfa_amr=[], mfa_acr=[])
    secretariat_user(email="desk@gov.example", second_factor=False)

    sign_in(client, "desk")

    response = client.get(reverse("secretariat:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_an_authenticator_app_is_not_asked_for_when_the_provider_asserted_several_factors(
    client,
):
    secretariat_user(email="desk2fa@gov.example")

    page = sign_in(client, "desk2fa")

    assert page.redirect_chain[-1][0] == reverse("incubator:dashboard")


def test_otherwise_the_authenticator_app_is_asked_for(client, trusting):
    trusting(mfa_amr=[])
    secretariat_user(email="desk2fa@gov.example")

    page = sign_in(client, "desk2fa")

    assert page.redirect_chain[-1][0] == reverse("mfa_authenticate")
    assert not page.context["user"].is_authenticated
