"""A round with things that must never be public, each carrying a marker string that
tests search for in every answer of the library and the API."""

from dataclasses import dataclass

from django.utils import timezone

from incubation.models import ClosingReport, Incubation, IncubationTeam
from library.index import library_refresh
from matching.models import Match
from outcomes.models import StoryState
from tests.factories import ChallengeFactory, OrganisationFactory, ThemeFactory, UserFactory
from tests.outcomes.factories import ConfirmedMatchFactory, StoryFactory, consent, shown_match
from tests.solutions.factories import SolutionFactory

MARKERS = (
    "SECRET-DRAFT-TITLE",
    "SECRET-SCREENING-NOTE",
    "SECRET-CONSTRAINTS",
    "SECRET-MEETING-WINDOWS",
    "SECRET-DECISION-REASON",
    "secret-contact@example.org",
    "SECRET-UNCONSENTED-TEAM",
    "SECRET-UNCONSENTED-PROPOSAL",
    "SECRET-SHARE-DETAILS",
    "SECRET-AVAILABILITY",
    "SECRET-STORY-DRAFT",
    "SECRET-STORY-REJECTED",
    "SECRET-CLOSING-TRIED",
    "SECRET-CLOSING-CHANGED",
    "SECRET-ADVICE-UNCONSENTED",
    "SECRET-REASON-SCORE",
)


@dataclass
class SecretRound:
    match: Match
    hidden_match: Match
    story_pk: int


def closing_report(match: Match, *, organisation, role: str, **texts) -> ClosingReport:
    incubation, _ = Incubation.objects.get_or_create(
        programme=match.programme,
        challenge=match.challenge,
        defaults={"last_activity_at": timezone.now()},
    )
    team = IncubationTeam.objects.create(
        incubation=incubation,
        organisation=organisation,
        role=role,
        solution=match.solution if role == "provider" else None,
    )
    return ClosingReport.objects.create(incubation=incubation, team=team, **texts)


def secret_round() -> SecretRound:
    theme = ThemeFactory(slug="digital-inclusion", name="Digital inclusion")
    contact = UserFactory(email="secret-contact@example.org")
    match = shown_match(
        challenge__themes=[theme],
        challenge__screening_note="SECRET-SCREENING-NOTE",
        challenge__constraints="SECRET-CONSTRAINTS",
        challenge__meeting_windows="SECRET-MEETING-WINDOWS",
        challenge__decision_reason="SECRET-DECISION-REASON",
        solution__share_details="SECRET-SHARE-DETAILS",
        solution__availability="SECRET-AVAILABILITY",
        reasons=["SECRET-REASON-SCORE"],
    )
    match.challenge.contacts.add(contact)
    programme = match.programme
    ChallengeFactory(title="SECRET-DRAFT-TITLE", status="draft", call=match.challenge.call)
    # A confirmed match whose provider never agreed to be shown.
    hidden = ConfirmedMatchFactory(
        programme=programme,
        challenge=match.challenge,
        solution=SolutionFactory(
            status="selected",
            title="SECRET-UNCONSENTED-PROPOSAL",
            call__programme=programme,
            organisation=OrganisationFactory(name="SECRET-UNCONSENTED-TEAM", country="BR"),
        ),
    )
    consent(programme, match.challenge.organisation)
    story = StoryFactory(match=match)
    StoryFactory(
        match=match,
        organisation=match.solution.organisation,
        state=StoryState.DRAFT,
        title="SECRET-STORY-DRAFT",
    )
    StoryFactory(match=hidden, state=StoryState.REJECTED, title="SECRET-STORY-REJECTED")
    closing_report(
        match,
        organisation=match.challenge.organisation,
        role="owner",
        what_tried="SECRET-CLOSING-TRIED",
        what_changed="SECRET-CLOSING-CHANGED",
        advice="Start with the people at the counter.",
        share_on_showcase=True,
    )
    closing_report(
        hidden,
        organisation=hidden.solution.organisation,
        role="provider",
        advice="SECRET-ADVICE-UNCONSENTED",
        share_on_showcase=True,
    )
    library_refresh()
    return SecretRound(match=match, hidden_match=hidden, story_pk=story.pk)
