"""Reads for the exchange format: what a file refers to, and a programme round laid out
for export. Each read is one query whatever the size of the round; relations come from
joins on the programme, never from a query per record or a list of ten thousand ids."""

from collections import defaultdict

from django.db.models import QuerySet

from challenges.models import Challenge
from exchange import refs
from exchange.schema import Known, Wanted
from incubator.models import Call, Organisation, Programme, Theme
from solutions.models import Solution, SolutionInterest
from submissions.models import SubmissionState

CHUNK = 1000  # values asked for in one query's ``IN (…)`` list
SUBMISSION_FIELDS = (
    "pk",
    "exchange_ref",
    "organisation",
    "call",
    "title",
    "summary",
    "status",
    "submitted_at",
)
_TEAM = tuple(
    f"organisation__{name}"
    for name in ("name", "country", "level", "languages", "time_zone", "exchange_ref")
)


def known_references(wanted: Wanted) -> Known:
    """What the portal holds of the themes, teams and challenges a file names without
    carrying them."""
    challenges = Challenge.objects.filter(call__programme__slug=wanted.programme or "")
    solutions = Solution.objects.filter(call__programme__slug=wanted.programme or "")
    return Known(
        themes=_present(Theme.objects.all(), "slug", wanted.themes),
        organisations=_present(Organisation.objects.all(), "exchange_ref", wanted.organisations),
        challenges=_present(challenges, "exchange_ref", wanted.challenges),
        incubated_challenges=_named(challenges, wanted.incubated_challenges, refs.challenge_ref),
        incubated_solutions=_named(solutions, wanted.incubated_solutions, refs.solution_ref),
    )


def _named(queryset: QuerySet, values: frozenset[str], generated_ref) -> frozenset[str]:
    """Which of ``values`` name a record of the queryset: its own ref, or the one the
    export generates for a record that has none (as exchange.incubations finds them)."""
    found = set(_present(queryset, "exchange_ref", values))
    generated = {ref: refs.generated(ref) for ref in values - found}
    generated = {
        ref: name[1]
        for ref, name in generated.items()
        if name and name[0] == generated_ref(name[1])
    }
    for chunk in _chunks(sorted(set(generated.values()))):
        pks = set(queryset.filter(pk__in=chunk, exchange_ref="").values_list("pk", flat=True))
        found.update(ref for ref, pk in generated.items() if pk in pks)
    return frozenset(found)


def _present(queryset: QuerySet, field: str, values: frozenset[str]) -> frozenset[str]:
    """Which of ``values`` the queryset holds in ``field``, asked a thousand at a time."""
    found = set()
    for chunk in _chunks(sorted(values)):
        found.update(queryset.filter(**{f"{field}__in": chunk}).values_list(field, flat=True))
    return frozenset(found)


def _chunks(values: list):
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


# What the import finds in the portal before it writes ---------------------------------


def latest_call(programme: Programme, kind: str) -> Call | None:
    """The programme's call of that kind that closes last, where imported records go."""
    return Call.objects.filter(programme=programme, kind=kind).order_by("-closes_at", "-pk").first()


def themes_by_slug(slugs: set[str]) -> dict[str, Theme]:
    return {theme.slug: theme for theme in Theme.objects.filter(slug__in=slugs)}


def teams_by_ref(refs: list[str]) -> dict[str, Organisation]:
    """The teams that hold these refs, by ref."""
    teams = {}
    for chunk in _chunks(refs):
        teams.update(
            (team.exchange_ref, team)
            for team in Organisation.objects.filter(exchange_ref__in=chunk)
        )
    return teams


def teams_without_ref(pks: list[int]) -> dict[int, Organisation]:
    """The teams of these pks that were made on the portal and still have no ref, by pk."""
    teams = {}
    for chunk in _chunks(pks):
        teams.update(Organisation.objects.filter(pk__in=chunk, exchange_ref="").in_bulk())
    return teams


# The programme's records, for the import to compare with the file ----------------------


