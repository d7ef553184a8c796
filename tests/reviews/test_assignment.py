"""Automatic assignment: the pure solver on generated data, and the service that runs
it on a call: coverage, balance, fit, conflicts, states and the emails it sends."""

import random
import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from incubator.models import Membership, Notification
from reviews.assignment import Item, Reviewer, assign
from reviews.models import Assignment, ReviewItem
from reviews.services import assignment_run
from tests.factories import (
    CallFactory,
    ChallengeFactory,
    MembershipFactory,
    OrganisationFactory,
    ThemeFactory,
    secretariat_user,
)
from tests.reviews.factories import ReviewPhaseFactory, rubric
from tests.reviews.factories import reviewer as make_reviewer

COUNTRIES = ["PT", "FR", "CL", "JP", "KE", "CA", "EE", "BR", "IN", "NZ", "MX", "DE"]
THEMES = [f"theme-{n}" for n in range(8)]
LANGUAGES = ["en", "fr", "es", "pt", "de", "ja"]


def generated(seed, *, submissions=200, reviewers=40, wanted=3):
    """Submissions of 30 teams in 12 countries; reviewers from those countries, some
    affiliated with one of the teams, some with none."""
    rng = random.Random(seed)
    teams = [(f"team-{n}", rng.choice(COUNTRIES)) for n in range(30)]
    owner = {}
    items = []
    for key in range(submissions):
        owner[key] = rng.choice(teams)
        items.append(
            Item(
                key=key,
                wanted=wanted,
                themes=frozenset(rng.sample(THEMES, 2)),
                languages=frozenset(rng.sample(LANGUAGES, 2)),
            )
        )
    pool, conflicts = [], set()
    for key in range(reviewers):
        country = rng.choice(COUNTRIES)
        team = rng.choice(teams) if rng.random() < 0.4 else None
        pool.append(
            Reviewer(
                key=key,
                themes=frozenset(rng.sample(THEMES, 3)),
                languages=frozenset(rng.sample(LANGUAGES, 2)),
            )
        )
        for item_key, (name, item_country) in owner.items():
            if item_country == country or (team is not None and team[0] == name):
                conflicts.add((item_key, key))
    return items, pool, conflicts


def eligible(item, pool, conflicts, existing=frozenset()):
    return [r for r in pool if (item.key, r.key) not in conflicts | set(existing)]


@pytest.mark.parametrize("seed", range(5))
def test_200_submissions_and_40_reviewers_get_full_coverage_no_conflict_and_even_loads(seed):
    items, pool, conflicts = generated(seed)

    started = time.perf_counter()
    plan = assign(items, pool, conflicts=conflicts)
    seconds = time.perf_counter() - started

    got = {item.key: 0 for item in items}
    for item_key, _reviewer_key in plan.pairs:
        got[item_key] += 1
    for item in items:
        assert got[item.key] == min(item.wanted, len(eligible(item, pool, conflicts)))
    assert not set(plan.pairs) & conflicts
    assert len(set(plan.pairs)) == len(plan.pairs)
    assert max(plan.loads.values()) - min(plan.loads.values()) <= 1
    assert seconds < 20, f"solving took {seconds:.1f}s"


def test_existing_assignments_are_kept_and_count_towards_loads():
    items = [Item(key=n, wanted=2) for n in range(6)]
    pool = [Reviewer(key=name) for name in "abc"]
    existing = {(0, "a"), (1, "a"), (2, "a"), (0, "b")}

    plan = assign(items, pool, existing=existing)

    assert not set(plan.pairs) & existing
    assert len(plan.pairs) == 12 - len(existing)
    assert plan.loads == {"a": 4, "b": 4, "c": 4}


def test_a_submission_short_of_eligible_reviewers_gets_all_it_can_and_is_reported():
    items = [Item(key="lonely", wanted=3), Item(key="easy", wanted=1)]
    pool = [Reviewer(key=name) for name in "abcd"]
    conflicts = {("lonely", "a"), ("lonely", "b"), ("lonely", "c")}

    plan = assign(items, pool, conflicts=conflicts)

    assert ("lonely", "d") in plan.pairs
    assert plan.short == {"lonely": 2}
    assert not set(plan.pairs) & conflicts


def test_theme_and_language_fit_decides_between_equally_balanced_plans():
    items = [
        Item(key="water", wanted=1, themes=frozenset({"water"}), languages=frozenset({"es"})),
        Item(key="schools", wanted=1, themes=frozenset({"education"}), languages=frozenset({"fr"})),
    ]
    pool = [
        Reviewer(key="hydrologist", themes=frozenset({"water"}), languages=frozenset({"es"})),
        Reviewer(key="teacher", themes=frozenset({"education"}), languages=frozenset({"fr"})),
    ]

    plan = assign(items, pool)

    assert sorted(plan.pairs) == [("schools", "teacher"), ("water", "hydrologist")]


def test_balance_comes_before_fit():
    items = [Item(key=n, wanted=1, themes=frozenset({"water"})) for n in range(4)]
    pool = [Reviewer(key="expert", themes=frozenset({"water"})), Reviewer(key="generalist")]

    plan = assign(items, pool)

    assert plan.loads == {"expert": 2, "generalist": 2}


