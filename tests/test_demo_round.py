"""The demo's previous round and learning cohort: a finished 2026 round with reviews,
matches across borders, a public showcase and follow-up; cohort sessions for the demo
member; and nothing twice, and no email, however often the demo is seeded."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from challenges.models import Challenge
from cohorts.models import Cohort, Enrolment, Feedback, Opportunity, Registration, Resource, Session
from exchange.refs import challenge_ref, solution_ref
from incubator.demo.seed import DEMO_ACCOUNTS, DEMO_MEMBER
from incubator.models import Call, Membership, Notification, Programme, User
from incubator.models.programmes import CallKind
from matching.models import Candidate, Match, MatchRun
from outcomes.models import ShowcaseConsent, Story, StoryState, Survey
from reviews.models import Assignment, Criterion, Decision, ReviewItem, ReviewPhase, Score
from reviews.selectors import dashboard_rows
from solutions.demo.seed import PAST_PROGRAMME
from solutions.models import Solution, SolutionInterest
from tests.factories import with_second_factor

pytestmark = pytest.mark.django_db

SEEDED = (
    Programme,
    Call,
    Challenge,
    Solution,
    SolutionInterest,
    User,
    Membership,
    ReviewPhase,
    Criterion,
    ReviewItem,
    Assignment,
    Score,
    Decision,
    MatchRun,
    Candidate,
    Match,
    Cohort,
    Enrolment,
    Session,
    Registration,
    Feedback,
    Resource,
    Opportunity,
    ShowcaseConsent,
    Story,
    Survey,
)


def seed_demo() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in SEEDED}


def past_matches(state: str):
    return Match.objects.filter(programme__slug=PAST_PROGRAMME, state=state).select_related(
        "challenge__organisation", "solution__organisation"
    )


def test_seeding_twice_changes_nothing_says_the_same_and_sends_no_email():
    first = seed_demo()
    before = counts()

    second = seed_demo()

    assert counts() == before
    assert second == first
    assert all(before[model.__name__] for model in SEEDED), before
    assert "Innovation Incubator 2026 (closed): 10 challenges, 8 selected" in first
    assert "Learning cohort 2027: 10 teams, 5 sessions (2 held, 3 coming)" in first
    assert not Notification.objects.exists()


def test_the_public_showcase_shows_the_confirmed_matches_and_their_published_stories(client):
    seed_demo()
    confirmed = list(past_matches(Match.State.CONFIRMED))
    proposed = past_matches(Match.State.PROPOSED).count()
    waiting = Story.objects.get(state=StoryState.SUBMITTED)

    page = client.get(reverse("outcomes:showcase", args=[PAST_PROGRAMME])).content.decode()

    assert len(confirmed) >= proposed > 0  # about half confirmed
    assert f"{len(confirmed)} matches" in page
    for match in confirmed:
        assert escape(match.challenge.title) in page
        assert escape(match.challenge.organisation.name) in page
        assert escape(match.solution.organisation.name) in page
    published = Story.objects.filter(state=StoryState.APPROVED)
    assert published.count() == 2
    assert all(escape(story.title) in page for story in published)
    assert escape(waiting.title) not in page


def test_matching_the_past_round_never_pairs_teams_of_one_country(capsys):
    seed_demo()
    capsys.readouterr()

    call_command("match", PAST_PROGRAMME, "--json")

    printed = capsys.readouterr()
    document = json.loads(printed.out)
    assert "eligible pairs: " in printed.err and "largest reduced cost left -" in printed.err
    country_of = {
        challenge_ref(c.pk): c.organisation.country.code
        for c in Challenge.objects.filter(call__programme__slug=PAST_PROGRAMME)
    } | {
        solution_ref(s.pk): s.organisation.country.code
        for s in Solution.objects.filter(call__programme__slug=PAST_PROGRAMME)
    }
    pairs = {(m["challenge"], m["solution"]) for m in document["matches"]}
    confirmed = {
        (challenge_ref(m.challenge_id), solution_ref(m.solution_id))
        for m in past_matches(Match.State.CONFIRMED)
    }
    assert len(pairs) >= 8
    assert all(country_of[challenge] != country_of[solution] for challenge, solution in pairs)
    assert confirmed <= pairs
    interests = SolutionInterest.objects.select_related(
        "solution__organisation", "challenge__organisation"
    )
    assert all(
        i.solution.organisation.country != i.challenge.organisation.country for i in interests
    )


def test_the_demo_member_sees_their_proposal_its_match_and_the_cohort_sessions(client_of):
    seed_demo()
    member = User.objects.get(email=DEMO_MEMBER.email)
    proposal = Solution.objects.get(created_by=member)
    (match,) = past_matches(Match.State.CONFIRMED).filter(solution=proposal)
    now = timezone.now()
    client = client_of(member)

    proposals = client.get(reverse("solutions:mine")).content.decode()
    upcoming = client.get(reverse("cohorts:sessions")).content.decode()
    past = client.get(reverse("cohorts:sessions"), {"when": "past"}).content.decode()
    outcomes = client.get(reverse("outcomes:mine")).content.decode()

    assert proposal.status == "selected"
    assert escape(proposal.title) in proposals
    assert "3 sessions" in upcoming
    assert all(escape(s.title) in upcoming for s in Session.objects.filter(ends_at__gt=now))
    assert "2 sessions" in past
    assert all(escape(s.title) in past for s in Session.objects.filter(ends_at__lte=now))
    assert escape(match.challenge.title) in outcomes


def test_the_secretariat_sees_the_round_in_numbers_the_board_and_the_review_ranking(client_of):
    seed_demo()
    secretariat = with_second_factor(User.objects.get(email=DEMO_ACCOUNTS[0].email))
    challenge_call = Call.objects.get(programme__slug=PAST_PROGRAMME, kind=CallKind.CHALLENGES)
    client = client_of(secretariat)

    dashboard = client.get(reverse("outcomes:dashboard", args=[PAST_PROGRAMME]))
    board = client.get(reverse("matching:board", args=[PAST_PROGRAMME]))
    ranking = client.get(reverse("reviews:call", args=[challenge_call.pk]))

    assert dashboard.status_code == board.status_code == ranking.status_code == 200
    assert "Ingrid Solberg" in dashboard.content.decode()  # reviewer progress
    assert "Confirmed" in board.content.decode()
    rows = dashboard_rows(call=challenge_call)
    selected = [row.rank for row in rows if row.submission.status == "selected"]
    declined = [row.rank for row in rows if row.submission.status == "declined"]
    assert len(selected) == 8 and len(declined) == 2
    assert max(selected) < min(declined)
    assert all(
        row.decision.is_released
        and (row.decision.outcome == "select") == (row.submission.status == "selected")
        for row in rows
    )
    page = ranking.content.decode()
    assert page.index(escape(rows[0].submission.title)) < page.index(
        escape(rows[-1].submission.title)
    )


def test_every_text_the_secretariat_writes_in_the_demo_has_a_french_version(client):
    from incubator.models import Theme

    seed_demo()
    blank = {
        "themes": list(Theme.objects.filter(name_fr="").values_list("slug", flat=True)),
        "programmes": list(Programme.objects.filter(name_fr="").values_list("slug", flat=True)),
        "calls": list(Call.objects.filter(title_fr="").values_list("title", flat=True))
        + list(Call.objects.filter(introduction_fr="").values_list("title", flat=True)),
        "sessions": list(Session.objects.filter(title_fr="").values_list("title", flat=True)),
        "criteria": list(Criterion.objects.filter(name_fr="").values_list("name", flat=True))
        + [c.name for c in Criterion.objects.all() if len(c.anchors_fr) != 5],
    }

    assert blank == {key: [] for key in blank}
    client.cookies["django_language"] = "fr"
    page = client.get("/").content.decode()
    assert "Appel à défis 2027" in page
    assert "Call for challenges 2027" not in page
