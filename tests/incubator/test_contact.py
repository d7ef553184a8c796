"""Writing to the secretariat: the form keeps bots out without a third-party captcha, the
message lands in the secretariat's inbox, and the answer goes out by email."""

import time

import pytest
from django.urls import reverse

from incubator.forms.contact import started_token
from incubator.models import AuditEntry, ContactMessage, Notification
from tests.factories import UserFactory, secretariat_user

pytestmark = pytest.mark.django_db


def written(**fields):
    return {
        "name": "Ana Ferreira",
        "email": "ana@ama.gov.example",
        "subject": "Two challenges?",
        "body": "Can one team submit two challenges?",
        "website": "",
        "started": started_token(at=time.time() - 30),
        **fields,
    }


def test_a_visitor_sends_a_message_and_is_told_truthfully_what_happens_next(client):
    response = client.post(reverse("incubator:contact"), written(), follow=True)

    page = response.content.decode()
    assert (
        "Your message has reached the secretariat. A copy is on its way to ana@ama.gov.example"
        in page
    )
    assert "What happens next" in page
    message = ContactMessage.objects.get()
    assert (message.state, message.sender) == ("new", None)
    copy = Notification.objects.get(to_email="ana@ama.gov.example")
    assert copy.subject == "We received your message: Two challenges?"
    assert "answer you by email at this address" in copy.body_text


def test_a_filled_hidden_field_or_a_form_sent_at_once_is_refused(client):
    bot = client.post(reverse("incubator:contact"), written(website="http://spam.example"))
    hurried = client.post(reverse("incubator:contact"), written(started=started_token()))
    forged = client.post(reverse("incubator:contact"), written(started="12345:forged"))

    assert "The form could not be sent" in bot.content.decode()
    assert "That was very quick" in hurried.content.decode()
    assert "The form could not be sent" in forged.content.decode()
    assert not ContactMessage.objects.exists()


def test_one_sender_is_held_back_after_the_hourly_limit(client, settings):
    settings.CONTACT_MESSAGES_PER_HOUR = 2
    for _ in range(2):
        client.post(reverse("incubator:contact"), written())

    response = client.post(reverse("incubator:contact"), written())

    assert "several messages in the last hour" in response.content.decode()
    assert ContactMessage.objects.count() == 2


def test_the_secretariat_answers_by_email_and_the_message_is_answered(client_of):
    person = UserFactory(language="fr", display_name="Ana Ferreira")
    client_of(person).post(reverse("incubator:contact"), written(email=person.email))
    message = ContactMessage.objects.get()
    assert message.sender == person
    desk = client_of(secretariat_user())

    inbox = desk.get(reverse("incubator:contact_inbox") + "?state=new").content.decode()
    assert "Two challenges?" in inbox and "New (1)" in inbox
    response = desk.post(
        reverse("incubator:contact_detail", kwargs={"pk": message.pk}),
        {"answer": "Yes, each in its own draft."},
        follow=True,
    )

    assert f"Your answer is on its way to {person.email}" in response.content.decode()
    message.refresh_from_db()
    assert message.state == "answered"
    answer = Notification.objects.get(kind="contact_answer")
    assert answer.subject == "Réponse du secrétariat\u00a0: Two challenges?"
    assert "Yes, each in its own draft." in answer.body_text
    assert AuditEntry.objects.filter(action="contact.answered").exists()


def test_the_secretariat_closes_a_message_after_confirming(client_of):
    message = ContactMessage.objects.create(
        name="Ana", email="ana@gov.example", language="en", subject="Thanks", body="Thank you!"
    )
    desk = client_of(secretariat_user())
    url = reverse("incubator:contact_close", kwargs={"pk": message.pk})

    asked = desk.post(url).content.decode()
    desk.post(url, {"confirmed": "yes"})

    assert "Close the message “Thanks”?" in asked
    message.refresh_from_db()
    assert message.state == "closed"


def test_the_inbox_is_for_the_secretariat_only(client_of):
    response = client_of(UserFactory()).get(reverse("incubator:contact_inbox"))

    assert response.status_code == 403


def test_the_inbox_takes_the_same_queries_however_many_messages(
    client_of, django_assert_max_num_queries
):
    desk = client_of(secretariat_user())
    for number in range(3):
        ContactMessage.objects.create(
            name="A", email="a@gov.example", language="en", subject=f"S{number}", body="B"
        )
    desk.get(reverse("incubator:contact_inbox"))
    with django_assert_max_num_queries(12) as few:
        desk.get(reverse("incubator:contact_inbox"))
    for number in range(30):
        ContactMessage.objects.create(
            name="A", email="a@gov.example", language="en", subject=f"T{number}", body="B"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        desk.get(reverse("incubator:contact_inbox"))


def test_the_confirm_your_address_page_links_to_the_contact_form(client):
    page = client.get(reverse("account_email_verification_sent")).content.decode()

    assert f'<a href="{reverse("incubator:contact")}">Contact the secretariat</a>' in page
