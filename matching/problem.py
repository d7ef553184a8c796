"""The round as the engine sees it: plain records read from the database with only the
columns matching needs (a round of 20,000 submissions loads in about a second), with
refs that map back to primary keys. The portal uses primary keys as refs; the exchange
commands pass the file's refs."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from challenges.models import Challenge
from incubator.languages import language_names
from incubator.models import Programme
from matching.embeddings import matching_text
from matching.engine.model import Challenge as EngineChallenge
from matching.engine.model import Problem
from matching.engine.model import Provider as EngineProvider
from matching.models import Exclusion, Match
from matching.selectors import TAKING_PART, theme_names
from reviews.selectors import review_scores_of
from solutions.models import Solution, SolutionInterest

# (pk, exchange_ref) -> the ref the engine and its output use
RefOf = Callable[[int, str], str]
CHUNK = 10_000


def _pk(pk: int, exchange_ref: str) -> str:
    return str(pk)


def _taking_part(model, programme: Programme, prefix: str = "") -> dict:
    return {f"{prefix}call__programme": programme, f"{prefix}status__in": TAKING_PART}


def _themes(model, programme: Programme) -> dict[int, list[str]]:
    # Filtered by a join rather than a list of 10,000 ids, which costs more to send.
    owner = model._meta.model_name
    rows = model.themes.through.objects.filter(
        **_taking_part(model, programme, f"{owner}__")
    ).values_list(f"{owner}_id", "theme__slug")
    themes = defaultdict(list)
    for pk, slug in rows.iterator(chunk_size=CHUNK):
        themes[pk].append(slug)
    return themes


def _rows(model, programme: Programme, *columns: str):
    return (
        model.objects.filter(**_taking_part(model, programme))
        .order_by("pk")
        .values_list(
            "pk",
            "exchange_ref",
            "title",
            "summary",
            "languages",
            "organisation__country",
            "organisation__languages",
            "organisation__time_zone",
            *columns,
            named=True,
        )
    )


def build_problem(
    programme: Programme, *, challenge_ref: RefOf = _pk, solution_ref: RefOf = _pk
) -> tuple[Problem, dict[str, int], dict[str, int]]:
    """The engine's problem for a programme, and the primary keys behind its refs.
    Confirmed and locked pairs are locks; excluded, conflicted and rejected pairs are
    ruled out. A submission without its own languages or zone takes its team's."""
    challenge_rows = list(_rows(Challenge, programme, "problem_statement", "providers_wanted"))
    solution_rows = list(_rows(Solution, programme, "what_they_did", "capacity", "time_zone"))
    challenge_pks = {challenge_ref(row.pk, row.exchange_ref): row.pk for row in challenge_rows}
    solution_pks = {solution_ref(row.pk, row.exchange_ref): row.pk for row in solution_rows}
    refs = _Refs(
        challenges={pk: ref for ref, pk in challenge_pks.items()},
        solutions={pk: ref for ref, pk in solution_pks.items()},
    )
    problem = Problem(
        challenges=_challenges(challenge_rows, refs, _themes(Challenge, programme)),
        providers=_providers(solution_rows, refs, programme),
        **_rules(programme, refs),
        theme_names=theme_names(),
        language_names=language_names(),
    )
    return problem, challenge_pks, solution_pks


@dataclass(frozen=True)
class _Refs:
    """The engine's ref of each challenge and proposal taking part, by primary key."""

    challenges: dict[int, str]
    solutions: dict[int, str]

    def pairs(self, rows) -> list[tuple[str, str]]:
        """(challenge ref, provider ref) of the pairs of ids whose both sides take part."""
        return [
            (self.challenges[c], self.solutions[s])
            for c, s in rows
            if c in self.challenges and s in self.solutions
        ]


def _challenges(rows, refs: _Refs, themes: dict[int, list[str]]) -> list[EngineChallenge]:
    return [
        EngineChallenge(
            ref=refs.challenges[row.pk],
            country=row.organisation__country,
            themes=themes[row.pk],
            languages=list(row.languages or row.organisation__languages),
            timezone=row.organisation__time_zone,
            text=matching_text(row.title, row.summary, row.problem_statement),
            providers_wanted=row.providers_wanted,
        )
        for row in rows
    ]


def _providers(rows, refs: _Refs, programme: Programme) -> list[EngineProvider]:
    themes = _themes(Solution, programme)
    interests = _interests(programme, refs)
    reviewed = review_scores_of(model=Solution, pks=list(refs.solutions))
    return [
        EngineProvider(
            ref=refs.solutions[row.pk],
            country=row.organisation__country,
            themes=themes[row.pk],
            languages=list(row.languages or row.organisation__languages),
            timezone=row.time_zone or row.organisation__time_zone,
            text=matching_text(row.title, row.summary, row.what_they_did),
            capacity=row.capacity,
            interested_in=interests[row.pk],
            review_score=reviewed.get(row.pk),
        )
        for row in rows
    ]


def _interests(programme: Programme, refs: _Refs) -> dict[int, list[str]]:
    """The refs of the challenges each proposal asked for, first choice first."""
    interests = defaultdict(list)
    for solution_id, challenge_id in (
        SolutionInterest.objects.filter(**_taking_part(Solution, programme, "solution__"))
        .order_by("solution_id", "rank")
        .values_list("solution_id", "challenge_id")
        .iterator(chunk_size=CHUNK)
    ):
        if challenge_id in refs.challenges:
            interests[solution_id].append(refs.challenges[challenge_id])
    return interests


def _rules(programme: Programme, refs: _Refs) -> dict[str, list[tuple[str, str]]]:
    """Conflicts, exclusions (rejected pairs among them) and locks (confirmed pairs
    among them), as pairs of refs."""
    decided = Match.objects.filter(programme=programme)
    rules = Exclusion.objects.filter(programme=programme)
    pair_ids = ("challenge_id", "solution_id")
    return {
        "conflicts": refs.pairs(rules.filter(kind=Exclusion.Kind.CONFLICT).values_list(*pair_ids)),
        "exclusions": refs.pairs(rules.exclude(kind=Exclusion.Kind.CONFLICT).values_list(*pair_ids))
        + refs.pairs(decided.filter(state=Match.State.REJECTED).values_list(*pair_ids)),
        "locks": refs.pairs(
            decided.exclude(state=Match.State.REJECTED).filter(locked=True).values_list(*pair_ids)
        )
        + refs.pairs(
            decided.filter(state=Match.State.CONFIRMED, locked=False).values_list(*pair_ids)
        ),
    }
