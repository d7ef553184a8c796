import time

import pytest
from allauth.mfa.totp.internal.auth import hotp_value
from django.db import connection
from django.urls import reverse

from challenges.models import Challenge
from incubation.models import Message
from incubator.models import AuditEntry, User
from reviews.models import Assignment
from tests.factories import (
    PASSWORD,
    ChallengeFactory,
    MembershipFactory,
    UserFactory,
    with_second_factor,
)
from tests.mydata.people import seeded_person

pytestmark = pytest.mark.django_db
TEXT_TYPES = ("char", "text", "json", "clob", "varchar")


def text_columns():
    """(table, column) for every column of every table that can hold text."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                kind = str(column.type_code)  # SQLite: the declared type
                if connection.vendor != "sqlite":  # PostgreSQL: a type's number
                    kind = connection.introspection.data_types_reverse.get(column.type_code, "")
                if any(t in kind.lower() for t in TEXT_TYPES):
                    yield table, column.name


def where_found(needle: str) -> list[str]:
    quote = connection.ops.quote_name
    found = []
    with connection.cursor() as cursor:
        for table, column in text_columns():
            cursor.execute(
                f"SELECT COUNT(*) FROM {quote(table)} "
                f"WHERE LOWER(CAST({quote(column)} AS TEXT)) LIKE %s",
                [f"%{needle.lower()}%"],
            )
            if cursor.fetchone()[0]:
                found.append(f"{table}.{column}")
    return found


def delete(client, **proof):
    return client.post(reverse("mydata:account_delete"), {"confirmed": "yes", **proof}, follow=True)


def test_the_deleted_persons_email_and_name_are_nowhere_but_pseudonymised(client_of):
    alice = seeded_person("Zephyrine", email="alice@gov.example")
    seeded_person("Quillon", email="bob@gov.example")
    assert where_found("alice@gov.example") and where_found("Zephyrine Person")

    page = delete(client_of(alice.person), password=PASSWORD).content.decode()
    assert "Your account has been deleted" in page
    assert where_found("alice@gov.example") == []
    assert where_found("Zephyrine Person") == []
    person = User.objects.get(pk=alice.person.pk)
    assert (person.email, person.display_name, person.is_active) == (
        f"erased-{person.pk}@erased.invalid",
        f"Former participant {person.pk}",
        False,
    )
    # What they did stays, under the pseudonym.
    assert Message.objects.get(body="Zephyrine message").author == person
    assert Assignment.objects.get(reviewer=person).scores.count() == 3
    assert AuditEntry.objects.filter(actor=person, action="account_erase").exists()
    # Someone else's data is untouched.
    assert where_found("bob@gov.example") and where_found("Quillon Person")


def test_the_teams_submissions_stay_with_the_team(client_of):
    alice = seeded_person("Zephyrine", email="alice@gov.example")

    delete(client_of(alice.person), password=PASSWORD)

    challenge = Challenge.objects.get(pk=alice.challenge.pk)
    assert challenge.title == "Zephyrine challenge"
    assert challenge.created_by_id == alice.person.pk
    assert challenge.organisation.members.get() == alice.teammate


def test_the_person_is_signed_out(client_of):
    alice = seeded_person("Zephyrine", email="alice@gov.example")
    client = client_of(alice.person)

    delete(client, password=PASSWORD)

    assert client.get(reverse("incubator:dashboard")).status_code == 302
    assert not client.login(email="alice@gov.example", password=PASSWORD)


def test_refused_for_the_last_member_of_a_team_with_open_submissions(client_of):
    last = MembershipFactory(user=UserFactory(email="last@gov.example"))
    ChallengeFactory(organisation=last.organisation, status="in_review")
    client = client_of(last.user)

    page = client.get(reverse("mydata:account_delete")).content.decode()
    delete(client, password=PASSWORD)

    assert (
        f"You are the last member of {last.organisation.name}, which has 1 open submission. "
        "Invite a colleague to the team first, or withdraw the submission."
    ) in page
    assert "Delete my account</button>" not in page
    assert User.objects.get(pk=last.user.pk).email == "last@gov.example"


def test_a_team_whose_submissions_are_all_decided_does_not_hold_the_account(client_of):
    last = MembershipFactory()
    ChallengeFactory(organisation=last.organisation, status="declined")

    delete(client_of(last.user), password=PASSWORD)

    assert not User.objects.get(pk=last.user.pk).is_active


def test_a_wrong_password_deletes_nothing(client_of):
    person = UserFactory(email="keep@gov.example")

    response = delete(client_of(person), password="not-my-password")

    assert response.status_code == 400
    assert "That does not match. Nothing was deleted." in response.content.decode()
    assert User.objects.get(pk=person.pk).is_active


def test_a_code_of_the_authenticator_app_confirms_too(client_of):
    secret = "JBSWY3DPEHPK3PXP"
    person = with_second_factor(UserFactory(), secret=secret)
    code = f"{hotp_value(secret, int(time.time()) // 30):06d}"

    page = delete(client_of(person), code=code).content.decode()

    assert "Your account has been deleted" in page
    assert not User.objects.get(pk=person.pk).is_active


def test_the_ending_page_is_shown_only_after_a_deletion(client):
    assert client.get(reverse("mydata:account_deleted")).status_code == 302


def test_the_pages_read_in_french(client_of):
    client = client_of(UserFactory(language="fr"))

    data_page = client.get(reverse("mydata:home")).content.decode()
    confirm_page = client.get(reverse("mydata:account_delete")).content.decode()

    assert "Préparer une copie de mes données" in data_page
    assert "Supprimer votre compte\u00a0?" in confirm_page
    assert "Vous quittez toutes vos équipes." in confirm_page
