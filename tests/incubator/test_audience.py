"""Who an action tells: the people whose email it queued, counted from the outbox rows
themselves, and the teams nobody could tell, said in English and in French."""

import pytest
from django.utils import translation

from incubator.audience import Audience, told, will_be_told
from incubator.models import Notification
from incubator.selectors.audience import team_audience
from incubator.services.telling import team_tell
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def team(name, *, members=0, inactive=0):
    organisation = OrganisationFactory(name=name)
    for _n in range(members):
        MembershipFactory(organisation=organisation)
    for _n in range(inactive):
        MembershipFactory(organisation=organisation, user=UserFactory(is_active=False))
    return organisation


def tell(organisation, told_so_far=None):
    return team_tell(
        team=organisation,
        key=f"invitation-test:{organisation.pk}",
        template="invitation_accepted",
        context={"organisation": organisation, "person": UserFactory()},
        told=told_so_far,
    )


def test_telling_a_team_queues_one_email_per_active_member_and_says_who():
    azores = team("Azores Office", members=2, inactive=1)

    result = tell(azores)

    queued = Notification.objects.filter(key__startswith="invitation-test:")
    assert sorted(person.pk for person in result.people) == sorted(
        queued.values_list("recipient", flat=True)
    )
    assert len(result.people) == 2
    assert result.teams == [azores] and result.untold_teams == []


def test_a_team_without_members_is_named_as_untold_and_nothing_is_queued():
    empty = team("Empty Office", inactive=1)
    everyone = Audience()

    tell(team("Azores Office", members=1), everyone)
    tell(empty, everyone)

    assert Notification.objects.count() == 1
    assert told(everyone) == (
        "1 person in 1 team is told by email. Nobody in Empty Office could be told: the "
        "team has no members."
    )


def test_who_will_be_told_counts_the_active_members_of_each_team_in_one_query(
    django_assert_num_queries,
):
    teams = [team("Azores Office", members=2), team("Santiago Board", members=3, inactive=1)]
    teams.append(team("Empty Office"))

    with django_assert_num_queries(1):
        audience = team_audience(teams=teams)

    assert will_be_told(audience) == [
        "2 teams, 5 people will be emailed.",
        "1 team has no members and will not be told: Empty Office.",
    ]


def test_the_sentences_are_french_for_a_french_reader():
    audience = team_audience(teams=[team("Azores", members=1), team("Vide")])

    with translation.override("fr"):
        assert told(audience) == (
            "1 personne de 1 équipe est informée par courriel. Personne n’a pu être informé "
            "chez Vide\u00a0: l’équipe n’a aucun membre."
        )
        assert will_be_told(Audience())[0] == "Personne ne recevra de courriel."
