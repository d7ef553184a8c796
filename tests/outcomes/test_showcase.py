"""The public showcase of a programme: only confirmed matches whose teams both consent,
with owner and provider and their countries, a chart of the countries taking part with
its table, and one page per case."""

import re

import pytest
from django.urls import reverse

from matching.models import Match
from outcomes.charts import Bar, bar_chart
from outcomes.dashboard.counts import dashboard_recount
from outcomes.models import ShowcaseConsent
from tests.factories import (
    CallFactory,
    OrganisationFactory,
    ProgrammeFactory,
    ThemeFactory,
)
from tests.outcomes.factories import ConfirmedMatchFactory, consent, shown_match
from tests.solutions.factories import SolutionsCallFactory

pytestmark = pytest.mark.django_db


def showcase_url(programme, **params):
    url = reverse("outcomes:showcase", kwargs={"slug": programme.slug})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def case_url(match):
    return reverse("outcomes:showcase_case", kwargs={"slug": match.programme.slug, "pk": match.pk})


def page_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def programme():
    return ProgrammeFactory(slug="incubator-2027", name="Incubator 2027")


def team(name, country, level="national"):
    return OrganisationFactory(name=name, country=country, level=level)


def test_a_visitor_sees_the_matches_whose_teams_both_consent_with_their_countries(
    client, programme
):
    shown_match(
        programme=programme,
        challenge__title="Island pupils miss school",
        challenge__organisation=team("Azores Education Office", "PT", "regional"),
        solution__organisation=team("Tallinn Digital Office", "EE"),
    )

    page = page_of(client, showcase_url(programme))

    assert "1 match" in page
    assert "Island pupils miss school" in page
    assert "Azores Education Office, Portugal" in page
    assert "Tallinn Digital Office, Estonia" in page


def test_a_match_is_hidden_until_every_team_in_it_consents(client, programme):
    match = ConfirmedMatchFactory(programme=programme, challenge__title="Queues at the registry")
    url = showcase_url(programme)

    assert "Queues at the registry" not in page_of(client, url)
    consent(programme, match.challenge.organisation)
    assert "Queues at the registry" not in page_of(client, url)
    assert client.get(case_url(match)).status_code == 404
    consent(programme, match.solution.organisation)
    assert "Queues at the registry" in page_of(client, url)
    assert client.get(case_url(match)).status_code == 200


@pytest.mark.parametrize("state", [Match.State.PROPOSED, Match.State.REJECTED])
def test_matches_the_secretariat_has_not_confirmed_never_appear(client, programme, state):
    match = shown_match(programme=programme, state=state, challenge__title="Unconfirmed pair")

    assert "Unconfirmed pair" not in page_of(client, showcase_url(programme))
    assert client.get(case_url(match)).status_code == 404


def test_consent_to_one_programme_does_not_show_a_team_in_another(client, programme):
    other = ProgrammeFactory()
    match = ConfirmedMatchFactory(programme=programme, challenge__title="Flood warnings")
    consent(other, match.challenge.organisation, match.solution.organisation)

    assert "Flood warnings" not in page_of(client, showcase_url(programme))
    assert "Flood warnings" not in page_of(client, showcase_url(other))


def test_a_case_page_carries_country_level_sector_stage_and_tags(client, programme):
    owner = team("Azores Education Office", "PT", "regional")
    match = shown_match(
        programme=programme,
        challenge__organisation=owner,
        challenge__title="Island pupils miss school",
        challenge__sector="education",
        challenge__lifecycle_stage="implementation",
        challenge__themes=[ThemeFactory(slug="inclusion", name="Digital inclusion")],
        solution__organisation=team("Nairobi County", "KE", "local"),
        solution__title="Radio lessons",
    )

    page = page_of(client, case_url(match))

    assert "<h1>Island pupils miss school</h1>" in page
    for shown in (
        "Azores Education Office",
        "Portugal",
        "Regional",
        "Nairobi County",
        "Kenya",
        "Local",
        "Education",
        "Implementation",
        "Digital inclusion",
        "Radio lessons",
    ):
        assert shown in page, shown


def test_a_case_page_names_the_other_providers_shown_on_the_same_challenge(client, programme):
    first = shown_match(programme=programme, solution__organisation=team("Tallinn Office", "EE"))
    shown_match(
        programme=programme,
        challenge=first.challenge,
        solution__organisation=team("Santiago Digital", "CL"),
    )
    hidden = ConfirmedMatchFactory(
        programme=programme,
        challenge=first.challenge,
        solution__organisation=team("Hidden Lab", "JP"),
    )

    page = page_of(client, case_url(first))

    assert "Santiago Digital, Chile" in page
    assert "Hidden Lab" not in page
    assert hidden.pk


