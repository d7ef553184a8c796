"""An incubation opens when the secretariat confirms the first match of a challenge,
once, and each provider confirmed later joins it; everyone is told once."""

import pytest
from django.core import mail

from incubation.models import Incubation, IncubationState, TeamRole
from incubator.models import AuditEntry, Notification
from matching.services import match_confirm
from tests.incubation.factories import member, proposed_match, workspace

pytestmark = pytest.mark.django_db


def test_the_first_confirmed_match_opens_the_incubation_with_both_teams_and_tells_them():
    ws = workspace(state=IncubationState.STARTING)

    incubation = ws.incubation
    teams = list(incubation.teams.order_by("role"))
    assert incubation.state == IncubationState.STARTING
    assert incubation.programme == incubation.challenge.call.programme
    assert [team.role for team in teams] == [TeamRole.OWNER, TeamRole.PROVIDER]
    assert teams[0].organisation == incubation.challenge.organisation
    assert teams[1].weekdays == [0, 1, 2, 3, 4]
    assert f"{teams[1].day_starts:%H:%M}–{teams[1].day_ends:%H:%M}" == "09:00–17:00"
    opened = Notification.objects.filter(key__startswith="incubation-opened:")
    assert sorted(opened.values_list("to_email", flat=True)) == sorted(
        [ws.owner.email, ws.provider.email]
    )
    body = opened.get(to_email=ws.owner.email).body_text
    assert f"now works in the incubation of “{incubation.challenge.title}”" in body
    assert f"/incubations/{incubation.pk}/" in body


def test_confirming_again_changes_nothing_and_tells_nobody_twice():
    ws = workspace()
    match = ws.incubation.challenge.matches.get()
    before = Notification.objects.count()

    match_confirm(match=match, by=ws.secretariat)

    assert Incubation.objects.count() == 1
    assert ws.incubation.teams.count() == 2
    assert Notification.objects.count() == before


def test_a_second_provider_joins_the_same_incubation_and_the_others_are_told():
    ws = workspace()
    second = proposed_match(ws.incubation.challenge, provider_zone="Africa/Nairobi", country="KE")
    newcomer = member(second.solution.organisation)
    mail.outbox.clear()

    match_confirm(match=second, by=ws.secretariat)

    assert Incubation.objects.count() == 1
    assert ws.incubation.teams.count() == 3
    joined = Notification.objects.filter(key__startswith="incubation-team-joined:")
    assert sorted(joined.values_list("to_email", flat=True)) == sorted(
        [ws.owner.email, ws.provider.email]
    )
    assert second.solution.organisation.name in joined.first().subject
    assert Notification.objects.filter(
        key__startswith="incubation-opened:", to_email=newcomer.email
    ).exists()
    assert AuditEntry.objects.filter(action="incubation.team_joined").count() == 2


def test_a_rejected_confirmation_opens_nothing():
    ws = workspace()
    other = proposed_match(ws.incubation.challenge, country="KE")
    other.state = "rejected"
    other.save()

    with pytest.raises(Exception, match="rejected"):
        match_confirm(match=other, by=ws.secretariat)

    assert ws.incubation.teams.count() == 2


def test_a_french_member_is_told_in_french_with_french_typography():
    ws = workspace(provider_fields={"language": "fr"})

    opened = Notification.objects.get(
        key__startswith="incubation-opened:", to_email=ws.provider.email
    )

    title = ws.incubation.challenge.title
    assert opened.subject == f"Votre incubation est ouverte\u00a0: {title}"
    assert f"travaille désormais dans l’incubation de «\u00a0{title}\u00a0»" in opened.body_text
