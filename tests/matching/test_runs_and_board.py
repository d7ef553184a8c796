import pytest
from django.urls import reverse

from incubator.models import Notification
from matching.models import Exclusion, Match, MatchRun
from tests.factories import (
    CallFactory,
    ChallengeFactory,
    MembershipFactory,
    OrganisationFactory,
    ProgrammeFactory,
    ThemeFactory,
    UserFactory,
    secretariat_user,
)
from tests.reviews.factories import assign, reviewer, rubric, under_review
from tests.solutions.factories import SolutionFactory, SolutionsCallFactory

pytestmark = pytest.mark.django_db

CONFIRMED = {"confirmed": "yes"}
WEIGHTS = {
    "text": "1",
    "themes": "1",
    "languages": "1",
    "hours": "1",
    "interest": "1",
    "review": "0",
}


@pytest.fixture
def secretariat():
    return secretariat_user(display_name="Desk Officer")


@pytest.fixture
def desk(client_of, secretariat):
    return client_of(secretariat)


@pytest.fixture
def round_():
    """Two challenges from Portugal and Kenya; providers from Portugal, Estonia and Chile."""
    programme = ProgrammeFactory(slug="incubator-2027")
    challenges_call = CallFactory(programme=programme)
    solutions_call = SolutionsCallFactory(programme=programme)
    inclusion = ThemeFactory(slug="digital-inclusion", name="Digital inclusion")
    lisbon = OrganisationFactory(name="Lisbon Agency", country="PT", time_zone="Europe/Lisbon")
    nairobi = OrganisationFactory(name="Nairobi County", country="KE", time_zone="Africa/Nairobi")
    offline = ChallengeFactory(
        organisation=lisbon,
        call=challenges_call,
        title="Older residents offline",
        themes=[inclusion],
        providers_wanted=1,
        languages=["pt", "en"],
    )
    queues = ChallengeFactory(
        organisation=nairobi,
        call=challenges_call,
        title="Queues at the land registry",
        providers_wanted=1,
        languages=["en", "sw"],
    )
    home = SolutionFactory(
        organisation=OrganisationFactory(name="Porto Lab", country="PT"),
        call=solutions_call,
        themes=[inclusion],
        interests=[offline],
    )
    tallinn = SolutionFactory(
        organisation=OrganisationFactory(name="Tallinn Office", country="EE"),
        call=solutions_call,
        themes=[inclusion],
        interests=[offline],
        languages=["et", "en"],
    )
    santiago = SolutionFactory(
        organisation=OrganisationFactory(
            name="Santiago Digital", country="CL", time_zone="America/Santiago"
        ),
        call=solutions_call,
        interests=[queues],
        languages=["es", "en"],
        time_zone="America/Santiago",
    )
    return {
        "programme": programme,
        "offline": offline,
        "queues": queues,
        "home": home,
        "tallinn": tallinn,
        "santiago": santiago,
    }


@pytest.fixture
def start_run(django_capture_on_commit_callbacks):
    """Start a run from the page; the worker's part runs when the request commits."""

    def start(client, programme, **weights):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("matching:runs", kwargs={"slug": programme.slug}), {**WEIGHTS, **weights}
            )
        assert response.status_code == 302, response.content.decode()
        return MatchRun.objects.latest("pk")

    return start


def test_a_run_proposes_providers_from_other_countries_and_explains_them(start_run, desk, round_):
    run = start_run(desk, round_["programme"])

    assert run.state == "done"
    assert run.figures["matches"] == 2
    pairs = set(Match.objects.values_list("challenge__title", "solution__organisation__name"))
    assert pairs == {
        ("Older residents offline", "Tallinn Office"),
        ("Queues at the land registry", "Santiago Digital"),
    }
    assert not run.candidates.filter(challenge=round_["offline"], solution=round_["home"]).exists()
    detail = desk.get(
        reverse("matching:challenge", kwargs={"slug": "incubator-2027", "pk": round_["offline"].pk})
    ).content.decode()
    assert "Shares a theme: Digital inclusion" in detail
    assert "The provider asked for this challenge (first choice)" in detail


