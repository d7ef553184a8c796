import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from incubator.access import is_secretariat
from incubator.models import Notification, Role, RoleGrant
from incubator.services.accounts import role_grant
from tests.factories import UserFactory, secretariat_user, with_second_factor

pytestmark = pytest.mark.django_db

SECRETARIAT_PAGES = [
    "secretariat:home",
    "incubator:outbox",
    "incubator:people",
    "admin:index",
]


@pytest.mark.parametrize("page", SECRETARIAT_PAGES)
def test_a_secretariat_account_without_a_second_factor_is_sent_to_set_one_up(client_of, page):
    response = client_of(secretariat_user(second_factor=False)).get(reverse(page))

    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


@pytest.mark.parametrize("page", SECRETARIAT_PAGES)
def test_a_secretariat_account_with_a_second_factor_reaches_the_page(client_of, page):
    response = client_of(secretariat_user()).get(reverse(page))

    assert response.status_code == 200


@pytest.mark.parametrize("page", SECRETARIAT_PAGES)
def test_a_team_member_or_reviewer_is_refused(client_of, page):
    reviewer = with_second_factor(UserFactory())
    RoleGrant.objects.create(user=reviewer, role=Role.REVIEWER)

    assert client_of(reviewer).get(reverse(page)).status_code == 403


@pytest.mark.parametrize("page", SECRETARIAT_PAGES)
def test_a_visitor_is_asked_to_sign_in(client, page):
    response = client.get(reverse(page))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_nobody_grants_themselves_a_role():
    secretariat = secretariat_user()
    with pytest.raises(PermissionDenied):
        role_grant(user=secretariat, role=Role.REVIEWER, by=secretariat)


def test_a_team_member_cannot_grant_roles():
    member = UserFactory()
    with pytest.raises(PermissionDenied):
        role_grant(user=UserFactory(), role=Role.SECRETARIAT, by=member)
    with pytest.raises(PermissionDenied):
        role_grant(user=member, role=Role.SECRETARIAT, by=member)


def test_the_secretariat_grants_the_reviewer_role_from_the_people_page(client_of):
    secretariat = secretariat_user()
    expert = UserFactory()

    response = client_of(secretariat).post(
        reverse("incubator:people_role", kwargs={"pk": expert.pk}),
        {"role": "reviewer", "action": "grant"},
    )

    assert response.status_code == 302
    assert RoleGrant.objects.filter(user=expert, role="reviewer", granted_by=secretariat).exists()


def test_the_people_page_refuses_to_change_ones_own_roles(client_of):
    secretariat = secretariat_user()

    client_of(secretariat).post(
        reverse("incubator:people_role", kwargs={"pk": secretariat.pk}),
        {"role": "secretariat", "action": "revoke"},
    )

    assert RoleGrant.objects.filter(user=secretariat, role="secretariat").exists()


def test_failed_messages_are_listed_for_the_secretariat(client_of):
    Notification.objects.create(
        key="bounce:1",
        to_email="nobody@bounce.example",
        language="en",
        subject="Your invitation",
        body_text="…",
        status="failed",
        last_error="SMTPRecipientsRefused: 550 Mailbox unknown",
    )
    Notification.objects.create(
        key="fine:1",
        to_email="someone@gov.example",
        language="en",
        subject="Welcome",
        body_text="…",
        status="sent",
    )

    response = client_of(secretariat_user()).get(reverse("incubator:outbox"), {"status": "failed"})

    page = response.content.decode()
    assert "nobody@bounce.example" in page
    assert "550 Mailbox unknown" in page
    assert "someone@gov.example" not in page


def test_secretariat_lists_keep_their_query_count_as_rows_grow(
    client_of, queries_to_render, django_assert_max_num_queries
):
    client = client_of(secretariat_user())

    def add_rows(start, count):
        for index in range(start, start + count):
            user = UserFactory()
            RoleGrant.objects.create(user=user, role=Role.REVIEWER)
            Notification.objects.create(
                key=f"row:{index}",
                recipient=user,
                to_email=user.email,
                language="en",
                subject="Hello",
                body_text="…",
                status="failed" if index % 2 else "sent",
            )

    add_rows(0, 3)
    small = {
        url: queries_to_render(client, url)
        for url in (reverse("incubator:outbox"), reverse("incubator:people"))
    }
    add_rows(3, 300)
    for url, count in small.items():
        with django_assert_max_num_queries(count):
            client.get(url)


def test_without_its_second_factor_a_secretariat_account_counts_as_no_one_special():
    password_only = secretariat_user(second_factor=False)

    assert not is_secretariat(password_only)
    with pytest.raises(PermissionDenied):
        role_grant(user=UserFactory(), role=Role.REVIEWER, by=password_only)
