import pytest
from django.urls import reverse

from incubator.models import Notification, User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GOOD_SIGNUP = {
    "email": "ana.silva@ama.gov.example",
    "display_name": "Ana Silva",
    "time_zone": "Europe/Lisbon",
    "language": "en",
    "password1": "a-long-and-unusual-passphrase",
    "password2": "a-long-and-unusual-passphrase",
    "terms": "on",
}


def test_signing_up_queues_one_confirmation_email_with_a_link(client):
    response = client.post(reverse("account_signup"), GOOD_SIGNUP)

    assert response.status_code == 302
    user = User.objects.get(email="ana.silva@ama.gov.example")
    assert (user.display_name, user.time_zone) == ("Ana Silva", "Europe/Lisbon")
    confirmation = Notification.objects.get(to_email=user.email)
    assert "/accounts/confirm-email/" in confirmation.body_text


def test_an_unconfirmed_account_cannot_sign_in(client):
    client.post(reverse("account_signup"), GOOD_SIGNUP)
    client.logout()

    response = client.post(
        reverse("account_login"),
        {"login": GOOD_SIGNUP["email"], "password": GOOD_SIGNUP["password1"]},
    )

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("time_zone", "Mars/Olympus_Mons", "is not a time zone we know"),
        ("display_name", "A" * 121, "Keep this to 120 characters or fewer"),
        ("display_name", "<script>alert(1)</script>", "Use plain text here"),
        ("language", "xx", "Select a valid choice"),
        ("email", "not-an-email", "Enter a valid email address"),
    ],
)
def test_bad_sign_up_input_is_named_at_the_field_and_nothing_is_stored(
    client, field, value, message
):
    response = client.post(reverse("account_signup"), {**GOOD_SIGNUP, field: value})

    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    page = response.content.decode()
    assert 'class="error-summary"' in page
    assert 'value="Ana Silva"' in page or field == "display_name"
    assert not User.objects.exists()
    assert not Notification.objects.exists()


def test_script_typed_into_a_field_comes_back_inert(client):
    response = client.post(
        reverse("account_signup"), {**GOOD_SIGNUP, "display_name": "<script>alert(1)</script>"}
    )

    page = response.content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_person_updates_their_time_zone_and_language(client_of):
    user = UserFactory()
    response = client_of(user).post(
        reverse("incubator:profile"),
        {"display_name": "Kenji Sato", "time_zone": "Asia/Tokyo", "language": "fr"},
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.display_name, user.time_zone, user.language) == ("Kenji Sato", "Asia/Tokyo", "fr")


def test_an_unknown_time_zone_on_the_profile_keeps_what_was_typed(client_of):
    user = UserFactory(time_zone="Europe/Paris")
    response = client_of(user).post(
        reverse("incubator:profile"),
        {"display_name": "Kenji Sato", "time_zone": "Asia/Atlantis", "language": "en"},
    )

    assert response.status_code == 200
    assert "time_zone" in response.context["form"].errors
    assert 'value="Kenji Sato"' in response.content.decode()
    user.refresh_from_db()
    assert user.time_zone == "Europe/Paris"


def test_pages_show_times_in_the_viewers_zone_with_the_zone_named(client_of):
    from tests.factories import CallFactory

    CallFactory(deadline_time_zone="Europe/Paris")
    page = client_of(UserFactory(time_zone="America/Sao_Paulo")).get("/").content.decode()

    assert "(Europe/Paris)" in page
    assert "(America/Sao_Paulo)" in page
