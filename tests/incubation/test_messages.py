"""The conversation of an incubation: threads of plain text with safe links and checked
files, read and unread per person, pins by the secretariat, and a page that takes the
same queries for a thread of 300 messages as for one of 3."""

import pytest
from django.urls import reverse

from incubation.models import EmailChoice, MemberInbox, Message
from incubation.services.messages import message_post
from incubation.services.workspace import mentor_attach
from tests.challenges.files import PNG, upload
from tests.incubation.factories import everything_in, reviewer, workspace

pytestmark = pytest.mark.django_db


@pytest.fixture
def ws():
    return workspace()


def url(ws, name, *args):
    return reverse(f"incubation:{name}", args=[ws.incubation.pk, *args])


def test_a_message_is_posted_and_the_others_read_it_as_new_then_as_read(ws, client_of):
    response = client_of(ws.owner).post(
        url(ws, "messages"), {"body": "Hello São Paulo!"}, follow=True
    )

    assert "Your message is posted." in response.content.decode()
    page = client_of(ws.provider).get(url(ws, "messages")).content.decode()
    assert "Hello São Paulo!" in page
    assert "message-item--new" in page
    again = client_of(ws.provider).get(url(ws, "messages")).content.decode()
    assert "message-item--new" not in again
    overview = client_of(ws.provider).get(url(ws, "overview")).content.decode()
    assert "0 unread messages" in overview


def test_the_overview_and_my_incubations_count_unread_messages(ws, client_of):
    for text in ("One", "Two", "Three"):
        message_post(incubation=ws.incubation, by=ws.owner, body=text)

    overview = client_of(ws.provider).get(url(ws, "overview")).content.decode()
    mine = client_of(ws.provider).get(reverse("incubation:mine")).content.decode()
    authors = client_of(ws.owner).get(reverse("incubation:mine")).content.decode()

    assert "3 unread messages" in overview
    assert "3 unread messages" in mine
    assert "No unread message" in authors


def test_web_addresses_become_safe_links_and_markup_is_refused(ws, client_of):
    client = client_of(ws.owner)
    client.post(url(ws, "messages"), {"body": "See https://docs.example.org/plan?a=1&b=2. Thanks"})

    refused = client.post(url(ws, "messages"), {"body": 'Hi <script>alert("x")</script>'})
    page = client.get(url(ws, "messages")).content.decode()

    assert (
        '<a href="https://docs.example.org/plan?a=1&amp;b=2" rel="nofollow noopener noreferrer">'
        in page
    )
    assert "</a>. Thanks" in page
    assert refused.status_code == 400
    refusal = refused.content.decode()
    assert '<a href="#id_body">Your message: Use plain text here' in refusal
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in refusal  # kept, inert
    assert "<script>alert" not in refusal
    assert Message.objects.count() == 1


def test_a_javascript_address_never_becomes_a_link(ws, client_of):
    message_post(incubation=ws.incubation, by=ws.owner, body="javascript:alert(1) and http://")

    page = client_of(ws.provider).get(url(ws, "messages")).content.decode()

    assert 'href="javascript' not in page


def test_a_reply_joins_its_thread_and_a_forged_parent_is_refused(ws, client_of):
    thread = message_post(incubation=ws.incubation, by=ws.owner, body="Question?")
    other = workspace()
    foreign = message_post(incubation=other.incubation, by=other.owner, body="Elsewhere")
    client = client_of(ws.provider)

    reply = client.post(url(ws, "messages"), {"body": "Answer.", "parent": thread.pk})
    forged = client.post(url(ws, "messages"), {"body": "Sneaky", "parent": foreign.pk})

    assert reply.status_code == 302
    assert Message.objects.get(body="Answer.").parent == thread
    assert forged.status_code == 400
    page = forged.content.decode()
    assert "The message you answer is not in this conversation." in page
    assert "Sneaky" in page
    assert not Message.objects.filter(body="Sneaky").exists()
    assert foreign.replies.count() == 0


def test_an_empty_reply_comes_back_on_the_reply_page_with_its_thread(ws, client_of):
    thread = message_post(incubation=ws.incubation, by=ws.owner, body="Question?")

    response = client_of(ws.provider).post(url(ws, "messages"), {"body": " ", "parent": thread.pk})

    page = response.content.decode()
    assert response.status_code == 400
    assert '<a href="#id_body">Your reply: This field is required.</a>' in page
    assert "Question?" in page


def test_a_file_is_checked_by_its_content_and_downloaded_by_the_people_of_the_incubation(
    ws, client_of
):
    client = client_of(ws.owner)
    client.post(url(ws, "messages"), {"body": "The plan", "attachment": upload("plan.png", PNG)})
    refused = client.post(
        url(ws, "messages"), {"body": "Run me", "attachment": upload("plan.png", b"#!/bin/sh\n")}
    )
    message = Message.objects.get()

    download = client_of(ws.provider).get(url(ws, "message_file", message.pk))

    assert b"".join(download.streaming_content) == PNG
    assert refused.status_code == 400
    assert '<a href="#id_attachment">' in refused.content.decode()
    assert "Run me" in refused.content.decode()


def test_the_secretariat_pins_a_message_to_the_top_and_members_cannot(ws, client_of):
    message = message_post(incubation=ws.incubation, by=ws.owner, body="Read this first")

    member = client_of(ws.provider).post(url(ws, "message_pin", message.pk))
    client_of(ws.secretariat).post(url(ws, "message_pin", message.pk))

    assert member.status_code == 404
    page = client_of(ws.provider).get(url(ws, "messages")).content.decode()
    assert "Pinned by the secretariat" in page
    message.refresh_from_db()
    assert message.pinned_by == ws.secretariat


def test_the_mentor_and_the_secretariat_write_too(ws, client_of):
    mentor = reviewer()
    mentor_attach(incubation=ws.incubation, mentor=mentor, by=ws.secretariat)

    client_of(mentor).post(url(ws, "messages"), {"body": "A critical friend's question"})
    client_of(ws.secretariat).post(url(ws, "messages"), {"body": "From the secretariat"})

    assert Message.objects.count() == 2


def test_each_person_chooses_how_to_hear_of_new_messages(ws, client_of):
    response = client_of(ws.provider).post(
        url(ws, "email_choice"), {"email_choice": "daily"}, follow=True
    )

    assert "Your choice is saved." in response.content.decode()
    assert MemberInbox.objects.get(user=ws.provider).email_choice == EmailChoice.DAILY
    bad = client_of(ws.provider).post(
        url(ws, "email_choice"), {"email_choice": "hourly"}, follow=True
    )
    assert "Choose how you want to hear of new messages." in bad.content.decode()


def test_a_thread_of_300_messages_takes_as_many_queries_as_one_of_3(
    ws, client_of, queries_to_render, django_assert_max_num_queries
):
    everything_in(ws)  # pins, files and the rest of a real workspace
    thread = message_post(incubation=ws.incubation, by=ws.owner, body="Start")
    for n in range(2):
        message_post(incubation=ws.incubation, by=ws.provider, body=f"Reply {n}", parent=thread)
    client = client_of(ws.provider)
    few = queries_to_render(client, url(ws, "messages"))

    for n in range(297):
        author = ws.owner if n % 2 else ws.provider
        message_post(incubation=ws.incubation, by=author, body=f"Reply {n}", parent=thread)

    with django_assert_max_num_queries(few):
        page = client.get(url(ws, "messages")).content.decode()
    assert page.count('class="reply"') == 299
    assert "Reply 296" in page