def test_the_run_page_shows_progress_and_figures(start_run, desk, round_):
    run = start_run(desk, round_["programme"])

    page = desk.get(reverse("matching:run", kwargs={"slug": "incubator-2027", "pk": run.pk}))

    text = page.content.decode()
    assert "The run is done" in text
    assert "Places left unfilled" in text
    # Five pairs cross a border; every one was priced, not only the candidates.
    assert "Optimal over 5 eligible pairs: no other choice raises the total score" in text


def test_the_run_page_says_in_french_over_how_many_pairs_the_run_is_optimal(
    start_run, desk, round_, secretariat
):
    run = start_run(desk, round_["programme"])
    secretariat.language = "fr"
    secretariat.save(update_fields=["language"])

    page = desk.get(reverse("matching:run", kwargs={"slug": "incubator-2027", "pk": run.pk}))

    assert "Optimal sur 5 paires admissibles" in page.content.decode()


def test_a_locked_pair_survives_a_rerun_that_would_prefer_another(start_run, desk, round_):
    start_run(desk, round_["programme"])
    match = Match.objects.get(challenge=round_["offline"])
    tallinn_match = match
    desk.post(reverse("matching:action", args=["incubator-2027", tallinn_match.pk, "lock"]))

    start_run(desk, round_["programme"], interest="0", themes="0", text="0", hours="5")

    tallinn_match.refresh_from_db()
    assert tallinn_match.locked
    assert Match.objects.filter(challenge=round_["offline"]).count() == 1


def test_an_excluded_pair_is_never_proposed_again(start_run, desk, round_):
    start_run(desk, round_["programme"])
    match = Match.objects.get(challenge=round_["queues"])

    desk.post(reverse("matching:action", args=["incubator-2027", match.pk, "exclude"]), CONFIRMED)
    start_run(desk, round_["programme"])

    assert Exclusion.objects.filter(challenge=round_["queues"], solution=round_["santiago"])
    assert not Match.objects.filter(challenge=round_["queues"], solution=round_["santiago"])
    run = MatchRun.objects.latest("pk")
    assert not run.candidates.filter(challenge=round_["queues"], solution=round_["santiago"])


def test_confirming_introduces_each_team_once_with_contacts_languages_and_hours(
    start_run, desk, round_
):
    owner = MembershipFactory(
        organisation=round_["offline"].organisation,
        user=UserFactory(display_name="Ana Silva", email="ana@lisbon.example"),
    ).user
    round_["offline"].contacts.set([owner])
    provider = MembershipFactory(
        organisation=round_["tallinn"].organisation,
        user=UserFactory(display_name="Kadri Tamm", email="kadri@tallinn.example"),
    ).user
    round_["tallinn"].contacts.set([provider])
    start_run(desk, round_["programme"])
    match = Match.objects.get(challenge=round_["offline"])

    desk.post(reverse("matching:action", args=["incubator-2027", match.pk, "confirm"]), CONFIRMED)
    desk.post(reverse("matching:action", args=["incubator-2027", match.pk, "confirm"]), CONFIRMED)

    to_owner = Notification.objects.get(to_email="ana@lisbon.example", key__startswith="match-")
    to_provider = Notification.objects.get(
        to_email="kadri@tallinn.example", key__startswith="match-"
    )
    assert "Tallinn Office" in to_owner.subject
    assert "kadri@tallinn.example" in to_owner.body_text
    assert "Lisbon Agency" in to_provider.subject
    assert "ana@lisbon.example" in to_provider.body_text
    assert "working hours a day" in to_owner.body_text
    match.refresh_from_db()
    assert (match.state, match.locked) == ("confirmed", True)


def test_a_confirmed_pair_cannot_be_excluded(start_run, desk, round_):
    start_run(desk, round_["programme"])
    match = Match.objects.get(challenge=round_["offline"])
    desk.post(reverse("matching:action", args=["incubator-2027", match.pk, "confirm"]), CONFIRMED)

    response = desk.post(
        reverse("matching:action", args=["incubator-2027", match.pk, "exclude"]),
        CONFIRMED,
        follow=True,
    )

    assert "This pair is confirmed" in response.content.decode()
    assert Match.objects.filter(pk=match.pk).exists()


def test_weights_all_zero_are_refused_with_the_form_kept(desk, round_):
    zero = dict.fromkeys(WEIGHTS, "0")

    response = desk.post(reverse("matching:runs", kwargs={"slug": "incubator-2027"}), zero)

    assert response.status_code == 400
    assert "Give at least one component a weight above zero." in response.content.decode()
    assert not MatchRun.objects.exists()


