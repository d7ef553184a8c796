"""The matching board at the scale of a round: a summary table of every challenge with
its providers, state, score and flags, filtered and searched, at a fixed query count;
each challenge on its own page; and the decisions on a pair, the final ones behind a
confirmation page whose message counts the introductions queued."""

import pytest
from django.urls import reverse

from incubator.models import Notification
from matching.models import Candidate, Match, MatchRun
from matching.services import match_confirm
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    ProgrammeFactory,
    ThemeFactory,
    secretariat_user,
    with_second_factor,
)
from tests.matching.factories import challenge, pair, provider

pytestmark = pytest.mark.django_db

CONFIRMED = {"confirmed": "yes"}


@pytest.fixture
def desk(client_of):
    return client_of(with_second_factor(secretariat_user()))


@pytest.fixture
def programme():
    return ProgrammeFactory(slug="incubator-2027")


def run_of(programme, candidates):
    """A finished run that scored these (challenge, solution) pairs."""
    run = MatchRun.objects.create(programme=programme, state=MatchRun.State.DONE)
    for rank, (found, solution) in enumerate(candidates, start=1):
        Candidate.objects.create(run=run, challenge=found, solution=solution, score=0.5, rank=rank)
    return run


def board(client, programme, **params):
    url = reverse("matching:board", kwargs={"slug": programme.slug})
    return client.get(url, params).content.decode()


def action(programme, match, name):
    return reverse("matching:action", args=[programme.slug, match.pk, name])


# The summary ----------------------------------------------------------------------------


def test_the_board_is_one_table_with_providers_state_score_and_flags(desk, programme):
    ferries = challenge(programme, "Ferries for island schools")
    meters = challenge(programme, "Water meters read by hand")
    tallinn = provider(programme, "Tallinn Office", capacity=1)
    run_of(programme, [(ferries, tallinn), (meters, tallinn)])
    pair(programme, ferries, tallinn, score=0.83)
    pair(programme, meters, tallinn, score=0.61, state="confirmed")

    page = board(desk, programme)

    assert "2 challenges" in page
    ferries_row = page.split("Ferries for island schools", 1)[1].split("</tr>", 1)[0]
    assert "Tallinn Office" in ferries_row
    assert "Proposed" in ferries_row
    assert "0.83" in ferries_row
    assert "provider over capacity elsewhere" in ferries_row
    assert "only one candidate" in ferries_row
    meters_row = page.split("Water meters read by hand", 1)[1].split("</tr>", 1)[0]
    assert "Confirmed" in meters_row
    detail = reverse("matching:challenge", kwargs={"slug": programme.slug, "pk": ferries.pk})
    assert f'href="{detail}"' in page


def test_the_board_filters_by_state_and_theme_and_searches_by_name(desk, programme):
    health = ThemeFactory(slug="health", name="Health")
    ferries = challenge(programme, "Ferries for island schools")
    challenge(programme, "Clinic queues", themes=[health])
    challenge(
        programme,
        "Water meters read by hand",
        organisation=OrganisationFactory(name="Santiago Water Board"),
    )
    pair(programme, ferries, provider(programme, "Tallinn Office"))

    proposed = board(desk, programme, state="proposed")
    assert "Ferries for island schools" in proposed
    assert "Clinic queues" not in proposed
    by_theme = board(desk, programme, theme="health")
    assert "Clinic queues" in by_theme
    assert "Ferries for island schools" not in by_theme
    by_team = board(desk, programme, q="santiago")
    assert "Water meters read by hand" in by_team
    assert "1 challenge" in by_team
    assert "Clinic queues" not in by_team


def test_the_board_counts_and_filters_each_state_from_the_pairs(desk, programme):
    names = [
        "Every provider confirmed",
        "One of two confirmed",
        "Only proposed",
        "Unmatched meters",
    ]
    found = {name: challenge(programme, name) for name in names}
    found["One of two confirmed"].providers_wanted = 2
    found["One of two confirmed"].save()
    tallinn, lisbon = provider(programme, "Tallinn Office"), provider(programme, "Lisbon Lab")
    pair(programme, found["Every provider confirmed"], tallinn, state="confirmed")
    pair(programme, found["One of two confirmed"], tallinn, state="confirmed")
    pair(programme, found["One of two confirmed"], lisbon)
    pair(programme, found["Only proposed"], lisbon)
    pair(programme, found["Unmatched meters"], lisbon, state="rejected")

    page = board(desk, programme)
    shown = {
        state: [name for name in names if name in board(desk, programme, state=state)]
        for state in ("confirmed", "partly", "proposed", "unpaired")
    }

    assert "Confirmed: 1 · Partly confirmed: 1 · Proposed: 1 · No pair: 1" in page
    assert shown == {
        "confirmed": ["Every provider confirmed"],
        "partly": ["One of two confirmed"],
        "proposed": ["Only proposed"],
        "unpaired": ["Unmatched meters"],
    }


def test_the_whole_rounds_states_are_kept_until_a_service_changes_a_pair(
    desk, programme, django_capture_on_commit_callbacks
):
    ferries = challenge(programme, "Ferries for island schools")
    meters = challenge(programme, "Water meters read by hand")
    tallinn = provider(programme, "Tallinn Office", capacity=2)
    proposed = pair(programme, ferries, tallinn)

    first = board(desk, programme)
    Match.objects.create(programme=programme, challenge=meters, solution=tallinn)
    kept = board(desk, programme)
    with django_capture_on_commit_callbacks(execute=True):
        match_confirm(match=proposed, by=with_second_factor(secretariat_user()))
    after = board(desk, programme)
    filtered = board(desk, programme, state="proposed")

    assert "Proposed: 1 · No pair: 1" in first
    assert "States as counted on" in first
    assert "Proposed: 1 · No pair: 1" in kept  # a pair written behind the services' back
    assert "Confirmed: 1 · Proposed: 1" in after
    assert "Proposed: 1" in filtered and "States as counted on" not in filtered