def challenges_of(programme: Programme) -> QuerySet[Challenge]:
    return Challenge.objects.filter(call__programme=programme).only(
        *SUBMISSION_FIELDS, "problem_statement", "providers_wanted", "updated_at"
    )


def solutions_of(programme: Programme) -> QuerySet[Solution]:
    return Solution.objects.filter(call__programme=programme).only(
        *SUBMISSION_FIELDS, "what_they_did", "capacity", "updated_at"
    )


def theme_ids_of(model, programme: Programme) -> dict[int, set[int]]:
    """Theme ids of each challenge or proposal of the programme, by its pk."""
    through = model.themes.through
    owner = f"{model._meta.model_name}_id"
    themes = defaultdict(set)
    for owner_id, theme_id in through.objects.filter(
        **{f"{model._meta.model_name}__call__programme": programme}
    ).values_list(owner, "theme_id"):
        themes[owner_id].add(theme_id)
    return themes


def interests_of(programme: Programme, *, exclude_drafts: bool = False) -> dict[int, list[int]]:
    """Challenge ids each proposal of the programme asked for, first choice first."""
    rows = SolutionInterest.objects.filter(solution__call__programme=programme)
    if exclude_drafts:
        rows = rows.exclude(solution__status=SubmissionState.DRAFT)
    interests = defaultdict(list)
    for solution_id, challenge_id in rows.order_by("solution_id", "rank").values_list(
        "solution_id", "challenge_id"
    ):
        interests[solution_id].append(challenge_id)
    return interests


def stored_refs(model, programme: Programme) -> set[str]:
    return set(
        model.objects.filter(call__programme=programme)
        .exclude(exchange_ref="")
        .values_list("exchange_ref", flat=True)
    )


def organisation_refs_taken(refs: set[str]) -> set[str]:
    return set(
        Organisation.objects.filter(exchange_ref__in=refs).values_list("exchange_ref", flat=True)
    )


# The round, for export ------------------------------------------------------------------


def programme_by_slug(slug: str) -> Programme:
    """The programme; Programme.DoesNotExist if there is none by that slug."""
    return Programme.objects.get(slug=slug)


def programme_slugs() -> list[str]:
    return list(Programme.objects.order_by("slug").values_list("slug", flat=True))


def programmes_newest_first() -> QuerySet[Programme]:
    """Every programme, for the secretariat to download its round."""
    return Programme.objects.order_by("-created_at", "-pk")


def exported_challenges(programme: Programme) -> QuerySet[Challenge]:
    """Every challenge of the programme but drafts, with its team."""
    return (
        Challenge.objects.filter(call__programme=programme)
        .exclude(status=SubmissionState.DRAFT)
        .select_related("organisation")
        .only(*SUBMISSION_FIELDS, "problem_statement", "providers_wanted", *_TEAM)
        .order_by("pk")
    )


def exported_solutions(programme: Programme) -> QuerySet[Solution]:
    """Every solution proposal of the programme but drafts, with its team."""
    return (
        Solution.objects.filter(call__programme=programme)
        .exclude(status=SubmissionState.DRAFT)
        .select_related("organisation")
        .only(*SUBMISSION_FIELDS, "what_they_did", "capacity", *_TEAM)
        .order_by("pk")
    )


def exported_themes(model, programme: Programme) -> dict[int, list[tuple[str, str]]]:
    """(slug, name) of the themes of each exported challenge or proposal, by its pk."""
    through = model.themes.through
    name = model._meta.model_name
    themes = defaultdict(list)
    rows = (
        through.objects.filter(**{f"{name}__call__programme": programme})
        .exclude(**{f"{name}__status": SubmissionState.DRAFT})
        .values_list(f"{name}_id", "theme__slug", "theme__name")
    )
    for owner_id, slug, theme_name in rows:
        themes[owner_id].append((slug, theme_name))
    return themes


def theme_names_in_french(*, slugs: set[str]) -> dict[str, str]:
    """The French name of each of these themes that has one, by slug."""
    return dict(
        Theme.objects.filter(slug__in=slugs).exclude(name_fr="").values_list("slug", "name_fr")
    )