def test_the_chart_counts_each_team_on_the_showcase_once_by_country(client, programme):
    lisbon, porto, tallinn = team("Lisbon", "PT"), team("Porto", "PT"), team("Tallinn", "EE")
    shown_match(programme=programme, challenge__organisation=lisbon, solution__organisation=tallinn)
    shown_match(programme=programme, challenge__organisation=porto, solution__organisation=tallinn)
    ConfirmedMatchFactory(
        programme=programme,
        challenge__organisation=team("Tokyo", "JP"),
        solution__organisation=team("Lima", "PE"),
    )

    page = page_of(client, showcase_url(programme))

    table = re.search(r"<tbody>(.*?)</tbody>", page, re.S).group(1)
    rows = re.findall(r'<th scope="row">([^<]+)</th><td>(\d+)</td>', table)
    assert rows == [("Portugal", "2"), ("Estonia", "1")]
    assert "3 teams on the showcase, by country" in page
    assert "Japan" not in page


def test_the_chart_groups_the_countries_by_continent(client, programme):
    shown_match(
        programme=programme,
        challenge__organisation=team("Lisbon", "PT"),
        solution__organisation=team("Tallinn", "EE"),
    )
    shown_match(
        programme=programme,
        challenge__organisation=team("Nairobi", "KE"),
        solution__organisation=team("Santiago", "CL"),
    )

    page = page_of(client, showcase_url(programme, by="continent"))

    table = re.search(r"<tbody>(.*?)</tbody>", page, re.S).group(1)
    rows = re.findall(r'<th scope="row">([^<]+)</th><td>(\d+)</td>', table)
    assert rows == [("Europe", "2"), ("Africa", "1"), ("Americas", "1")]


def test_the_chart_is_a_described_image_in_a_figure_with_its_table(client, programme):
    shown_match(programme=programme)

    page = page_of(client, showcase_url(programme))

    figure = re.search(r"<figure.*?</figure>", page, re.S).group(0)
    assert "<figcaption" in figure
    assert re.search(r'<div[^>]*role="img"[^>]*aria-labelledby="chart-title chart-desc"', figure)
    assert '<span id="chart-desc" hidden>Estonia: 1; Portugal: 1</span>' in figure
    assert "<table>" in figure


def test_an_unknown_grouping_falls_back_to_countries(client, programme):
    shown_match(programme=programme)

    page = page_of(client, showcase_url(programme, by="<script>"))

    assert "by country" in page


def test_bars_are_as_long_as_their_share_of_the_largest():
    long = "Evidence-based policymaking and evaluation"
    chart = bar_chart([Bar("PT", "Portugal", 4), Bar("EE", "Estonia", 1), Bar("XX", long, 2)])

    portugal, estonia, long_name = chart.bars
    assert (portugal.percent, estonia.percent, long_name.percent) == (100, 25, 50)
    assert long_name.label == long
    assert chart.total == 7


def test_the_showcase_of_an_unknown_programme_is_not_found(client):
    assert client.get(reverse("outcomes:showcase", kwargs={"slug": "nowhere"})).status_code == 404


def test_the_programme_page_links_to_its_showcase(client, programme):
    page = page_of(client, reverse("challenges:programme", kwargs={"slug": programme.slug}))

    assert f'href="{showcase_url(programme)}"' in page


def test_the_showcase_issues_as_many_queries_with_300_cases_as_with_3(
    client, programme, queries_to_render, django_assert_max_num_queries
):
    call, solutions_call = (
        CallFactory(programme=programme),
        SolutionsCallFactory(programme=programme),
    )
    themes = [ThemeFactory(), ThemeFactory()]
    made = {"programme": programme, "challenge__call": call, "solution__call": solutions_call}
    for _ in range(3):
        shown_match(challenge__themes=themes, **made)
    few = queries_to_render(client, showcase_url(programme))

    for _ in range(297):
        shown_match(challenge__themes=themes, **made)
    dashboard_recount(programme=programme)  # the factories go round the services

    with django_assert_max_num_queries(few):
        page = page_of(client, showcase_url(programme))
    assert "300 matches" in page
    assert "Page 1 of 15" in page
    assert ShowcaseConsent.objects.filter(given=True).count() == 600