def test_a_run_that_stopped_responding_does_not_block_a_new_one(
    start_run, desk, round_, secretariat
):
    stuck = MatchRun.objects.create(
        programme=round_["programme"], started_by=secretariat, state="running"
    )
    MatchRun.objects.filter(pk=stuck.pk).update(
        created_at=stuck.created_at.replace(year=stuck.created_at.year - 1)
    )

    start_run(desk, round_["programme"])

    stuck.refresh_from_db()
    assert stuck.state == "failed"


def test_only_the_secretariat_reaches_matching(start_run, client_of, round_):
    start_run(client_of(secretariat_user()), round_["programme"])
    match = Match.objects.first()
    member = client_of(MembershipFactory(organisation=round_["offline"].organisation).user)

    for url in (
        reverse("matching:runs", kwargs={"slug": "incubator-2027"}),
        reverse("matching:board", kwargs={"slug": "incubator-2027"}),
    ):
        assert member.get(url).status_code == 403
    confirm = reverse("matching:action", args=["incubator-2027", match.pk, "confirm"])
    assert member.post(confirm, CONFIRMED).status_code == 403
    match.refresh_from_db()
    assert match.state == "proposed"


def test_the_board_issues_as_many_queries_with_300_challenges_as_with_3(
    start_run, desk, round_, queries_to_render, django_assert_max_num_queries
):
    call = round_["offline"].call
    ChallengeFactory.create_batch(1, call=call, organisation=OrganisationFactory(country="JP"))
    start_run(desk, round_["programme"])
    url = reverse("matching:board", kwargs={"slug": "incubator-2027"})
    few = queries_to_render(desk, url)

    ChallengeFactory.create_batch(297, call=call, organisation=OrganisationFactory(country="JP"))
    start_run(desk, round_["programme"])

    with django_assert_max_num_queries(few):
        page = desk.get(url).content.decode()
    assert "300 challenges" in page


def test_a_well_reviewed_provider_carries_its_review_score_into_matching(start_run, desk, round_):
    call = round_["tallinn"].call
    rubric(call)
    item = under_review(round_["tallinn"])
    assign(item, reviewer(), scores=[5, 5, 5], submitted=True)
    assign(item, reviewer(), scores=[3, 3, 3], submitted=True)
    assign(item, reviewer(), scores=[1, 1, 1])  # a draft does not count

    start_run(desk, round_["programme"])

    match = Match.objects.get(solution=round_["tallinn"])
    assert match.components["review"] == pytest.approx(0.75)
    assert "review" not in Match.objects.get(solution=round_["santiago"]).components


def test_a_run_in_progress_shows_how_far_it_got_and_refreshes_itself(desk, round_, secretariat):
    run = MatchRun.objects.create(
        programme=round_["programme"], started_by=secretariat, state="running", progress=30
    )

    page = desk.get(reverse("matching:run", kwargs={"slug": "incubator-2027", "pk": run.pk}))

    text = page.content.decode()
    assert '<progress id="run-progress" max="100" value="30">' in text
    assert '<meta http-equiv="refresh" content="2">' in text


def test_a_pair_says_which_component_beat_each_weaker_candidate(start_run, desk, round_):
    start_run(desk, round_["programme"])

    detail = desk.get(
        reverse("matching:challenge", kwargs={"slug": "incubator-2027", "pk": round_["offline"].pk})
    ).content.decode()

    assert "Why other candidates were not proposed" in detail
    # Tallinn Office leads as much on its theme as on its stated interest; a tie names the
    # component listed first.
    assert (
        "Santiago Digital scored 0.36; the proposed pair is ahead of it most on shared themes."
        in detail
    )


def test_the_run_page_shows_how_the_score_was_weighed(start_run, desk, round_):
    run = start_run(desk, round_["programme"], text="2", hours="0")

    page = desk.get(reverse("matching:run", kwargs={"slug": "incubator-2027", "pk": run.pk}))

    text = page.content.decode()
    assert "How the score was weighed" in text
    assert "<dt>Similar descriptions</dt><dd>40%</dd>" in text
    assert "<dt>Shared working hours</dt><dd>0%</dd>" in text
    assert "“Similar descriptions” " in text
