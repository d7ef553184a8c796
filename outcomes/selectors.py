"""Careful reads of outcomes: which matches and stories the public may see, the
countries taking part, a team's own page and who may write on it, the follow-up surveys
due, the secretariat's queue, dashboard and survey answers."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django_countries import countries

from incubator.access import team_ids_of, teams_of
from incubator.models import Organisation, Programme, Theme, User
from incubator.regions import REGION_NAMES, region_of
from matching.models import Match
from outcomes.access import visible_surveys
from outcomes.charts import Bar
from outcomes.milestones import MILESTONES, SHORTEST_FIRST_MILESTONE, latest_milestone_passed
from outcomes.models import Milestone, ShowcaseConsent, Story, StoryState, Survey


def team_consents(team: str, *, programme: str = "programme") -> Exists:
    """Whether the team at the path ``team`` consents to be shown in the programme at the
    path ``programme``: the one test of consent for the showcase and the library."""
    return Exists(
        ShowcaseConsent.objects.filter(
            programme=OuterRef(programme), organisation=OuterRef(team), given=True
        )
    )


def shown_matches() -> QuerySet[Match]:
    """Confirmed matches, of every programme, whose every team consents to be shown."""
    return Match.objects.filter(state=Match.State.CONFIRMED).filter(
        team_consents("challenge__organisation"), team_consents("solution__organisation")
    )


def showcase_matches(programme: Programme) -> QuerySet[Match]:
    """Confirmed matches of the programme whose every team consents to be shown."""
    return shown_matches().filter(programme=programme)


def showcase_cases(programme: Programme) -> QuerySet[Match]:
    # The engine's explanations and the search index are never shown here.
    return (
        showcase_matches(programme)
        .select_related("challenge__organisation", "solution__organisation")
        .defer("components", "reasons", "alternates", "passed_over", "challenge__search_vector")
        .prefetch_related(Prefetch("challenge__themes", Theme.objects.order_by("name")))
        .order_by("-decided_at", "-pk")
    )


def showcase_case(*, programme: Programme, pk: int) -> Match:
    """One case, or 404 when it is not on the showcase, so ids reveal nothing."""
    return get_object_or_404(
        showcase_cases(programme).select_related("challenge__call", "solution"), pk=pk
    )


def case_partners(case: Match) -> QuerySet[Match]:
    """The other shown providers working on the same challenge."""
    return (
        showcase_matches(case.programme)
        .filter(challenge_id=case.challenge_id)
        .exclude(pk=case.pk)
        .select_related("solution__organisation")
        .order_by("pk")
    )


def showcase_stories(programme: Programme) -> QuerySet[Story]:
    """Approved stories of shown matches: a story leaves with its match's consent."""
    return (
        Story.objects.filter(state=StoryState.APPROVED, match__in=showcase_matches(programme))
        .select_related("organisation", "match__challenge")
        .order_by("-decided_at", "-pk")
    )


def showcase_counts(programme: Programme) -> dict:
    """How many cases the showcase has and its teams by country: numbers over every
    shown match, kept with the dashboard's (`outcomes.dashboard.counts`)."""
    shown = showcase_matches(programme)
    rows = (
        Organisation.objects.filter(
            Q(pk__in=shown.values("challenge__organisation"))
            | Q(pk__in=shown.values("solution__organisation"))
        )
        .values_list("country")
        .annotate(teams=Count("pk"))
        .order_by()
    )
    return {"cases": shown.count(), "teams": {str(country): n for country, n in rows}}


def participating_countries(teams: dict[str, int], *, by: str = "country") -> list[Bar]:
    """The showcase's teams (counted by country) by country or by continent, most
    first."""
    counts: dict[str, int] = {}
    for country, n in teams.items():
        key = country if by == "country" else region_of(country) or ""
        counts[key] = counts.get(key, 0) + n
    names = dict(countries) if by == "country" else dict(REGION_NAMES)
    bars = [Bar(key, str(names.get(key, key)), value) for key, value in counts.items()]
    return sorted(bars, key=lambda bar: (-bar.value, bar.label))


# A team's own page ------------------------------------------------------------------------


