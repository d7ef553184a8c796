"""The secretariat's outbox page: failed messages sent again a whole kind at once, and
a pause of the outbox during an outage of the mail server said plainly."""

import pytest
from django.core import mail
from django.urls import reverse

from incubator.models import AuditEntry, Notification
from incubator.services.outbox_delivery import _pause
from tests.factories import UserFactory, secretariat_user

pytestmark = pytest.mark.django_db
FAILED_PAGE = reverse("incubator:outbox") + "?status=failed"


def failed(key, subject="Your follow-up survey"):
    person = UserFactory()
    return Notification.objects.create(
        key=key,
        recipient=person,
        to_email=person.email,
        language="en",
        subject=subject,
        body_text="Hello",
        status="failed",
        attempts=8,
        last_error="SMTP 451",
    )


def test_failed_messages_are_counted_by_kind_and_sent_again_after_a_confirmation(
    client_of, django_capture_on_commit_callbacks
):
    for number in range(3):
        failed(f"followup-survey:{number}")
    failed("review-assigned:1", subject="A review for you")
    desk = client_of(secretariat_user())

    page = desk.get(FAILED_PAGE).content.decode()
    assert "Failed messages by kind" in page
    assert "followup-survey" in page and "Send all 3 again" in page
    assert "review-assigned" in page and "Send 1 again" in page

    url = reverse("incubator:outbox_retry_kind", kwargs={"kind": "followup-survey"})
    confirmation = desk.post(url).content.decode()
    assert "Send 3 failed messages of the kind “followup-survey” again?" in confirmation
    assert "Your follow-up survey" in confirmation
    assert len(mail.outbox) == 0  # nothing before the confirmation

    with django_capture_on_commit_callbacks(execute=True):
        done = desk.post(url, {"confirmed": "yes"}, follow=True)

    assert "3 messages are queued again." in done.content.decode()
    assert len(mail.outbox) == 3
    assert Notification.objects.filter(status="failed").count() == 1
    assert AuditEntry.objects.filter(action="notification.kind_retried").count() == 1


def test_a_kind_without_failed_messages_is_not_found(client_of):
    url = reverse("incubator:outbox_retry_kind", kwargs={"kind": "nothing-failed"})

    assert client_of(secretariat_user()).get(url).status_code == 404


def test_the_outbox_page_says_when_sending_is_paused(client_of):
    _pause(ConnectionRefusedError(111, "Connection refused"))

    page = client_of(secretariat_user()).get(reverse("incubator:outbox")).content.decode()

    assert "Sending is paused: the mail server has not answered since" in page
    assert "Connection refused" in page


def test_the_failed_page_keeps_its_query_count_as_kinds_and_rows_grow(
    client_of, queries_to_render, django_assert_max_num_queries
):
    desk = client_of(secretariat_user())
    failed("kind-a:1")
    few = queries_to_render(desk, FAILED_PAGE)
    for number in range(40):
        failed(f"kind-{number % 8}:{number + 2}")

    with django_assert_max_num_queries(few):
        desk.get(FAILED_PAGE)