def test_nothing_to_assign_is_an_empty_plan():
    assert assign([Item(key=1, wanted=0)], [Reviewer(key="a")]).pairs == []
    assert assign([], []).pairs == []


# The service on a call ------------------------------------------------------------------


@pytest.mark.django_db
def test_running_assignment_on_a_call_of_200_challenges_and_40_reviewers():
    rng = random.Random(7)
    phase = ReviewPhaseFactory(reviewers_per_submission=3)
    call = phase.call
    rubric(call)
    themes = [ThemeFactory() for _n in range(6)]
    teams = [OrganisationFactory(country=rng.choice(COUNTRIES)) for _n in range(30)]
    for n in range(200):
        ChallengeFactory(
            call=call,
            organisation=teams[n % 30],
            themes=rng.sample(themes, 2),
            status="in_review",
            languages=rng.sample(LANGUAGES, 2),
        )
    ChallengeFactory(call=call, status="submitted", organisation=teams[0])
    ChallengeFactory(call=call, status="screening", organisation=teams[0])
    ChallengeFactory(call=call, status="draft", organisation=teams[0])
    ChallengeFactory(call=call, status="withdrawn", organisation=teams[0])
    pool = []
    for n in range(40):
        kind = n % 4
        person = make_reviewer(
            themes=rng.sample(themes, 2),
            languages=rng.sample(LANGUAGES, 2),
            country=rng.choice(COUNTRIES) if kind in (0, 1) else "",
            organisation=teams[n % 30] if kind == 1 else None,
        )
        if kind == 2:
            MembershipFactory(organisation=teams[(n * 7) % 30], user=person)
        pool.append(person)
    desk = secretariat_user()

    started = time.perf_counter()
    result = assignment_run(call=call, by=desk)
    seconds = time.perf_counter() - started

    items = list(ReviewItem.objects.filter(call=call).select_related("organisation"))
    assert len(items) == 200 == result.items
    assert result.waiting_for_screening == {"submitted": 1, "screening": 1}
    memberships = {(m.user_id, m.organisation_id) for m in Membership.objects.filter(user__in=pool)}
    for item in items:
        assigned = list(
            Assignment.objects.filter(item=item).select_related("reviewer__reviewer_profile")
        )
        allowed = [
            p
            for p in pool
            if p.reviewer_profile.country != item.organisation.country
            and p.reviewer_profile.organisation_id != item.organisation_id
            and (p.pk, item.organisation_id) not in memberships
        ]
        assert len(assigned) == min(3, len(allowed)) == item.reviewers
        assert {a.reviewer_id for a in assigned} <= {p.pk for p in allowed}
        assert item.submission.status == "in_review"
    loads = [Assignment.objects.filter(reviewer=p).count() for p in pool]
    assert max(loads) - min(loads) <= 1
    assert result.spread <= 1
    # One email per reviewer, listing their new submissions.
    assert Notification.objects.filter(key__startswith="review-assigned:").count() == 40
    assert seconds < 60 and result.seconds < 20

    again = assignment_run(call=call, by=desk)

    assert again.created == 0
    assert Notification.objects.filter(key__startswith="review-assigned:").count() == 40


@pytest.mark.django_db
def test_only_the_secretariat_runs_assignment_and_only_with_a_phase_and_a_rubric():
    phase = ReviewPhaseFactory()
    with pytest.raises(PermissionDenied):
        assignment_run(call=phase.call, by=make_reviewer())
    with pytest.raises(ValidationError, match="rubric"):
        assignment_run(call=phase.call, by=secretariat_user())
    rubric(phase.call)
    with pytest.raises(ValidationError, match="review phase"):
        assignment_run(call=CallFactory(), by=secretariat_user())


# Only what was screened in ------------------------------------------------------------


@pytest.mark.django_db
def test_automatic_assignment_takes_only_challenges_screened_in_and_says_what_it_left_out(
    client_of,
):
    from django.urls import reverse

    from tests.factories import with_second_factor

    phase = ReviewPhaseFactory(reviewers_per_submission=1)
    call = phase.call
    rubric(call)
    ChallengeFactory(call=call, status="submitted", title="Only submitted")
    ChallengeFactory(call=call, status="submitted", title="Also only submitted")
    ChallengeFactory(call=call, status="screening", title="Still in screening")
    screened_in = ChallengeFactory(call=call, status="in_review", title="Screened in")
    make_reviewer(country="JP")
    desk = client_of(with_second_factor(secretariat_user()))

    response = desk.post(reverse("reviews:assignments", kwargs={"call_pk": call.pk}), follow=True)

    assert list(ReviewItem.objects.values_list("object_id", flat=True)) == [screened_in.pk]
    statuses = dict(call.challenges.values_list("title", "status"))
    assert statuses["Only submitted"] == "submitted"
    assert statuses["Still in screening"] == "screening"
    said = [str(m) for m in response.context["messages"]]
    assert any(
        "3 challenges were left out: not screened in yet (2 submitted, 1 in screening)." in m
        for m in said
    ), said