@dataclass
class TeamMatch:
    match: Match
    partner: Organisation
    role: str  # the viewer's team's side: "owner" or "provider"
    story: Story | None
    surveys: list[Survey]
    partner_consents: bool


@dataclass
class TeamRound:
    organisation: Organisation
    programme: Programme
    consent: bool
    matches: list[TeamMatch] = field(default_factory=list)


def team_rounds(*, user: User) -> list[TeamRound]:
    """Each of the person's teams in each programme where it has a confirmed match, with
    its consent and, per match, its story, its surveys and the partner's consent."""
    mine = team_ids_of(user)
    matches = (
        Match.objects.filter(state=Match.State.CONFIRMED)
        .filter(Q(challenge__organisation__in=mine) | Q(solution__organisation__in=mine))
        .annotate(
            owner_consents=team_consents("challenge__organisation"),
            provider_consents=team_consents("solution__organisation"),
        )
        .select_related("programme", "challenge__organisation", "solution__organisation")
        .prefetch_related(
            Prefetch("stories", Story.objects.filter(organisation__in=mine)),
            Prefetch("surveys", Survey.objects.filter(organisation__in=mine).order_by("due_at")),
        )
        .order_by("-decided_at", "-pk")
    )
    consents = {
        (programme_id, organisation_id): given
        for programme_id, organisation_id, given in ShowcaseConsent.objects.filter(
            organisation__in=mine
        ).values_list("programme_id", "organisation_id", "given")
    }
    rounds: dict[tuple[int, int], TeamRound] = {}
    for match in matches:
        owner, provider = match.challenge.organisation, match.solution.organisation
        sides = (
            (owner, provider, "owner", match.provider_consents),
            (provider, owner, "provider", match.owner_consents),
        )
        for team, partner, role, partner_consents in sides:
            if team.pk not in mine:
                continue
            key = (team.pk, match.programme_id)
            if key not in rounds:
                rounds[key] = TeamRound(
                    organisation=team,
                    programme=match.programme,
                    consent=consents.get((match.programme_id, team.pk), False),
                )
            rounds[key].matches.append(
                TeamMatch(
                    match=match,
                    partner=partner,
                    role=role,
                    story=next(
                        (s for s in match.stories.all() if s.organisation_id == team.pk), None
                    ),
                    surveys=[s for s in match.surveys.all() if s.organisation_id == team.pk],
                    partner_consents=partner_consents,
                )
            )
    return sorted(rounds.values(), key=lambda r: (r.organisation.name, -r.programme.pk))


def match_for_team(
    *, user: User, match_pk: int, organisation_pk: int
) -> tuple[Match, Organisation]:
    """A confirmed match and one of its teams the person belongs to; 404 otherwise."""
    match = get_object_or_404(
        Match.objects.filter(state=Match.State.CONFIRMED).select_related(
            "programme", "challenge__organisation", "solution__organisation"
        ),
        pk=match_pk,
    )
    sides = {match.challenge.organisation_id, match.solution.organisation_id}
    if organisation_pk not in sides:
        raise Http404
    organisation = get_object_or_404(teams_of(user), pk=organisation_pk)
    return match, organisation


def has_confirmed_match(*, programme: Programme, organisation: Organisation) -> bool:
    return (
        Match.objects.filter(programme=programme, state=Match.State.CONFIRMED)
        .filter(Q(challenge__organisation=organisation) | Q(solution__organisation=organisation))
        .exists()
    )


def story_of(*, match: Match, organisation: Organisation) -> Story | None:
    """The team's story of the match, in whatever state."""
    return Story.objects.filter(match=match, organisation=organisation).first()


def survey_for_member(*, user: User, pk: int) -> Survey:
    return get_object_or_404(
        visible_surveys(user).select_related(
            "organisation",
            "match__programme",
            "match__challenge__organisation",
            "match__solution__organisation",
            "answered_by",
        ),
        pk=pk,
    )


