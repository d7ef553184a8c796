"""The secretariat's exchange page: upload a round, see every problem of a bad file in
the error summary, download any programme's round; nobody else gets in."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from challenges.models import Challenge
from exchange.forms import MAX_BYTES
from exchange.services import programme_export, programme_import
from incubator.models import Programme, Role, RoleGrant
from tests.exchange.rounds import SAMPLE_PATH, as_bytes, sample, snapshot
from tests.factories import ProgrammeFactory, UserFactory, secretariat_user, with_second_factor

pytestmark = pytest.mark.django_db

PAGE = reverse("exchange:home")


def export_url(slug: str) -> str:
    return reverse("exchange:export", kwargs={"slug": slug})


@pytest.fixture
def desk(client_of):
    """The test client, signed in as a secretariat member with a second factor."""
    return client_of(secretariat_user())


def upload(client, content: bytes, name: str = "round.json"):
    return client.post(PAGE, {"file": SimpleUploadedFile(name, content)})


def summary_problems(response) -> list[str]:
    return [str(error) for error in response.context["form"].non_field_errors()]


def test_the_secretariat_imports_a_round_by_uploading_its_file(desk):
    response = upload(desk, SAMPLE_PATH.read_bytes())

    assert response.status_code == 302
    assert response.url == PAGE
    page = desk.get(PAGE).content.decode()
    assert "Programme incubator-2025 (Innovation Incubator 2025) created." in page
    assert "Challenges: 4 created, 0 updated, 0 unchanged." in page
    assert Challenge.objects.filter(call__programme__slug="incubator-2025").count() == 4


def test_a_bad_file_is_refused_with_every_problem_in_the_error_summary(desk):
    programme_import(data=sample())
    before = snapshot()
    data = sample()
    data["organisations"][3]["country"] = "XX"
    data["solutions"][0]["capacity"] = -1

    response = upload(desk, as_bytes(data))

    assert response.status_code == 400
    assert summary_problems(response) == [
        "organisations[3].country: 'XX' is not a country code",
        "solutions[0].capacity: '-1' is not a whole number from 1 to 32767",
    ]
    page = response.content.decode()
    assert page.index("There is a problem") < page.index(
        "organisations[3].country: &#x27;XX&#x27; is not a country code"
    )
    assert "Nothing was imported: the file has 2 problems, listed above." in page
    assert "<title>Error:" in page
    assert snapshot() == before


def test_a_file_that_is_not_json_is_refused_by_its_content_whatever_its_name(desk):
    response = upload(desk, b"%PDF-1.7\n\xe2\xe3\xcf\xd3 not a round", name="round.json")

    assert response.status_code == 400
    assert response.context["form"].errors["file"] == ["The file is not UTF-8 text (byte 9)."]
    assert not Programme.objects.exists()


def test_a_round_is_read_by_its_content_even_when_named_otherwise(desk):
    response = upload(desk, SAMPLE_PATH.read_bytes(), name="round-2025.txt")

    assert response.status_code == 302
    assert Programme.objects.filter(slug="incubator-2025").exists()


def test_an_empty_or_oversized_file_is_refused_with_its_size(desk):
    empty = upload(desk, b"", name="empty.json")
    oversized = upload(desk, b" " * (MAX_BYTES + 1), name="huge.json")

    assert empty.context["form"].errors["file"] == ["The submitted file is empty."]
    assert oversized.context["form"].errors["file"] == [
        "The file “huge.json” is larger than 20.0\xa0MB; files can be at most 20.0\xa0MB."
    ]


def test_a_form_sent_without_a_file_asks_for_one(desk):
    response = desk.post(PAGE, {})

    assert response.status_code == 400
    assert response.context["form"].errors["file"] == ["This field is required."]


def test_very_many_problems_are_summed_up_after_the_first_two_hundred(desk):
    data = sample()
    data["challenges"] = [
        {**data["challenges"][0], "ref": f"ch-{index}", "providers_wanted": 0}
        for index in range(250)
    ]

    response = upload(desk, as_bytes(data))

    problems = summary_problems(response)
    assert len(problems) == 201
    assert problems[-1] == ("… and 50 more problems; the import_programme command lists them all.")


def test_the_secretariat_downloads_a_programmes_round_as_an_attachment(desk):
    programme_import(data=sample())

    response = desk.get(export_url("incubator-2025"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="incubator-2025-')
    assert json.loads(response.content.decode("utf-8")) == programme_export(
        programme=Programme.objects.get(slug="incubator-2025")
    )


def test_the_page_lists_each_programme_with_its_download_link(desk):
    programme_import(data=sample())

    page = desk.get(PAGE).content.decode()

    assert "Innovation Incubator 2025" in page
    assert export_url("incubator-2025") in page


def test_an_unknown_programme_has_no_download(desk):
    assert desk.get(export_url("incubator-1999")).status_code == 404


def test_the_secretariat_home_links_to_the_exchange_page(desk):
    assert PAGE in desk.get(reverse("secretariat:home")).content.decode()


@pytest.mark.parametrize("role", [None, Role.REVIEWER])
def test_a_team_member_or_reviewer_can_neither_see_upload_nor_download(client_of, role):
    programme_import(data=sample())
    person = with_second_factor(UserFactory())
    if role:
        RoleGrant.objects.create(user=person, role=role)
    client = client_of(person)
    before = snapshot()

    assert client.get(PAGE).status_code == 403
    assert upload(client, SAMPLE_PATH.read_bytes()).status_code == 403
    assert client.get(export_url("incubator-2025")).status_code == 403
    assert snapshot() == before


def test_a_visitor_is_asked_to_sign_in(client):
    programme_import(data=sample())

    for response in (client.get(PAGE), client.get(export_url("incubator-2025"))):
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


def test_the_page_keeps_its_query_count_as_programmes_grow(
    desk, queries_to_render, django_assert_max_num_queries
):
    ProgrammeFactory.create_batch(3)
    few = queries_to_render(desk, PAGE)
    ProgrammeFactory.create_batch(297)

    with django_assert_max_num_queries(few):
        desk.get(PAGE)
