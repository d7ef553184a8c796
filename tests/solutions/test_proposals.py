from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from solutions.models import Solution
from solutions.services import solution_draft_reminders_send
from tests.challenges.files import PDF, upload
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
from tests.solutions.factories import SolutionFactory, SolutionsCallFactory

pytestmark = pytest.mark.django_db


def step(solution, name):
    return reverse("solutions:step", kwargs={"pk": solution.pk, "step": name})


@pytest.fixture
def provider():
    return MembershipFactory(organisation=OrganisationFactory(country="EE", name="Tallinn Office"))


@pytest.fixture
def challenges_call():
    return CallFactory(programme=ProgrammeFactory(slug="incubator-2027"))


@pytest.fixture
def solutions_call(challenges_call):
    """The call for solutions of the same round as the challenges."""
    return SolutionsCallFactory(programme=challenges_call.programme)


@pytest.fixture
def challenges_abroad(challenges_call):
    lisbon = OrganisationFactory(country="PT", name="Lisbon Agency")
    nairobi = OrganisationFactory(country="KE", name="Nairobi County")
    return [
        ChallengeFactory(
            call=challenges_call, organisation=lisbon, title="Older residents offline",
            published=True,
        ),
        ChallengeFactory(
            call=challenges_call, organisation=nairobi, title="Queues at land registry",
            published=True,
        ),
    ]  # fmt: skip


def start(client, call, team):
    client.post(
        reverse("solutions:new"), {"organisation": team.pk, "call": call.pk, "title": "Draft"}
    )
    return Solution.objects.latest("pk")


def test_a_proposal_names_ranked_challenges_and_a_colleague_submits_it(
    client_of, provider, challenges_abroad, solutions_call
):
    call = solutions_call
    theme = ThemeFactory(name="Digital inclusion")
    colleague = MembershipFactory(organisation=provider.organisation).user
    first = client_of(provider.user)
    draft = start(first, call, provider.organisation)
    first.post(
        step(draft, "about"),
        {
            "title": "Library digital helpers",
            "summary": "Librarians help.",
            "themes": [theme.pk],
            "written_in": "en",
            "save_draft": "",
        },
    )

    second = client_of(colleague)
    second.post(
        step(draft, "experience"),
        {
            "comparable_problem": "Rural elders offline.",
            "what_they_did": "Trained librarians.",
            "evidence": "A third more claims.",
            "lessons": "Paid hours matter.",
        },
    )
    second.post(
        step(draft, "offer"),
        {
            "can_share": ["methods"],
            "capacity": "2",
            "languages": ["et", "en"],
            "time_zone": "Europe/Tallinn",
            "availability": "Mondays",
        },
    )
    nairobi, lisbon = challenges_abroad[1], challenges_abroad[0]
    second.post(step(draft, "interests"), {"choice_1": nairobi.pk, "choice_2": lisbon.pk})
    response = second.post(reverse("solutions:check", kwargs={"pk": draft.pk}))

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "submitted"
    assert draft.ranked_interests() == [nairobi, lisbon]
    confirmation = provider.user.notifications.get(key__startswith="solution-submitted:")
    assert "1. Queues at land registry" in confirmation.body_text
    assert "2. Older residents offline" in confirmation.body_text


def test_only_published_challenges_of_other_countries_in_the_round_can_be_chosen(
    client_of, provider, challenges_call, solutions_call
):
    def challenge(country, title, **kwargs):
        return ChallengeFactory(
            organisation=OrganisationFactory(country=country), title=title, **kwargs
        )

    challenge("EE", "At home", call=challenges_call, published=True)
    challenge("PT", "Unpublished", call=challenges_call)
    challenge("PT", "Last year's round", published=True)
    abroad = challenge("PT", "Abroad", call=challenges_call, published=True)
    client = client_of(provider.user)
    draft = start(client, solutions_call, provider.organisation)

    page = client.get(step(draft, "interests")).content.decode()

    assert abroad.title in page
    for left_out in ("At home", "Unpublished", "Last year&#x27;s round"):
        assert left_out not in page


