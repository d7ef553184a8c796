import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from incubator.models import Invitation, Membership, Notification, Organisation
from incubator.selectors.organisations import invitation_from_token
from incubator.services.organisations import invitation_send, invitation_token
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

GOOD_TEAM = {
    "name": "Agency for Administrative Modernisation",
    "country": "PT",
    "level": "national",
    "languages": ["pt", "en"],
    "time_zone": "Europe/Lisbon",
    "website": "https://ama.gov.example",
    "description": "We make public services simpler.",
}


def invitation_link(invitation):
    return reverse(
        "incubator:invitation_accept", kwargs={"token": invitation_token(invitation=invitation)}
    )


def test_a_person_registers_a_team_and_becomes_its_first_member(client_of):
    person = UserFactory()
    response = client_of(person).post(reverse("incubator:organisation_new"), GOOD_TEAM)

    team = Organisation.objects.get()
    assert response.url == reverse("incubator:organisation_detail", kwargs={"pk": team.pk})
    assert (team.country.code, team.languages) == ("PT", ["pt", "en"])
    assert list(team.members.all()) == [person]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("country", "XX", "is not a country we know"),
        ("time_zone", "Europe/Atlantis", "is not a time zone we know"),
        ("languages", ["pt", "zz"], "is not a language code we know"),
        ("level", "galactic", "Select a valid choice"),
        ("name", "N" * 201, "Keep this to 200 characters or fewer"),
        ("name", '<img src=x onerror="alert(1)">', "Use plain text here"),
        ("description", "D" * 2001, "Keep this to 2,000 characters or fewer"),
        ("website", "javascript:alert(1)", "Enter a valid URL"),
    ],
)
def test_bad_team_input_is_named_at_the_field_and_nothing_is_stored(
    client_of, field, value, message
):
    response = client_of(UserFactory()).post(
        reverse("incubator:organisation_new"), {**GOOD_TEAM, field: value}
    )

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    if field != "description":
        assert "We make public services simpler." in response.content.decode()
    assert not Organisation.objects.exists()


def test_another_teams_page_cannot_be_reached_by_changing_the_id(client_of):
    team = OrganisationFactory()
    outsider = MembershipFactory().user

    client = client_of(outsider)
    assert (
        client.get(reverse("incubator:organisation_detail", kwargs={"pk": team.pk})).status_code
        == 404
    )
    assert (
        client.get(reverse("incubator:organisation_edit", kwargs={"pk": team.pk})).status_code
        == 404
    )
    response = client.post(
        reverse("incubator:invitation_new", kwargs={"pk": team.pk}),
        {"email": "spy@elsewhere.example"},
    )
    assert response.status_code == 404
    assert not Invitation.objects.exists()


def test_a_member_invites_a_colleague_by_email(client_of, django_capture_on_commit_callbacks):
    membership = MembershipFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(membership.user).post(
            reverse("incubator:invitation_new", kwargs={"pk": membership.organisation.pk}),
            {"email": "Colleague@AMA.gov.example"},
        )

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "colleague@ama.gov.example"
    email = Notification.objects.get(to_email="colleague@ama.gov.example")
    assert email.status == "sent"
    # The signed token carries a timestamp, so read the link back from the email sent
    # (the outbox row keeps it masked) rather than rebuild it.
    [sent] = mail.outbox
    token = re.search(r"/invitations/([^/\s]+)/", sent.body).group(1)
    assert invitation_from_token(token=token) == invitation


def test_a_colleague_joins_through_the_link_once(client_of):
    membership = MembershipFactory()
    invitation = invitation_send(
        organisation=membership.organisation, email="new@ama.gov.example", by=membership.user
    )
    colleague = UserFactory(email="new@ama.gov.example")
    client = client_of(colleague)

    response = client.post(invitation_link(invitation))
    assert response.status_code == 302
    assert membership.organisation.members.filter(pk=colleague.pk).exists()

    again = client.post(invitation_link(invitation))
    assert again.status_code == 400
    assert "already been used" in again.content.decode()
    assert Membership.objects.filter(user=colleague).count() == 1


def test_an_expired_invitation_is_refused_with_a_clear_message(client_of):
    membership = MembershipFactory()
    invitation = invitation_send(
        organisation=membership.organisation, email="late@ama.gov.example", by=membership.user
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )

    response = client_of(UserFactory(email="late@ama.gov.example")).post(
        invitation_link(invitation)
    )

    assert response.status_code == 400
    assert "expired" in response.content.decode()
    assert membership.organisation.members.count() == 1


def test_an_invitation_cannot_be_used_by_someone_it_was_not_sent_to(client_of):
    membership = MembershipFactory()
    invitation = invitation_send(
        organisation=membership.organisation, email="right@ama.gov.example", by=membership.user
    )

    response = client_of(UserFactory(email="wrong@elsewhere.example")).post(
        invitation_link(invitation)
    )

    assert response.status_code == 400
    assert "right@ama.gov.example" in response.content.decode()
    assert membership.organisation.members.count() == 1


def test_an_altered_invitation_link_is_not_found(client):
    response = client.get(
        reverse("incubator:invitation_accept", kwargs={"token": "1:forged:signature"})
    )

    assert response.status_code == 404


def test_the_inviter_hears_when_the_colleague_joins(client_of):
    membership = MembershipFactory()
    invitation = invitation_send(
        organisation=membership.organisation, email="new@ama.gov.example", by=membership.user
    )
    client_of(UserFactory(email="new@ama.gov.example")).post(invitation_link(invitation))

    assert Notification.objects.filter(
        key=f"invitation-accepted:{invitation.pk}", to_email=membership.user.email
    ).exists()


def test_the_team_page_query_count_holds_as_members_grow(
    client_of, queries_to_render, django_assert_max_num_queries
):
    team = OrganisationFactory()
    member = MembershipFactory(organisation=team).user
    client = client_of(member)
    url = reverse("incubator:organisation_detail", kwargs={"pk": team.pk})
    with_one_member = queries_to_render(client, url)

    MembershipFactory.create_batch(40, organisation=team)
    for index in range(10):
        invitation_send(organisation=team, email=f"guest{index}@gov.example", by=member)

    with django_assert_max_num_queries(with_one_member):
        client.get(url)
