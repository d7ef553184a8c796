import pytest
from django.urls import reverse

from incubator.models import Role, RoleGrant
from tests.factories import ChallengeFactory, UserFactory, with_second_factor

pytestmark = pytest.mark.django_db


def challenge_pages(challenge):
    return [
        reverse("challenges:overview", kwargs={"pk": challenge.pk}),
        reverse("challenges:check", kwargs={"pk": challenge.pk}),
        reverse("challenges:detail", kwargs={"pk": challenge.pk}),
        reverse("challenges:screening_detail", kwargs={"pk": challenge.pk}),
    ]


@pytest.mark.parametrize("status", ["draft", "submitted", "screening", "declined", "withdrawn"])
def test_a_reviewer_sees_no_challenge_that_is_not_assigned_to_them(client_of, status):
    reviewer = with_second_factor(UserFactory())
    RoleGrant.objects.create(user=reviewer, role=Role.REVIEWER)
    challenge = ChallengeFactory(status=status)
    client = client_of(reviewer)

    for url in challenge_pages(challenge):
        assert client.get(url).status_code in (403, 404), url
    assert challenge.title not in client.get(reverse("challenges:list")).content.decode()


@pytest.mark.parametrize("status", ["draft", "submitted", "screening", "in_review", "declined"])
def test_a_visitor_never_sees_an_unpublished_challenge(client, status):
    challenge = ChallengeFactory(status=status)

    assert client.get(reverse("challenges:detail", kwargs={"pk": challenge.pk})).status_code == 404
    assert challenge.title not in client.get(reverse("challenges:list")).content.decode()
