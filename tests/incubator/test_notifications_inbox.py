"""Every email the portal sends a person is on their notifications page; the kinds they
may refuse are held back when they do, and every such email carries a signed one-click
link to stop it, with the List-Unsubscribe headers of RFC 8058."""

import html

import pytest
from django.core import mail, signing
from django.urls import reverse

from incubator.mail_kinds import (
    ALWAYS_SENT_KINDS,
    OPTIONAL_KINDS,
    UNSUBSCRIBE_SALT,
    unsubscribe_token,
)
from incubator.models import MailChoice, MailOptOut, Notification
from incubator.services.outbox import notification_queue, notification_queue_rendered
from tests.factories import UserFactory
from tests.incubator.email_recipes import RECIPES
from tests.incubator.test_every_email import TEMPLATES

pytestmark = pytest.mark.django_db


def test_every_kind_of_email_on_disk_is_either_refusable_or_always_sent():
    assert set(TEMPLATES) == set(OPTIONAL_KINDS) | ALWAYS_SENT_KINDS
    assert not set(OPTIONAL_KINDS) & ALWAYS_SENT_KINDS


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_kind_of_email_appears_on_its_recipients_notifications_page(
    name, client_of, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        person = RECIPES[name]("en")
    notification = Notification.objects.filter(recipient=person, kind=name).latest("pk")

    inbox = client_of(person).get(reverse("incubator:notifications")).content.decode()
    detail = client_of(person).get(
        reverse("incubator:notification_detail", kwargs={"pk": notification.pk})
    )

    subject = html.unescape(notification.subject)
    assert f"<strong>Unread:</strong> {subject}" in html.unescape(html.unescape(inbox))
    text = detail.content.decode()
    assert "Sent to " + person.email in text
    if notification.link:
        assert f'href="{notification.link}"' in text
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_nobody_reads_somebody_elses_notification(client_of):
    owner = UserFactory()
    notification = notification_queue(
        key="k", template="contact_received", context={"message": None}, recipient=owner
    )

    response = client_of(UserFactory()).get(
        reverse("incubator:notification_detail", kwargs={"pk": notification.pk})
    )

    assert response.status_code == 404


def test_a_refusable_email_has_the_link_and_the_one_click_headers(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        person = RECIPES["challenge_draft_reminder"]("en")

    sent = next(message for message in mail.outbox if message.to == [person.email])
    token = unsubscribe_token(user_id=person.pk, choice=MailChoice.REMINDERS)
    assert sent.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert token in sent.extra_headers["List-Unsubscribe"]
    assert token in sent.body and "To stop emails like this one" in sent.body
    assert token in sent.alternatives[0][0]


def test_a_decision_has_no_unsubscribe_link(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        person = RECIPES["challenge_declined"]("en")

    sent = next(message for message in mail.outbox if message.to == [person.email])
    assert "List-Unsubscribe" not in sent.extra_headers
    assert "/unsubscribe/" not in sent.body


def test_the_signed_link_stops_the_kind_in_one_click_and_it_is_no_longer_emailed(
    client, django_capture_on_commit_callbacks
):
    person = UserFactory()
    url = reverse(
        "incubator:unsubscribe",
        kwargs={"token": unsubscribe_token(user_id=person.pk, choice=MailChoice.REMINDERS)},
    )

    asked = client.get(url).content.decode()
    assert not MailOptOut.objects.exists()  # a mail scanner opening the link stops nothing
    done = client.post(url, {"List-Unsubscribe": "One-Click"}).content.decode()

    assert "Stop emailing me reminders" in asked
    assert "You will not get these emails any more" in done
    assert MailOptOut.objects.filter(user=person, choice="reminders").exists()


def test_a_forged_or_altered_link_stops_nothing(client):
    person = UserFactory()
    wanted = {"user": person.pk, "choice": "reminders"}
    genuine = unsubscribe_token(user_id=person.pk, choice=MailChoice.REMINDERS)
    signed_elsewhere = signing.dumps(wanted, key="not-the-portal-key", salt=UNSUBSCRIBE_SALT)
    other_purpose = signing.dumps(wanted, salt="another-link")
    altered = genuine[:-3] + ("aaa" if not genuine.endswith("aaa") else "bbb")

    for token in (signed_elsewhere, other_purpose, altered, "nothing"):
        response = client.post(reverse("incubator:unsubscribe", kwargs={"token": token}))
        assert response.status_code == 404
        assert "This link does not work" in response.content.decode()
    assert not MailOptOut.objects.exists()


def test_a_refused_kind_is_kept_on_the_page_but_not_emailed(
    client_of, django_capture_on_commit_callbacks
):
    person = UserFactory()
    client_of(person).post(reverse("incubator:mail_choices"), {"wanted": ["digests", "news"]})

    with django_capture_on_commit_callbacks(execute=True):
        for kind in ("session_reminder", "challenge_declined"):
            notification_queue_rendered(
                key=kind, kind=kind, recipient=person, to_email=person.email,
                language="en", subject=f"About {kind}", body_text="Hello",
            )  # fmt: skip
    inbox = client_of(person).get(reverse("incubator:notifications")).content.decode()
    choices = client_of(person).get(reverse("incubator:mail_choices")).content.decode()

    assert [message.subject for message in mail.outbox] == ["About challenge_declined"]
    assert "About session_reminder" in inbox and "not emailed, as you chose" in inbox
    assert 'value="reminders" id' in choices and 'value="news" id="id_wanted_2" checked' in choices


def test_the_notifications_page_takes_the_same_queries_however_many_emails(
    client_of, django_assert_max_num_queries
):
    person = UserFactory()
    client = client_of(person)

    def queue(count, start):
        for number in range(start, start + count):
            notification_queue_rendered(
                key=f"n{number}", recipient=person, to_email=person.email,
                language="en", subject=f"S{number}", body_text="B",
            )  # fmt: skip

    queue(2, 0)
    client.get(reverse("incubator:notifications"))
    with django_assert_max_num_queries(15) as few:
        client.get(reverse("incubator:notifications"))
    queue(40, 2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("incubator:notifications"))
