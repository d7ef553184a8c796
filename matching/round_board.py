"""Careful reads for the matching board at the scale of a round: one row per challenge
with its proposed providers, its state, best score and flags, filtered and searched, a
page at a time, in a fixed number of queries however many challenges the round has
(their states are worked out in the database: `round_states`)."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, TextChoices
from django.utils.translation import gettext_lazy as _

from challenges.models import Challenge
from incubator.models import Programme
from matching.models import Candidate, Match, MatchRun
from matching.round_states import BoardState, in_state, kept_tallies, state_tallies, states_of
from matching.selectors import board_challenges, round_challenges
from solutions.models import Solution

ROWS_PER_PAGE = 50


class Flag(TextChoices):
    """What needs a look before confirming."""

    OVER_CAPACITY = "over_capacity", _("provider over capacity elsewhere")
    ONE_CANDIDATE = "one_candidate", _("only one candidate")
    NO_CANDIDATE = "no_candidate", _("no candidate")
    SHORT = "short", _("fewer providers than wanted")


@dataclass
class BoardRow:
    challenge: Challenge
    matches: list[Match]  # proposed and confirmed, best first
    candidates: int  # scored by the latest run
    state: BoardState = BoardState.UNPAIRED
    flags: list[Flag] = field(default_factory=list)

    @property
    def score(self) -> float | None:
        return max((match.score for match in self.matches), default=None)


def _flags(row: BoardRow, loads: Counter, has_run: bool) -> list[Flag]:
    flags = []
    if any(loads[match.solution_id] > match.solution.capacity for match in row.matches):
        flags.append(Flag.OVER_CAPACITY)
    if has_run and row.candidates == 0:
        flags.append(Flag.NO_CANDIDATE)
    elif has_run and row.candidates == 1:
        flags.append(Flag.ONE_CANDIDATE)
    if len(row.matches) < row.challenge.providers_wanted:
        flags.append(Flag.SHORT)
    return flags


@dataclass
class Board:
    """The board as filtered: a page of its rows and how many challenges are in each
    state, counted from one grouped query, not from the rows; unfiltered, the kept
    counts of the whole round and when they were counted."""

    page: Page
    state_counts: list[tuple[BoardState, int]]
    counted_at: datetime | None = None


def _loads(programme: Programme, solution_ids: set[int]) -> Counter:
    """How many pairs of the round, proposed or confirmed, each of these providers is in."""
    return Counter(
        dict(
            Match.objects.filter(programme=programme, solution__in=solution_ids)
            .exclude(state=Match.State.REJECTED)
            .values_list("solution_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
    )


def _rows(programme: Programme, run: MatchRun | None, pks: list[int]) -> list[BoardRow]:
    """The rows of these challenges, in six queries: their states, the challenges with
    their themes and pairs, the candidates per challenge and the loads of their
    providers."""
    states = states_of(programme, pks)
    challenges = board_challenges(programme).filter(pk__in=pks).defer("search_vector")
    counts = {}
    if run is not None:
        counts = dict(
            Candidate.objects.filter(run=run, challenge__in=pks)
            .values_list("challenge_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
    challenges = list(challenges)
    loads = _loads(programme, {m.solution_id for c in challenges for m in c.matches.all()})
    rows = []
    for challenge in challenges:
        matches = list(challenge.matches.all())
        row = BoardRow(challenge=challenge, matches=matches, candidates=counts.get(challenge.pk, 0))
        row.state = BoardState(states[challenge.pk])
        row.flags = _flags(row, loads, run is not None)
        rows.append(row)
    return rows


def board_page(
    *,
    programme: Programme,
    run: MatchRun | None,
    query: str = "",
    state: str = "",
    theme: str = "",
    page_number=None,
) -> Board:
    challenges = round_challenges(programme)
    if query:
        challenges = challenges.filter(
            Q(title__icontains=query) | Q(organisation__name__icontains=query)
        )
    if theme:
        challenges = challenges.filter(themes__slug=theme).distinct()
    counted_at = None
    if query or theme or state:
        tally = state_tallies(programme, challenges)
    else:
        tally, counted_at = kept_tallies(programme, challenges)
    if state:
        listed = in_state(programme, challenges, state)
    else:
        listed = challenges.order_by("pk").values_list("pk", flat=True)
    paginator = Paginator(listed, ROWS_PER_PAGE)
    if counted_at is None:
        paginator.count = tally[state] if state else tally.total()  # counted already
    page = paginator.get_page(page_number)
    page.object_list = _rows(programme, run, list(page.object_list))
    state_counts = [(s, tally[s]) for s in BoardState if tally[s]]
    return Board(page=page, state_counts=state_counts, counted_at=counted_at)


def explanation_names(*, matches: list[Match]) -> tuple[dict[int, str], dict[int, str]]:
    """The titles of the challenges and names of the providers that explanations of
    these pairs mention (who went elsewhere and where, who was not proposed), in two
    queries."""
    challenge_ids, solution_ids = set(), set()
    for match in matches:
        solution_ids.update(entry["solution"] for entry in match.alternates)
        for entry in match.passed_over:
            solution_ids.add(entry["solution"])
            challenge_ids.update(entry["went_to"])
    titles = dict(Challenge.objects.filter(pk__in=challenge_ids).values_list("pk", "title"))
    names = dict(
        Solution.objects.filter(pk__in=solution_ids).values_list("pk", "organisation__name")
    )
    return titles, names


def provider_load(*, match: Match) -> int:
    """How many pairs of the round, proposed or confirmed, the match's provider is in."""
    return (
        Match.objects.filter(programme_id=match.programme_id, solution_id=match.solution_id)
        .exclude(state=Match.State.REJECTED)
        .count()
    )
