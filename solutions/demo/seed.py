"""The demo's previous round, incubator-2026: both calls closed, the challenges decided
and published, the solution proposals decided. The review, matching, cohort and
outcomes seeders build on it.

``round.json`` holds the programme, its calls and its calendar: fixed moments, written
as local time in ``time_zone``, all before the 2027 round opens, so the round reads as
finished whatever day the demo is seeded; the calendar is shared with the review,
matching and outcomes seeders, so the whole round tells one story. ``challenges.json``
and ``solutions.json`` hold the submissions as their teams wrote them: a ``key`` the
other files name them by, the team, whether it was selected, when it was submitted,
its themes, who wrote it (only the demo member has an account), for a proposal the
challenges it is interested in (first choice first), and ``fields``, as stored."""

from datetime import timedelta

from django.db import transaction
from django.db.models import F

from challenges.demo.seed import challenge_save
from challenges.models import Challenge
from incubator.demo.data import demo_data, demo_each, demo_moment, demo_named
from incubator.models import Call, Organisation, Programme, Theme, User
from incubator.models.programmes import CallKind
from solutions.models import Solution, SolutionInterest
from submissions.models import SubmissionState

S = SubmissionState
_ROUND = demo_data(__name__, "round")
PAST_PROGRAMME: str = _ROUND["programme"]["slug"]


def _moments(calendar: dict) -> dict:
    return {
        name: _moments(value)
        if isinstance(value, dict)
        else demo_moment(value, _ROUND["time_zone"])
        for name, value in calendar.items()
    }


# When each step happened: CALENDAR["challenges"]["review_open"], CALENDAR["matching_run"].
CALENDAR: dict = _moments(_ROUND["calendar"])
# What each submission of the round is called, by call kind and key.
PAST_TITLES: dict[str, dict[str, str]] = {
    kind: {record["key"]: record["fields"]["title"] for record in demo_data(__name__, kind)}
    for kind in (CallKind.CHALLENGES, CallKind.SOLUTIONS)
}


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
    programme = Programme.objects.create(**_ROUND["programme"])
    # Older than the 2027 round, so lists newest first show that one first.
    Programme.objects.filter(pk=programme.pk).update(created_at=CALENDAR["programme_created"])
    calls = {
        kind: Call.objects.create(
            programme=programme,
            kind=kind,
            opens_at=CALENDAR[kind]["open"],
            closes_at=CALENDAR[kind]["close"],
            deadline_time_zone=_ROUND["time_zone"],
            **_ROUND["calls"][kind],
        )
        for kind in (CallKind.CHALLENGES, CallKind.SOLUTIONS)
    }
    teams = {team.name: team for team in Organisation.objects.all()}
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    challenges = dict(
        demo_each(
            __name__,
            "challenges",
            lambda record: _create_challenge(
                record, call=calls[CallKind.CHALLENGES], teams=teams, themes=themes
            ),
        )
    )
    demo_each(
        __name__,
        "solutions",
        lambda record: _create_solution(
            record,
            call=calls[CallKind.SOLUTIONS],
            teams=teams,
            themes=themes,
            challenges=challenges,
        ),
    )
    # Drafted in the fortnight before submitting; last changed by the decision.
    for model in (Challenge, Solution):
        model.objects.filter(call__programme=programme).update(
            created_at=F("submitted_at") - timedelta(days=_ROUND["drafting_days"]),
            updated_at=F("decided_at"),
        )
    return programme


def _decision(record: dict, call: Call) -> dict:
    return {
        "status": S.SELECTED if record["selected"] else S.DECLINED,
        "decided_at": CALENDAR[call.kind]["decisions_released"],
    }


def _create_challenge(record: dict, *, call: Call, teams, themes) -> tuple[str, Challenge]:
    decision = _decision(record, call)
    challenge = Challenge(
        organisation=demo_named(teams, record["team"], "team"),
        call=call,
        submitted_at=demo_moment(record["submitted_at"], _ROUND["time_zone"]),
        published_at=decision["decided_at"] if record["selected"] else None,
        **decision,
        **record["fields"],
    )
    challenge_save(
        challenge, themes=[demo_named(themes, slug, "theme") for slug in record["themes"]]
    )
    return record["key"], challenge


def _create_solution(record: dict, *, call: Call, teams, themes, challenges) -> Solution:
    team = demo_named(teams, record["team"], "team")
    wanted = [demo_named(challenges, key, "challenge") for key in record["interests"]]
    if any(challenge.organisation.country == team.country for challenge in wanted):
        raise ValueError("matching is across borders, never at home.")
    author = User.objects.get(email=record["written_by"]) if record["written_by"] else None
    if author is not None and not team.memberships.filter(user=author).exists():
        raise ValueError(f"{author.email} is not in {team.name}.")
    solution = Solution(
        organisation=team,
        call=call,
        submitted_at=demo_moment(record["submitted_at"], _ROUND["time_zone"]),
        time_zone=team.time_zone,
        created_by=author,
        **_decision(record, call),
        **record["fields"],
    )
    solution.full_clean(exclude=["created_by"])
    solution.save()
    solution.themes.set([demo_named(themes, slug, "theme") for slug in record["themes"]])
    SolutionInterest.objects.bulk_create(
        SolutionInterest(solution=solution, challenge=challenge, rank=rank)
        for rank, challenge in enumerate(wanted, start=1)
    )
    if author is not None:
        solution.contacts.add(author)
    return solution


def _summary(programme: Programme) -> str:
    challenges = Challenge.objects.filter(call__programme=programme)
    solutions = Solution.objects.filter(call__programme=programme)
    return (
        f"{programme.name} (closed): {challenges.count()} challenges, "
        f"{challenges.filter(status=S.SELECTED).count()} selected; {solutions.count()} "
        f"solution proposals, {solutions.filter(status=S.SELECTED).count()} selected."
    )
