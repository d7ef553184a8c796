"""Where a round stands, read from every stage at once for the secretariat's home: its
calls and review phases, what waits for screening, reviews missing, decisions staged
and pairs proposed. A fixed number of queries however large the round."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from challenges.models import Challenge
from incubator.models import Call, Programme
from matching.models import Match, MatchRun
from reviews.models import Assignment, Decision, ReviewPhase
from reviews.selectors import phase_or_none
from solutions.models import Solution
from submissions.models import SubmissionState

S = SubmissionState


@dataclass
class CallProgress:
    """One call of the round and how far it has come."""

    call: Call
    phase: ReviewPhase | None
    states: dict[str, int] = field(default_factory=dict)  # submissions by state
    reviews: int = 0
    reviews_done: int = 0
    staged: int = 0  # decisions staged, not released
    released: int = 0

    @property
    def to_screen(self) -> int:
        if self.call.kind != "challenges":
            return 0
        return self.states.get(S.SUBMITTED, 0) + self.states.get(S.SCREENING, 0)

    @property
    def reviews_missing(self) -> int:
        return self.reviews - self.reviews_done


@dataclass
class RoundState:
    programme: Programme
    calls: list[CallProgress]
    matches: dict[str, int] = field(default_factory=dict)  # by state
    last_run: MatchRun | None = None


def programmes_to_choose() -> QuerySet[Programme]:
    return Programme.objects.order_by("-created_at", "-pk")


def current_programme(*, now=None) -> Programme | None:
    """The round the secretariat is most likely working on: the one with a call or a
    review phase open now, else the next to open, else the one that closed last."""
    now = now or timezone.now()
    open_now = Q(opens_at__lte=now, closes_at__gt=now)
    for found in (
        Call.objects.filter(open_now).order_by("closes_at"),
        Call.objects.filter(
            review_phase__opens_at__lte=now, review_phase__closes_at__gt=now
        ).order_by("review_phase__closes_at"),
        Call.objects.filter(opens_at__gt=now).order_by("opens_at"),
        Call.objects.order_by("-closes_at"),
    ):
        call = found.select_related("programme").first()
        if call is not None:
            return call.programme
    return programmes_to_choose().first()


def _submission_counts(programme: Programme) -> dict[int, dict[str, int]]:
    counts = defaultdict(dict)
    for model in (Challenge, Solution):
        rows = (
            model.objects.filter(call__programme=programme)
            .exclude(status=S.DRAFT)
            .values_list("call_id", "status")
            .annotate(n=Count("pk"))
        )
        for call_id, status, number in rows:
            counts[call_id][status] = number
    return counts


def _per_call(queryset, **annotations) -> dict[int, tuple[int, ...]]:
    """Figures per call of the round, in one query: {call pk: (figure, …)}."""
    rows = queryset.values_list("item__call_id").annotate(**annotations)
    return {call_id: tuple(figures) for call_id, *figures in rows}


def round_state(*, programme: Programme) -> RoundState:
    calls = Call.objects.filter(programme=programme).select_related("review_phase")
    states = _submission_counts(programme)
    reviews = _per_call(
        Assignment.objects.filter(item__call__programme=programme),
        total=Count("pk"),
        done=Count("pk", filter=Q(submitted_at__isnull=False)),
    )
    decisions = _per_call(
        Decision.objects.filter(item__call__programme=programme),
        staged=Count("pk", filter=Q(released_at__isnull=True)),
        released=Count("pk", filter=Q(released_at__isnull=False)),
    )
    progress = [
        CallProgress(
            call,
            phase_or_none(call=call),
            states.get(call.pk, {}),
            *reviews.get(call.pk, (0, 0)),
            *decisions.get(call.pk, (0, 0)),
        )
        for call in calls.order_by("closes_at", "pk")
    ]
    matches = Match.objects.filter(programme=programme).values_list("state")
    return RoundState(
        programme=programme,
        calls=progress,
        matches=dict(matches.annotate(n=Count("pk"))),
        last_run=programme.match_runs.first(),
    )