def test_the_board_issues_as_many_queries_for_a_round_of_72_as_for_3(
    desk, programme, queries_to_render, django_assert_max_num_queries
):
    url = reverse("matching:board", kwargs={"slug": programme.slug})
    solutions = [provider(programme, f"Provider {n}") for n in range(3)]

    def add(count, start):
        found = [challenge(programme, f"Challenge {start + n}") for n in range(count)]
        for n, item in enumerate(found):
            pair(programme, item, solutions[n % 3])
        return found

    run_of(programme, [(item, solutions[0]) for item in add(3, 0)])
    few = queries_to_render(desk, url)
    add(69, 3)

    with django_assert_max_num_queries(few):
        page = desk.get(url).content.decode()
    assert "72 challenges" in page
    assert "Proposed: 72" in page  # counted over the round, not over the page
    assert "Page 1 of 2" in page and "Challenge 49<" in page and "Challenge 50<" not in page
    second = desk.get(url, {"state": "proposed", "page": 2}).content.decode()
    assert "Challenge 71<" in second and "Challenge 0<" not in second
    assert "state=proposed&amp;page=1" in second  # the filter is kept from page to page


# One challenge and its decisions ---------------------------------------------------------


def test_a_challenge_has_its_own_page_with_its_pairs_and_their_buttons(desk, programme):
    ferries = challenge(programme, "Ferries for island schools")
    match = pair(programme, ferries, provider(programme, "Tallinn Office"))
    url = reverse("matching:challenge", kwargs={"slug": programme.slug, "pk": ferries.pk})

    page = desk.get(url).content.decode()

    assert "Tallinn Office" in page
    for name in ("confirm", "lock", "reject", "exclude"):
        assert f'action="{action(programme, match, name)}"' in page


def test_confirming_a_pair_is_asked_first_with_who_will_be_introduced(desk, programme):
    ferries = challenge(
        programme, "Ferries for island schools", organisation=OrganisationFactory(name="Azores")
    )
    MembershipFactory(organisation=ferries.organisation)
    match = pair(programme, ferries, provider(programme, "Tallinn Office"))

    for response in (desk.get(action(programme, match, "confirm")),
                     desk.post(action(programme, match, "confirm"))):  # fmt: skip
        page = response.content.decode()
        assert response.status_code == 200
        assert "Confirm this pair?" in page
        assert "Challenge: “Ferries for island schools”, Azores (Portugal)" in page
        assert "1 team, 1 person will be emailed." in page
        assert "1 team has no members and will not be told: Tallinn Office." in page
    match.refresh_from_db()
    assert match.state == "proposed"
    assert not Notification.objects.exists()


def test_the_confirmation_message_counts_the_introductions_actually_queued(desk, programme):
    ferries = challenge(
        programme, "Ferries for island schools", organisation=OrganisationFactory(name="Azores")
    )
    MembershipFactory(organisation=ferries.organisation)
    MembershipFactory(organisation=ferries.organisation)
    match = pair(programme, ferries, provider(programme, "Tallinn Office"))

    response = desk.post(action(programme, match, "confirm"), CONFIRMED, follow=True)

    page = response.content.decode()
    assert Notification.objects.filter(key__startswith="match-introduction:").count() == 2
    assert "The pair is confirmed. 2 people in 1 team are told by email." in page
    assert "Nobody in Tallinn Office could be told: the team has no members." in page
    assert "Both teams are introduced by email" not in page


def test_when_neither_team_has_members_the_message_says_nobody_was_emailed(desk, programme):
    ferries = challenge(
        programme, "Ferries for island schools", organisation=OrganisationFactory(name="Azores")
    )
    match = pair(programme, ferries, provider(programme, "Tallinn Office"))

    response = desk.post(action(programme, match, "confirm"), CONFIRMED, follow=True)

    page = response.content.decode()
    assert not Notification.objects.exists()
    assert "The pair is confirmed. Nobody was emailed." in page
    assert "Nobody in Azores, Tallinn Office could be told: these teams have no members." in page


def test_rejecting_is_confirmed_first_and_locking_acts_on_its_button(desk, programme):
    ferries = challenge(programme, "Ferries for island schools")
    match = pair(programme, ferries, provider(programme, "Tallinn Office"))

    desk.post(action(programme, match, "reject"))
    match.refresh_from_db()
    assert match.state == "proposed"
    desk.post(action(programme, match, "lock"))
    match.refresh_from_db()
    assert match.locked
    assert "Unlock this pair?" in desk.get(action(programme, match, "unlock")).content.decode()

    desk.post(action(programme, match, "reject"), CONFIRMED)

    match.refresh_from_db()
    assert (match.state, match.locked) == ("rejected", False)
    again = desk.get(action(programme, match, "confirm")).content.decode()
    assert "This pair is rejected." in again
    assert 'name="confirmed"' not in again


def test_an_unknown_decision_or_another_programmes_pair_is_not_found(desk, programme):
    ferries = challenge(programme, "Ferries for island schools")
    match = pair(programme, ferries, provider(programme, "Tallinn Office"))
    other = ProgrammeFactory()

    assert desk.get(action(programme, match, "delete")).status_code == 404
    assert desk.get(action(other, match, "confirm")).status_code == 404