def test_choosing_the_same_challenge_twice_is_explained_and_nothing_is_saved(
    client_of, provider, challenges_abroad, solutions_call
):
    client = client_of(provider.user)
    draft = start(client, solutions_call, provider.organisation)
    twice = challenges_abroad[0].pk

    response = client.post(step(draft, "interests"), {"choice_1": twice, "choice_2": twice})

    assert response.status_code == 200
    assert "Choose each challenge once." in response.content.decode()
    assert draft.ranked_interests() == []


def test_submitting_without_a_challenge_of_interest_lists_it_as_missing(client_of, provider):
    draft = SolutionFactory(organisation=provider.organisation, status="draft")

    response = client_of(provider.user).post(reverse("solutions:check", kwargs={"pk": draft.pk}))

    assert response.status_code == 400
    step = reverse("solutions:step", kwargs={"pk": draft.pk, "step": "interests"})
    link = f'<a href="{step}#id_choice_1">Challenges you want to help with</a>'
    assert link in response.content.decode().split('class="error-summary"')[1]
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_a_proposal_posted_after_the_deadline_is_refused_and_kept(
    client_of, provider, challenges_abroad, solutions_call
):
    call = solutions_call
    draft = SolutionFactory(
        organisation=provider.organisation, call=call, status="draft", interests=challenges_abroad
    )
    call.closes_at = timezone.now() - timedelta(minutes=1)
    call.save()

    response = client_of(provider.user).post(reverse("solutions:check", kwargs={"pk": draft.pk}))

    assert response.status_code == 400
    assert "The call closed on" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_another_team_cannot_read_edit_or_download_a_proposal(
    client_of, provider, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    draft = SolutionFactory(organisation=provider.organisation, status="draft")
    client_of(provider.user).post(
        reverse("solutions:files", kwargs={"pk": draft.pk}), {"file": upload("a.pdf", PDF)}
    )
    attachment = draft.attachments.get()
    download = reverse("solutions:attachment", kwargs={"pk": draft.pk, "file_pk": attachment.pk})
    outsider = client_of(MembershipFactory().user)

    for url in (
        reverse("solutions:overview", kwargs={"pk": draft.pk}),
        step(draft, "about"),
        reverse("solutions:check", kwargs={"pk": draft.pk}),
        download,
    ):
        assert outsider.get(url).status_code == 404
    assert outsider.post(step(draft, "about"), {"title": "Mine now"}).status_code == 404
    assert client_of(provider.user).get(download).status_code == 200
    assert client_of(secretariat_user()).get(download).status_code == 200
    assert client_of(secretariat_user(second_factor=False)).get(download).status_code == 404
    draft.refresh_from_db()
    assert draft.title != "Mine now"


def test_draft_reminders_go_out_once_a_week_and_once_a_day_before_the_deadline(provider):
    call = SolutionsCallFactory()
    SolutionFactory(organisation=provider.organisation, call=call, status="draft")
    SolutionFactory(call=call)  # submitted: no reminder
    deadline = call.closes_at

    for hours_before in (6 * 24 + 23, 6 * 24 + 22, 20, 19):
        solution_draft_reminders_send(now=deadline - timedelta(hours=hours_before))

    reminders = provider.user.notifications.filter(key__startswith="solution-reminder-")
    assert reminders.count() == 2


def test_my_proposals_page_keeps_its_query_count_as_proposals_grow(
    client_of, provider, queries_to_render, django_assert_max_num_queries
):
    SolutionFactory.create_batch(3, organisation=provider.organisation)
    client = client_of(provider.user)
    url = reverse("solutions:mine")
    few = queries_to_render(client, url)

    SolutionFactory.create_batch(297, organisation=provider.organisation)

    with django_assert_max_num_queries(few):
        page = client.get(url).content.decode()
    assert page.count("Assisted digital service points") == 300


def test_a_person_without_a_team_is_asked_to_register_one(client_of):
    SolutionsCallFactory()

    page = client_of(UserFactory()).get(reverse("solutions:new")).content.decode()

    assert "Solution proposals belong to a government team" in page
