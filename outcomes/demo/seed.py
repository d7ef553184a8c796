"""What the demo's previous round, incubator-2026, left behind: every team of a confirmed
match consents to the public showcase, two challenge owners' stories are published and
a third waits for approval, and the 3-month follow-up surveys are out, some answered.

``stories.json`` holds each story: the owner's challenge (its key in the round's files),
when it was submitted (local time in ``time_zone``) and ``fields``, as stored; the
secretariat approved the approved ones ``decided_days_after`` that. ``surveys.json``
holds what teams answered three months after their match was confirmed, in turn:
challenge owners', then providers'. In the texts "{partner}" stands for the other
team's name."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from incubator.demo.data import demo_data, demo_each, demo_moment, demo_named
from incubator.demo.seed import DEMO_ACCOUNTS, DEMO_MEMBER
from incubator.models import Organisation, Programme, User
from matching.models import Match
from outcomes.models import Milestone, ShowcaseConsent, Story, StoryState, Survey
from outcomes.services import add_months
from solutions.demo.seed import PAST_PROGRAMME, PAST_TITLES

SECRETARIAT = DEMO_ACCOUNTS[0].email


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
    teams = {m.challenge.organisation for m in matches} | {m.solution.organisation for m in matches}
    person_of = _a_member_of(teams)
    ShowcaseConsent.objects.bulk_create(
        ShowcaseConsent(
            programme=programme, organisation=team, given=True, changed_by=person_of.get(team)
        )
        for team in sorted(teams, key=lambda team: team.pk)
    )
    _create_stories(matches, person_of=person_of)
    _create_surveys(matches, person_of=person_of)


def _a_member_of(teams) -> dict[Organisation, User]:
    person_of = {}
    for team in teams:
        person = team.members.order_by("pk").first()
        if person is not None:
            person_of[team] = person
    return person_of


def _create_stories(matches: list[Match], *, person_of: dict[Organisation, User]) -> None:
    data = demo_data(__name__, "stories")
    secretariat = User.objects.get(email=SECRETARIAT)

    def create(record: dict) -> Story | None:
        title = demo_named(PAST_TITLES["challenges"], record["challenge"], "challenge")
        # A story needs its challenge matched; a run that matched it otherwise has none.
        match = next((m for m in matches if m.challenge.title == title), None)
        if match is None:
            return None
        partner = match.solution.organisation.name
        approved = record["fields"]["state"] == StoryState.APPROVED
        submitted_at = demo_moment(record["submitted_at"], data["time_zone"])
        story = Story(
            match=match,
            organisation=match.challenge.organisation,
            created_by=person_of.get(match.challenge.organisation),
            submitted_at=submitted_at,
            decided_by=secretariat if approved else None,
            decided_at=submitted_at + timedelta(days=data["decided_days_after"])
            if approved
            else None,
            **{name: text.format(partner=partner) for name, text in record["fields"].items()},
        )
        story.full_clean(exclude=["match", "organisation", "created_by", "decided_by"])
        story.save()
        return story

    demo_each(__name__, "stories", create, part="stories")


def _create_surveys(matches: list[Match], *, person_of: dict[Organisation, User]) -> None:
    data = demo_data(__name__, "surveys")
    now = timezone.now()
    demo_teams = set(Organisation.objects.filter(memberships__user__email=DEMO_MEMBER.email))
    for number, match in enumerate(matches):
        sides = (
            (match.challenge.organisation, match.solution.organisation, data["owners"]),
            (match.solution.organisation, match.challenge.organisation, data["providers"]),
        )
        due_at = add_months(match.decided_at, Milestone.THREE)
        for team, partner, answers in sides:
            survey = Survey(
                match=match, organisation=team, milestone=Milestone.THREE, due_at=due_at
            )
            # Every other match has answered, a day later each; the demo member's team is
            # left to answer.
            if number % 2 == 0 and team not in demo_teams:
                answer = answers[number // 2 % len(answers)]
                survey.stage_reached = answer["stage_reached"]
                survey.what_changed = answer["what_changed"].format(partner=partner.name)
                survey.advice = answer["advice"]
                survey.answered_by = person_of.get(team)
                survey.answered_at = min(
                    due_at + timedelta(days=data["first_answer_days_after_due"] + number), now
                )
            survey.save()


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
