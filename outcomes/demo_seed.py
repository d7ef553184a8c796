"""What the demo's previous round, incubator-2026, left behind: every team of a confirmed
match consents to the public showcase, two challenge owners' stories are published and
a third waits for approval, and the 3-month follow-up surveys are out, some answered.
Found and run by ``seed_demo`` (see ``incubator.services.demo.demo_apps_seed``)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from challenges.models import LifecycleStage
from incubator.models import Organisation, Programme, User
from incubator.services.demo import DEMO_ACCOUNTS, DEMO_MEMBER
from matching.models import Match
from outcomes.models import Milestone, ShowcaseConsent, Story, StoryState, Survey
from outcomes.services import add_months
from solutions.demo_content import CHALLENGES, PAST_PROGRAMME, paris

SECRETARIAT = DEMO_ACCOUNTS[0].email


@dataclass(frozen=True)
class DemoStory:
    """A challenge owner's story; in its texts "{partner}" stands for the provider's name."""

    challenge: str  # key of the owner's challenge in solutions.demo_content
    state: str
    submitted_at: datetime
    title: str
    expectations: str
    learned: str
    pain_points: str


STORIES = [
    DemoStory(
        challenge="plain-letters",
        state=StoryState.APPROVED,
        submitted_at=paris(10, 6, 15),
        title="Our lawyers now ask for the plain version first",
        expectations=(
            "We hoped for a method to rewrite our most-sent letters faster, and expected the "
            "hard part to be the writing."
        ),
        learned=(
            "The writing was the easy part. What changed our practice was testing every draft "
            "with people who had received the original, and having a lawyer in each rewriting "
            "session from the first day. Three agencies now use the testing script, and the "
            "first rewritten letters cause fewer calls."
        ),
        pain_points=(
            "Finding people to test letters with took longer than planned, and two templates "
            "sit in a system nobody can change before next year. {partner} helped us decide "
            "which letters to leave for later."
        ),
    ),
    DemoStory(
        challenge="repeat-medicines",
        state=StoryState.APPROVED,
        submitted_at=paris(10, 14, 9),
        title="A text message when the parcel is ready",
        expectations=(
            "We expected to learn how to open more pick-up points in rural areas, and hoped "
            "for a model we could copy."
        ),
        learned=(
            "There was no model to copy, but the way {partner} tracks every collection in one "
            "register showed us what we were missing: knowing who stopped collecting. In our "
            "pilot district, clinics now send a text message when a parcel is ready and call "
            "patients who miss two collections."
        ),
        pain_points=(
            "Many households share one phone, so messages must not reveal a diagnosis. "
            "Working across seven time zones made our calls with {partner} early or late for "
            "someone."
        ),
    ),
    DemoStory(
        challenge="safe-trials",
        state=StoryState.SUBMITTED,
        submitted_at=paris(11, 12, 4),
        title="Three trials, one approval process",
        expectations="We hoped to leave with rules our legal advisers would accept.",
        learned=(
            "{partner} shared the standard they use for trials in live services, and our "
            "advisers accepted most of it as it was. We have run three trials under our own "
            "version and published the results of all three, including the one that failed."
        ),
        pain_points=(
            "Services that cannot be withheld from anyone need a staggered roll-out instead "
            "of a split, and that took a second round of advice."
        ),
    ),
]

# What teams said three months after their match was confirmed, in turn: challenge owners,
# then providers. "{partner}" stands for the other team's name.
OWNER_ANSWERS = [
    (
        LifecycleStage.DEVELOPING_PROPOSALS,
        "We have a plan shaped by {partner}'s experience and a first pilot agreed.",
        "Agree on a fixed meeting time in the first week; time zones make it hard later.",
    ),
    (
        LifecycleStage.IMPLEMENTATION,
        "Our pilot started last month, using two of {partner}'s templates almost unchanged.",
        "Ask for the documents that went wrong, not only the final versions.",
    ),
    (
        LifecycleStage.GENERATING_IDEAS,
        "We understand our problem better; the solution will take longer than we hoped.",
        "Bring someone from the legal team to the first call.",
    ),
]
PROVIDER_ANSWERS = [
    (
        LifecycleStage.DIFFUSING_LESSONS,
        "Explaining our work to {partner} made us write down what we had never documented.",
        "Set aside real time: the questions are good and deserve proper answers.",
    ),
    (
        LifecycleStage.EVALUATION,
        "We are evaluating our own service again, with the questions {partner} asked.",
        "Share failures early; they are what the other team needs most.",
    ),
]


@transaction.atomic
def seed() -> str:
    """Idempotent: a programme whose outcomes exist is left as it is."""
    programme = Programme.objects.filter(slug=PAST_PROGRAMME).first()
    if programme is None:
        return "Outcomes: no past round."
    matches = list(
        Match.objects.filter(programme=programme, state=Match.State.CONFIRMED)
        .select_related("challenge__organisation", "solution__organisation")
        .order_by("decided_at", "pk")
    )
    if matches and not ShowcaseConsent.objects.filter(programme=programme).exists():
        _create_outcomes(programme, matches)
    return _summary(programme)


def _create_outcomes(programme: Programme, matches: list[Match]) -> None:
    # Rows are written directly rather than through the services: seed data must not queue
    # the story and survey emails, and most teams have nobody who signs in.
    now = timezone.now()
    secretariat = User.objects.get(email=SECRETARIAT)
    teams = {m.challenge.organisation for m in matches} | {m.solution.organisation for m in matches}
    person_of = _a_member_of(teams)
    ShowcaseConsent.objects.bulk_create(
        ShowcaseConsent(
            programme=programme, organisation=team, given=True, changed_by=person_of.get(team)
        )
        for team in sorted(teams, key=lambda team: team.pk)
    )
    titles = {entry.key: entry.title for entry in CHALLENGES}
    for entry in STORIES:
        match = next((m for m in matches if m.challenge.title == titles[entry.challenge]), None)
        if match is not None:
            _create_story(
                entry,
                match,
                by=person_of.get(match.challenge.organisation),
                secretariat=secretariat,
            )
    demo_teams = set(Organisation.objects.filter(memberships__user__email=DEMO_MEMBER.email))
    for number, match in enumerate(matches):
        sides = (
            (match.challenge.organisation, match.solution.organisation, OWNER_ANSWERS),
            (match.solution.organisation, match.challenge.organisation, PROVIDER_ANSWERS),
        )
        due_at = add_months(match.decided_at, Milestone.THREE)
        for team, partner, answers in sides:
            survey = Survey(
                match=match, organisation=team, milestone=Milestone.THREE, due_at=due_at
            )
            # Every other match has answered; the demo member's team is left to answer.
            if number % 2 == 0 and team not in demo_teams:
                stage, what_changed, advice = answers[number // 2 % len(answers)]
                survey.stage_reached = stage
                survey.what_changed = what_changed.format(partner=partner.name)
                survey.advice = advice
                survey.answered_by = person_of.get(team)
                survey.answered_at = min(due_at + timedelta(days=2 + number), now)
            survey.save()


def _a_member_of(teams) -> dict[Organisation, User]:
    person_of = {}
    for team in teams:
        person = team.members.order_by("pk").first()
        if person is not None:
            person_of[team] = person
    return person_of


def _create_story(entry: DemoStory, match: Match, *, by: User | None, secretariat: User) -> None:
    partner = match.solution.organisation.name
    approved = entry.state == StoryState.APPROVED
    story = Story(
        match=match,
        organisation=match.challenge.organisation,
        state=entry.state,
        title=entry.title,
        expectations=entry.expectations.format(partner=partner),
        learned=entry.learned.format(partner=partner),
        pain_points=entry.pain_points.format(partner=partner),
        created_by=by,
        submitted_at=entry.submitted_at,
        decided_by=secretariat if approved else None,
        decided_at=entry.submitted_at + timedelta(days=3) if approved else None,
    )
    story.full_clean(exclude=["match", "organisation", "created_by", "decided_by"])
    story.save()


def _summary(programme: Programme) -> str:
    consents = ShowcaseConsent.objects.filter(programme=programme, given=True).count()
    stories = Story.objects.filter(match__programme=programme)
    surveys = Survey.objects.filter(match__programme=programme)
    return (
        f"Outcomes of {programme.name}: {consents} teams on the showcase, "
        f"{stories.filter(state=StoryState.APPROVED).count()} stories published and "
        f"{stories.filter(state=StoryState.SUBMITTED).count()} waiting, "
        f"{surveys.filter(answered_at__isnull=False).count()} of {surveys.count()} "
        "3-month surveys answered."
    )
