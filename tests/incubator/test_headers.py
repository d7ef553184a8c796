"""The headers every page carries, and the deploy checks that keep production's on."""

import pytest
from django.core import checks
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_page_turns_off_the_browser_features_the_portal_never_uses(client):
    policy = client.get(reverse("incubator:home"))["Permissions-Policy"]

    assert "camera=()" in policy
    assert "geolocation=()" in policy
    assert "microphone=()" in policy


def test_the_language_cookie_is_secure_when_the_session_cookie_is(client, settings):
    settings.SESSION_COOKIE_SECURE = True
    settings.LANGUAGE_COOKIE_SECURE = False

    found = {message.id for message in checks.run_checks(include_deployment_checks=True)}

    assert "incubator.W001" in found


def test_a_deployment_without_a_permissions_policy_is_warned(settings):
    settings.PERMISSIONS_POLICY = {}

    found = {message.id for message in checks.run_checks(include_deployment_checks=True)}

    assert "incubator.W002" in found


def test_the_language_switch_sets_a_secure_cookie_in_production(client, settings):
    settings.LANGUAGE_COOKIE_SECURE = True

    response = client.post(reverse("incubator:language_switch"), {"language": "fr", "next": "/"})

    assert response.cookies[settings.LANGUAGE_COOKIE_NAME]["secure"] is True
