import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mydata.masking import secret_links_masked
from mydata.models import DataExport
from tests.factories import UserFactory
from tests.mydata.people import RESET_LINK, seeded_person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def prepare(django_capture_on_commit_callbacks):
    """Ask for a copy; its task runs once the request's transaction commits."""

    def ask(client):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("mydata:export_start"))
        return client.get(reverse("mydata:home"))

    return ask


@pytest.fixture
def download(prepare):
    def fetch(client) -> dict:
        page = prepare(client)
        export = DataExport.objects.get(user=page.context["user"])
        response = client.get(reverse("mydata:export_download", args=[export.pk]))
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        return json.loads(b"".join(response.streaming_content))

    return fetch


def test_the_copy_holds_the_persons_records_and_nobody_elses(client_of, download):
    alice = seeded_person("Zephyrine", email="alice@gov.example")
    seeded_person("Quillon", email="bob@gov.example")

    data = download(client_of(alice.person))
    text = json.dumps(data, ensure_ascii=False)

    assert data["account"]["person"]["email"] == "alice@gov.example"
    assert "password" not in data["account"]["person"]
    for record in (
        "Person",
        "challenge",
        "message",
        "review",
        "feedback",
        "password reset",
        "contact message",
    ):
        assert f"Zephyrine {record}" in text, record
    assert data["teams"]["memberships"][0]["team"]["name"] == "Tokyo Digital Office"
    assert data["consents"]["showcase_consents_given_or_changed"][0]["given"] is True
    assert [t["version"] for t in data["consents"]["terms_of_participation_accepted"]] == [1]
    assert len(data["consents"]["emails_refused"]) == 3
    assert len(data["registrations"]["session_registrations"]) == 1
    assert data["reviews"]["reviews"][0]["scores"][0]["comment"] == "Zephyrine review"
    assert "Quillon" not in text
    assert "bob@gov.example" not in text
    # The invitation Alice sent names the team, not the colleague she invited.
    assert alice.teammate.email not in text


def test_secret_links_in_the_copied_emails_are_hidden(client_of, download):
    alice = seeded_person("Zephyrine", email="alice@gov.example")

    text = json.dumps(download(client_of(alice.person)))

    assert RESET_LINK not in text
    assert "https://portal.example/accounts/password/reset/key/[hidden]/" in text


def test_a_link_without_a_token_is_left_as_it_is():
    plain = "See https://portal.example/me/challenges/12/ or https://portal.example/?lang=fr"

    assert secret_links_masked(plain) == (
        "See https://portal.example/me/challenges/12/ or https://portal.example/?[hidden]"
    )


def test_the_page_shows_the_progress_then_the_download_link(client_of, prepare):
    person = UserFactory()
    client = client_of(person)

    page = prepare(client).content.decode()

    export = DataExport.objects.get(user=person)
    assert export.progress == 100
    assert "Your copy is ready. The link works until" in page
    assert reverse("mydata:export_download", args=[export.pk]) in page
    status = client.get(reverse("mydata:export_status", args=[export.pk])).json()
    assert status["progress"] == 100 and status["download_url"]


def test_a_copy_is_served_to_its_owner_only(client_of, prepare):
    owner = UserFactory()
    prepare(client_of(owner))
    export = DataExport.objects.get(user=owner)

    other = client_of(UserFactory())

    assert other.get(reverse("mydata:export_download", args=[export.pk])).status_code == 404
    assert other.get(reverse("mydata:export_status", args=[export.pk])).status_code == 404


def test_an_expired_link_no_longer_downloads(client_of, prepare):
    owner = UserFactory()
    client = client_of(owner)
    prepare(client)
    DataExport.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    export = DataExport.objects.get(user=owner)

    response = client.get(reverse("mydata:export_download", args=[export.pk]), follow=True)

    assert "Your last copy has expired. Ask for a new one." in response.content.decode()
