"""Issue 17, finding 2: a message that carries a secret (a reset or confirmation link, a
login code, an invitation) reaches its recipient whole, but nobody who reads the outbox
table, the admin or the secretariat's outbox page can use the secret."""

import itertools
import re

import pytest
from django.core import mail, signing
from django.db import connection
from django.urls import reverse

from incubator.models import Notification
from incubator.services.organisations import invitation_send
from tests.factories import MembershipFactory, UserFactory, secretariat_user

pytestmark = pytest.mark.django_db

RESET_LINK = re.compile(r"/accounts/password/reset/key/([^/\s]+)/")
INVITATION_LINK = re.compile(r"/invitations/([^/\s]+)/")


def stored_row_text(notification: Notification) -> str:
    """Every column of the row as a database reader (or a backup) sees it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM incubator_notification WHERE id = %s", [notification.pk])
        return " ".join(str(value) for value in cursor.fetchone())


def pages_of_the_secretariat(client_of, notification: Notification) -> str:
    desk = client_of(secretariat_user())
    admin_page = desk.get(reverse("admin:incubator_notification_change", args=[notification.pk]))
    assert admin_page.status_code == 200
    outbox_page = desk.get(reverse("incubator:outbox"))
    assert outbox_page.status_code == 200
    return admin_page.content.decode() + outbox_page.content.decode()


def test_a_password_reset_link_reaches_the_person_but_is_stored_and_shown_masked(
    client, client_of, django_capture_on_commit_callbacks
):
    person = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": person.email})

    [sent] = mail.outbox
    secret = RESET_LINK.search(sent.body).group(1)
    reset = Notification.objects.get(to_email=person.email)
    assert secret not in stored_row_text(reset)
    assert "/accounts/password/reset/key/" in reset.body_text  # the page it leads to is kept
    assert "••••" in reset.body_text
    assert secret not in pages_of_the_secretariat(client_of, reset)


def _sign_up(client, django_capture_on_commit_callbacks) -> tuple[str, Notification]:
    """Sign up; the confirmation key the delivered email carries, and the outbox row."""
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"),
            {
                "email": "new.person@agency.example",
                "password1": "a long enough passphrase 2027",
                "password2": "a long enough passphrase 2027",
                "terms": "on",
                "display_name": "New Person",
                "time_zone": "Europe/Paris",
                "language": "en",
            },
        )
    [sent] = [m for m in mail.outbox if m.to == ["new.person@agency.example"]]
    secret = re.search(r"/accounts/confirm-email/([^/\s]+)/", sent.body).group(1)
    return secret, Notification.objects.get(to_email="new.person@agency.example")


def test_an_email_confirmation_link_is_stored_masked(client, django_capture_on_commit_callbacks):
    secret, row = _sign_up(client, django_capture_on_commit_callbacks)

    assert secret not in stored_row_text(row)
    assert "••••" in row.body_text


def test_a_confirmation_link_signed_a_second_later_is_masked_too(
    client, django_capture_on_commit_callbacks, monkeypatch
):
    # allauth signs the key anew each time it is read, with the time in seconds: the link
    # in the email may carry another key than the one handed over as the key, whenever a
    # second ticks between the two readings. Here every reading falls in a new second.
    seconds = itertools.count(1_900_000_000)
    monkeypatch.setattr(
        signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(next(seconds))
    )
    secret, row = _sign_up(client, django_capture_on_commit_callbacks)

    assert secret not in stored_row_text(row)
    assert "••••" in row.body_text


def test_an_invitation_link_is_sent_whole_and_stored_masked(
    client_of, django_capture_on_commit_callbacks
):
    membership = MembershipFactory()
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(
            organisation=membership.organisation, email="guest@agency.example", by=membership.user
        )

    [sent] = mail.outbox
    secret = INVITATION_LINK.search(sent.body).group(1)
    row = Notification.objects.get(to_email="guest@agency.example")
    assert secret not in stored_row_text(row)
    assert secret not in pages_of_the_secretariat(client_of, row)
