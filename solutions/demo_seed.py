"""The demo's previous round, incubator-2026: both calls closed, the challenges decided
and published, the solution proposals decided. The review, matching, cohort and
outcomes seeders build on it. Found and run by ``seed_demo`` (see
``incubator.services.demo.demo_apps_seed``)."""

from datetime import timedelta

from django.db import transaction
from django.db.models import F

from challenges.models import Challenge
from challenges.search import challenge_search_refresh
from incubator.models import Call, Organisation, Programme, Theme, User
from incubator.models.programmes import CallKind
from incubator.services.demo import DEMO_MEMBER
from solutions.demo_content import (
    CALENDAR,
    CHALLENGE_CALL,
    CHALLENGES,
    DEADLINE_ZONE,
    PAST_PROGRAMME,
    PROGRAMME_DESCRIPTION,
    PROGRAMME_NAME,
    SOLUTION_CALL,
    SOLUTIONS,
    PastChallenge,
    PastSolution,
)
from solutions.models import Solution, SolutionInterest
from submissions.models import SubmissionState

S = SubmissionState
DRAFTING = timedelta(days=12)


@transaction.atomic
def seed() -> str:
    """Idempotent: once the programme exists it is left as it is."""
    programme = Programme.objects.filter(slug=PAST_PROGRAMME).first()
    if programme is None:
        programme = _create_round()
    return _summary(programme)


def _create_round() -> Programme:
    # Rows are written directly rather than through the services: seed data must not queue
    # the emails that submitting and deciding send.
    programme = Programme.objects.create(
        slug=PAST_PROGRAMME, name=PROGRAMME_NAME, description=PROGRAMME_DESCRIPTION
    )
    # Older than the 2027 round, so lists newest first show that one first.
    Programme.objects.filter(pk=programme.pk).update(created_at=CALENDAR.programme_created)
    challenge_call = Call.objects.create(
        programme=programme,
        kind=CallKind.CHALLENGES,
        opens_at=CALENDAR.challenges_open,
        closes_at=CALENDAR.challenges_close,
        deadline_time_zone=DEADLINE_ZONE,
        **CHALLENGE_CALL,
    )
    solution_call = Call.objects.create(
        programme=programme,
        kind=CallKind.SOLUTIONS,
        opens_at=CALENDAR.solutions_open,
        closes_at=CALENDAR.solutions_close,
        deadline_time_zone=DEADLINE_ZONE,
        **SOLUTION_CALL,
    )
    teams = {team.name: team for team in Organisation.objects.all()}
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    challenges = {
        entry.key: _create_challenge(entry, call=challenge_call, teams=teams, themes=themes)
        for entry in CHALLENGES
    }
    member = User.objects.get(email=DEMO_MEMBER.email)
    for entry in SOLUTIONS:
        _create_solution(
            entry,
            call=solution_call,
            teams=teams,
            themes=themes,
            challenges=challenges,
            member=member,
        )
    # Drafted in the fortnight before submitting; last changed by the decision.
    for model in (Challenge, Solution):
        model.objects.filter(call__programme=programme).update(
            created_at=F("submitted_at") - DRAFTING, updated_at=F("decided_at")
        )
    return programme


def _decision(entry: PastChallenge | PastSolution, decided_at) -> dict:
    if entry.selected:
        return {"status": S.SELECTED, "decided_at": decided_at}
    return {
        "status": S.DECLINED,
        "decided_at": decided_at,
        "decision_reason": entry.decision_reason,
    }


def _create_challenge(entry: PastChallenge, *, call: Call, teams, themes) -> Challenge:
    decided_at = CALENDAR.challenge_decisions_released
    challenge = Challenge(
        organisation=teams[entry.team],
        call=call,
        submitted_at=entry.submitted_at,
        published_at=decided_at if entry.selected else None,
        title=entry.title,
        summary=entry.summary,
        problem_statement=entry.problem_statement,
        context=entry.context,
        tried=entry.tried,
        constraints=entry.constraints,
        expertise_sought=entry.expertise_sought,
        hoped_outcome=entry.hoped_outcome,
        sector=entry.sector,
        lifecycle_stage=entry.lifecycle_stage,
        languages=list(entry.languages),
        meeting_windows=entry.meeting_windows,
        **_decision(entry, decided_at),
    )
    # Checked like a team's answers; the other teams have no accounts, so no author.
    challenge.full_clean(exclude=["search_vector", "created_by"])
    challenge.save()
    challenge.themes.set([themes[slug] for slug in entry.themes])
    challenge_search_refresh(challenge)
    return challenge


def _create_solution(
    entry: PastSolution, *, call: Call, teams, themes, challenges, member: User
) -> Solution:
    team = teams[entry.team]
    wanted = [challenges[key] for key in entry.interests]
    if any(challenge.organisation.country == team.country for challenge in wanted):
        raise ValueError(f"{entry.title}: matching is across borders, never at home.")
    solution = Solution(
        organisation=team,
        call=call,
        submitted_at=entry.submitted_at,
        title=entry.title,
        summary=entry.summary,
        comparable_problem=entry.comparable_problem,
        what_they_did=entry.what_they_did,
        evidence=entry.evidence,
        can_share=[str(code) for code in entry.can_share],
        share_details=entry.share_details,
        lessons=entry.lessons,
        capacity=entry.capacity,
        languages=list(entry.languages),
        time_zone=team.time_zone,
        availability=entry.availability,
        created_by=member if entry.by_demo_member else None,
        **_decision(entry, CALENDAR.solution_decisions_released),
    )
    solution.full_clean(exclude=["created_by"])
    solution.save()
    solution.themes.set([themes[slug] for slug in entry.themes])
    SolutionInterest.objects.bulk_create(
        SolutionInterest(solution=solution, challenge=challenge, rank=rank)
        for rank, challenge in enumerate(wanted, start=1)
    )
    if entry.by_demo_member:
        if not team.memberships.filter(user=member).exists():
            raise ValueError(f"{entry.title}: the demo member is not in {team.name}.")
        solution.contacts.add(member)
    return solution


def _summary(programme: Programme) -> str:
    challenges = Challenge.objects.filter(call__programme=programme)
    solutions = Solution.objects.filter(call__programme=programme)
    return (
        f"{programme.name} (closed): {challenges.count()} challenges, "
        f"{challenges.filter(status=S.SELECTED).count()} selected; {solutions.count()} "
        f"solution proposals, {solutions.filter(status=S.SELECTED).count()} selected."
    )