def surveys_due(*, now) -> list[tuple[Match, Organisation, Organisation, int]]:
    """(match, team, partner, milestone) of each follow-up survey whose milestone has come
    and that is not created yet. When several milestones have passed unnoticed (the
    periodic task was down), only the latest is asked: earlier questions would come too
    late."""
    matches = (
        Match.objects.filter(
            state=Match.State.CONFIRMED, decided_at__lte=now - SHORTEST_FIRST_MILESTONE
        )
        # Both teams asked at the last milestone: nothing is left to ask.
        .annotate(last_asked=Count("surveys", filter=Q(surveys__milestone=MILESTONES[-1])))
        .filter(last_asked__lt=2)
        .select_related("programme", "challenge__organisation", "solution__organisation")
        .order_by("decided_at", "pk")
    )
    due = [
        (match, milestone)
        for match in matches
        if (milestone := latest_milestone_passed(match.decided_at, now=now)) is not None
    ]
    existing = set(
        Survey.objects.filter(match__in=[match for match, _m in due]).values_list(
            "match_id", "organisation_id", "milestone"
        )
    )
    owed = []
    for match, milestone in due:
        owner, provider = match.challenge.organisation, match.solution.organisation
        for team, partner in ((owner, provider), (provider, owner)):
            if (match.pk, team.pk, milestone) not in existing:
                owed.append((match, team, partner, milestone))
    return owed


# The secretariat -------------------------------------------------------------------------


def _stories_on_desk() -> QuerySet[Story]:
    """Stories with what the desk shows of them: the team, who wrote and who decided, and
    the match with its teams."""
    return Story.objects.select_related(
        "organisation",
        "created_by",
        "decided_by",
        "match__programme",
        "match__challenge__organisation",
        "match__solution__organisation",
    )


def stories_for_desk(*, state: str = StoryState.SUBMITTED) -> QuerySet[Story]:
    """The story queue: oldest submission first, so nobody waits longest."""
    return _stories_on_desk().filter(state=state).order_by("submitted_at", "pk")


def story_for_desk(*, pk: int) -> Story:
    return get_object_or_404(_stories_on_desk().exclude(state=StoryState.DRAFT), pk=pk)


def survey_answers(programme: Programme) -> QuerySet[Survey]:
    """Every answered follow-up of the programme, with the match and team it is about:
    the rows the secretariat's dashboard reads."""
    return (
        Survey.objects.filter(match__programme=programme, answered_at__isnull=False)
        .select_related(
            "organisation",
            "answered_by",
            "match__challenge__organisation",
            "match__solution__organisation",
        )
        .order_by("milestone", "-answered_at", "pk")
    )


@dataclass(frozen=True)
class MilestoneFigures:
    milestone: int
    label: str
    sent: int
    answered: int
    stages: dict[str, int]  # lifecycle stage reached: how many teams said so


def survey_figures(programme: Programme) -> list[MilestoneFigures]:
    """Per milestone: surveys sent, answered, and the stages the teams say they reached."""
    surveys = Survey.objects.filter(match__programme=programme)
    totals = {
        row["milestone"]: row
        for row in surveys.values("milestone")
        .annotate(sent=Count("pk"), answered=Count("pk", filter=Q(answered_at__isnull=False)))
        .order_by()
    }
    stages: dict[int, dict[str, int]] = {}
    for row in (
        surveys.filter(answered_at__isnull=False)
        .exclude(stage_reached="")
        .values("milestone", "stage_reached")
        .annotate(teams=Count("pk"))
        .order_by()
    ):
        stages.setdefault(row["milestone"], {})[row["stage_reached"]] = row["teams"]
    return [
        MilestoneFigures(
            milestone=milestone.value,
            label=str(milestone.label),
            sent=totals.get(milestone.value, {}).get("sent", 0),
            answered=totals.get(milestone.value, {}).get("answered", 0),
            stages=stages.get(milestone.value, {}),
        )
        for milestone in Milestone
    ]


def programmes_for_dashboard() -> QuerySet[Programme]:
    return Programme.objects.annotate(call_count=Count("calls")).order_by("-created_at", "-pk")


def programmes_with_surveys() -> QuerySet[Programme]:
    return Programme.objects.annotate(
        surveys_sent=Count("matches__surveys"),
        surveys_answered=Count(
            "matches__surveys", filter=Q(matches__surveys__answered_at__isnull=False)
        ),
    ).order_by("-created_at", "-pk")
