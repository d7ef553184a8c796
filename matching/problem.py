"""The round as the engine sees it: plain records read from the database with only the
columns matching needs (a round of 20,000 submissions loads in about a second), with
refs that map back to primary keys. The portal uses primary keys as refs; the exchange
commands pass the file's refs."""

from collections import defaultdict
from collections.abc import Callable

from challenges.models import Challenge
from incubator.languages import language_names
from incubator.models import Programme, Theme
from matching.engine.model import Challenge as EngineChallenge
from matching.engine.model import Problem
from matching.engine.model import Provider as EngineProvider
from matching.models import Exclusion, Match
from matching.selectors import TAKING_PART
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
    ref_of_challenge = {pk: ref for ref, pk in challenge_pks.items()}
    ref_of_solution = {pk: ref for ref, pk in solution_pks.items()}
    challenge_themes = _themes(Challenge, programme)
    solution_themes = _themes(Solution, programme)
    interests = defaultdict(list)
    for solution_id, challenge_id in (
        SolutionInterest.objects.filter(**_taking_part(Solution, programme, "solution__"))
        .order_by("solution_id", "rank")
        .values_list("solution_id", "challenge_id")
        .iterator(chunk_size=CHUNK)
    ):
        if challenge_id in ref_of_challenge:
            interests[solution_id].append(ref_of_challenge[challenge_id])
    reviewed = review_scores_of(model=Solution, pks=list(ref_of_solution))

    def pairs(rows) -> list[tuple[str, str]]:
        return [
            (ref_of_challenge[c], ref_of_solution[s])
            for c, s in rows
            if c in ref_of_challenge and s in ref_of_solution
        ]

    decided = Match.objects.filter(programme=programme)
    rules = Exclusion.objects.filter(programme=programme)
    problem = Problem(
        challenges=[
            EngineChallenge(
                ref=ref_of_challenge[row.pk],
                country=row.organisation__country,
                themes=challenge_themes[row.pk],
                languages=list(row.languages or row.organisation__languages),
                timezone=row.organisation__time_zone,
                text=" ".join([row.title, row.summary, row.problem_statement]),
                providers_wanted=row.providers_wanted,
            )
            for row in challenge_rows
        ],
        providers=[
            EngineProvider(
                ref=ref_of_solution[row.pk],
                country=row.organisation__country,
                themes=solution_themes[row.pk],
                languages=list(row.languages or row.organisation__languages),
                timezone=row.time_zone or row.organisation__time_zone,
                text=" ".join([row.title, row.summary, row.what_they_did]),
                capacity=row.capacity,
                interested_in=interests[row.pk],
                review_score=reviewed.get(row.pk),
            )
            for row in solution_rows
        ],
        conflicts=pairs(
            rules.filter(kind=Exclusion.Kind.CONFLICT).values_list("challenge_id", "solution_id")
        ),
        exclusions=pairs(
            rules.exclude(kind=Exclusion.Kind.CONFLICT).values_list("challenge_id", "solution_id")
        )
        + pairs(
            decided.filter(state=Match.State.REJECTED).values_list("challenge_id", "solution_id")
        ),
        locks=pairs(
            decided.exclude(state=Match.State.REJECTED)
            .filter(locked=True)
            .values_list("challenge_id", "solution_id")
        )
        + pairs(
            decided.filter(state=Match.State.CONFIRMED, locked=False).values_list(
                "challenge_id", "solution_id"
            )
        ),
        theme_names=dict(Theme.objects.values_list("slug", "name")),
        language_names=language_names(),
    )
    return problem, challenge_pks, solution_pks
