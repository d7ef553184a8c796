"""The secretariat's home runs the round: for the current programme, where it stands and
what needs doing now (to screen, reviews missing, decisions staged, pairs proposed), each
a link to its desk; and every secretariat page within two clicks of the navigation."""

import re
from datetime import timedelta

import pytest
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from incubator.models import Role, RoleGrant
from incubator.views.confirmation import ConfirmedAction
from matching.models import Match
from reviews.services import decision_stage
from tests.factories import (
    CallFactory,
    ChallengeFactory,
    ProgrammeFactory,
    UserFactory,
    secretariat_user,
    with_second_factor,
)
from tests.reviews.factories import (
    ReviewPhaseFactory,
    assign,
    challenge_under_review,
    reviewer,
    rubric,
)
from tests.solutions.factories import SolutionFactory, SolutionsCallFactory

pytestmark = pytest.mark.django_db

HOME = reverse("secretariat:home")


@pytest.fixture
def secretariat():
    return with_second_factor(secretariat_user(time_zone="Europe/Paris"))


@pytest.fixture
def desk(client_of, secretariat):
    return client_of(secretariat)


@pytest.fixture
def round_(secretariat):
    """A 2027 round in review: two challenges to screen, six reviews assigned of which
    one is done, two decisions staged, three pairs proposed; and an older round."""
    ProgrammeFactory(name="Innovation Incubator 2026", slug="incubator-2026")
    programme = ProgrammeFactory(name="Innovation Incubator 2027", slug="incubator-2027")
    phase = ReviewPhaseFactory(
        call=CallFactory(
            programme=programme,
            title="Call for challenges 2027",
            opens_at=timezone.now() - timedelta(days=40),
            closes_at=timezone.now() - timedelta(days=2),
        )
    )
    call = phase.call
    rubric(call)
    ChallengeFactory(call=call, status="submitted")
    ChallengeFactory(call=call, status="screening")
    items = [challenge_under_review(call) for _n in range(3)]
    for n in range(6):
        assign(items[n % 3], reviewer(), scores=[3, 3, 3], submitted=n == 0)
    for item in items[:2]:
        decision_stage(item=item, by=secretariat, outcome="select", reason="")
    solutions = SolutionsCallFactory(
        programme=programme, title="Call for solutions 2027",
        opens_at=timezone.now() + timedelta(days=10),
        closes_at=timezone.now() + timedelta(days=40),
    )  # fmt: skip
    for item in items:
        Match.objects.create(
            programme=programme,
            challenge=item.submission,
            solution=SolutionFactory(call=solutions),
            score=0.5,
        )
    return programme


def links_of(page: str) -> set[str]:
    return set(re.findall(r'href="([^"]+)"', page))


def test_the_home_says_where_the_round_stands_and_what_needs_doing(desk, round_):
    page = desk.get(HOME).content.decode()

    assert "Where Innovation Incubator 2027 stands" in page
    assert "The review of Call for challenges 2027 is open until" in page
    assert (
        "2 challenges of Call for challenges 2027 to screen (1 submitted, 1 in screening)." in page
    )
    assert "5 of 6 reviews of Call for challenges 2027 are missing; they are due on" in page
    assert "2 decisions on Call for challenges 2027 are staged, not released." in page
    assert "3 pairs proposed by matching wait for a decision." in page
    call = round_.calls.get(kind="challenges")
    links = links_of(page)
    assert f"{reverse('challenges:screening_queue')}?call={call.pk}" in links
    assert reverse("reviews:call", kwargs={"call_pk": call.pk}) in links
    assert reverse("reviews:decisions", kwargs={"call_pk": call.pk}) in links
    assert f"{reverse('matching:board', kwargs={'slug': 'incubator-2027'})}?state=proposed" in links


def test_another_programme_can_be_chosen(desk, round_):
    page = desk.get(HOME, {"programme": "incubator-2026"}).content.decode()

    assert "Where Innovation Incubator 2026 stands" in page
    assert "This programme has no call yet." in page
    assert "Nothing waits for the secretariat in this round." in page


def test_with_no_programme_the_home_offers_to_add_one(desk):
    page = desk.get(HOME).content.decode()

    assert reverse("incubator:programme_new") in page


def secretariat_desks(resolver=None, namespace="", converters=None):
    """(name, URL arguments) of every page under /secretariat/ that a person opens and
    that needs at most the programme: not an action, not a download, not the admin."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        found = {**(converters or {}), **entry.pattern.converters}
        if isinstance(entry, URLResolver):
            yield from secretariat_desks(entry, entry.namespace or namespace, found)
            continue
        if not entry.name or namespace in {"", "admin"} or not set(found) <= {"slug"}:
            continue
        if issubclass(getattr(entry.callback, "view_class", object), ConfirmedAction):
            continue
        if hasattr(entry.callback, "form_from"):
            continue
        name = f"{namespace}:{entry.name}"
        url = reverse(name, kwargs=dict.fromkeys(found, "x"))
        if url.startswith("/secretariat/") and not url.endswith((".csv", ".json", "/act/")):
            yield name, set(found)


# Pages for one programme that its row on the list of programmes leads to.
FROM_THE_LIST = {
    "incubator:programme_new",
    "incubator:programme_edit",
    "incubator:call_new",
    "outcomes:survey_answers",
    "incubator:page_edit",  # from the list of the portal's pages
}


def test_every_secretariat_desk_is_one_click_from_the_home(desk, round_):
    links = links_of(desk.get(HOME).content.decode())
    desks = {
        name: reverse(name, kwargs={"slug": round_.slug} if arguments else {})
        for name, arguments in secretariat_desks()
        if name not in FROM_THE_LIST
    }

    missing = {name: url for name, url in desks.items() if url not in links}

    assert not missing, f"not linked from the secretariat's home: {missing}"
    assert len(desks) >= 12
    assert reverse("admin:index") in links


def test_the_navigation_leads_the_secretariat_to_its_home(desk):
    page = desk.get(reverse("incubator:home")).content.decode()
    nav = page.split('aria-label="Main"', 1)[1].split("</nav>", 1)[0]

    assert f'href="{HOME}"' in nav


def test_the_home_issues_as_many_queries_for_a_large_round_as_for_a_small_one(
    desk, round_, queries_to_render, django_assert_max_num_queries
):
    few = queries_to_render(desk, HOME)
    call = round_.calls.get(kind="challenges")
    for _n in range(30):
        item = challenge_under_review(call)
        assign(item, reviewer())
        ChallengeFactory(call=call, status="submitted")
    for _n in range(5):
        CallFactory(programme=round_)

    with django_assert_max_num_queries(few):
        desk.get(HOME)


def test_only_the_secretariat_reaches_its_home(client_of):
    person = with_second_factor(UserFactory())
    RoleGrant.objects.create(user=person, role=Role.REVIEWER)

    assert client_of(person).get(HOME).status_code == 403
