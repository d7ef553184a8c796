"""Careful reads for matching: who takes part in a round, its runs and pairs, and the
board's pages."""

from django.db.models import Prefetch, Q, QuerySet

from challenges.models import Challenge
from incubator.models import Organisation, Programme, Theme, User
from incubator.translated import shown
from matching.engine.model import Params
from matching.models import Candidate, Match, MatchRun
from solutions.models import Solution, SolutionInterest
from submissions.models import SubmissionState

S = SubmissionState
# The spec: every submission of the round that was submitted and is neither declined nor
# withdrawn takes part; drafts never do.
TAKING_PART = [S.SUBMITTED, S.SCREENING, S.IN_REVIEW, S.SHORTLISTED, S.SELECTED]


def run_params(stored: dict) -> Params:
    """The engine's parameters for a run's stored parameters ({} for a new run)."""
    return Params(**stored)


def round_challenges(programme: Programme) -> QuerySet[Challenge]:
    # By the ids of the programme's calls, not a join on the programme: PostgreSQL's
    # statistics then see how few rows a small programme has beside a large one.
    calls = list(programme.calls.values_list("pk", flat=True))
    return (
        Challenge.objects.filter(call__in=calls, status__in=TAKING_PART)
        .select_related("organisation")
        .prefetch_related(Prefetch("themes", Theme.objects.only("slug")))
        .order_by("pk")
    )


def round_solutions(programme: Programme) -> QuerySet[Solution]:
    return (
        Solution.objects.filter(call__programme=programme, status__in=TAKING_PART)
        .select_related("organisation")
        .prefetch_related(
            Prefetch("themes", Theme.objects.only("slug")),
            Prefetch(
                "interest_rows",
                SolutionInterest.objects.only("solution_id", "challenge_id", "rank"),
            ),
        )
        .order_by("pk")
    )


def theme_names() -> dict[str, str]:
    """Every theme's name by slug in the reader's language, for reasons that name shared
    themes."""
    return dict(Theme.objects.values_list("slug", shown("name")))


def runs_of(programme: Programme) -> QuerySet[MatchRun]:
    return programme.match_runs.select_related("started_by")


def run_by_id(pk: int) -> MatchRun | None:
    return MatchRun.objects.filter(pk=pk).first()


def active_runs(programme: Programme) -> QuerySet[MatchRun]:
    """The programme's runs that are queued or running."""
    return programme.match_runs.filter(state__in=[MatchRun.State.QUEUED, MatchRun.State.RUNNING])


def matches_of(programme: Programme) -> QuerySet[Match]:
    return Match.objects.filter(programme=programme)


def kept_pairs(programme: Programme) -> set[tuple[int, int]]:
    """(challenge id, solution id) of the pairs a new run keeps: locked, or decided on."""
    kept = matches_of(programme).filter(Q(locked=True) | ~Q(state=Match.State.PROPOSED))
    return set(kept.values_list("challenge_id", "solution_id"))


def people_to_introduce(team: Organisation) -> QuerySet[User]:
    """The team's members who still use the portal."""
    return team.members.filter(is_active=True)


def latest_finished_run(programme: Programme) -> MatchRun | None:
    return programme.match_runs.filter(state=MatchRun.State.DONE).first()


def board_challenges(programme: Programme) -> QuerySet[Challenge]:
    """The board's rows: each challenge of the round with its matches."""
    return round_challenges(programme).prefetch_related(
        Prefetch(
            "matches",
            Match.objects.exclude(state=Match.State.REJECTED)
            .select_related("solution__organisation")
            .order_by("-score"),
        )
    )


def candidates_for(run: MatchRun, challenges: list[Challenge], per_challenge: int):
    """The best candidates of each listed challenge in one query, grouped by challenge."""
    rows = (
        Candidate.objects.filter(run=run, challenge__in=challenges, rank__lte=per_challenge)
        .select_related("solution__organisation")
        .order_by("challenge_id", "rank")
    )
    grouped: dict[int, list[Candidate]] = {challenge.pk: [] for challenge in challenges}
    for candidate in rows:
        grouped[candidate.challenge_id].append(candidate)
    return grouped
