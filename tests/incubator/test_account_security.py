import pytest
from django.contrib import admin
from django.urls import reverse

from incubator.models import Notification
from tests.factories import CallFactory, UserFactory, secretariat_user

pytestmark = pytest.mark.django_db


def test_a_password_reset_email_goes_through_the_outbox_in_the_persons_language(client):
    person = UserFactory(language="fr")

    client.post(reverse("account_reset_password"), {"email": person.email})

    reset = Notification.objects.get(to_email=person.email)
    assert reset.language == "fr"
    assert "/accounts/password/reset/key/" in reset.body_text


def test_every_admin_list_opens_for_the_secretariat(client_of):
    CallFactory()
    client = client_of(secretariat_user())

    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200, url


def test_every_page_forbids_inline_scripts_and_framing(client):
    policy = client.get(reverse("incubator:home"))["Content-Security-Policy"]

    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
