"""What teams share with the cohort: resources (files checked by their content, and
links) tagged by theme and searchable, and an opportunities board whose posts leave it
when their date is over."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cohorts.models import Opportunity, Resource
from cohorts.services import opportunity_post
from tests.challenges.files import PDF, PNG, upload
from tests.cohorts.factories import (
    CohortFactory,
    OpportunityFactory,
    ResourceFactory,
    cohort_member,
)
from tests.factories import ThemeFactory, secretariat_user

pytestmark = pytest.mark.django_db

RESOURCES = reverse("cohorts:resources")
SHARE = reverse("cohorts:resource_new")
BOARD = reverse("cohorts:opportunities")
POST = reverse("cohorts:opportunity_new")


def page_of(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


# Resources -------------------------------------------------------------------------------


def test_a_member_shares_a_link_tagged_by_theme_and_the_cohort_finds_it(client_of):
    cohort = CohortFactory()
    member, colleague_abroad = cohort_member(cohort), cohort_member(cohort)
    theme = ThemeFactory(slug="citizen-involvement", name="Citizen involvement")

    response = client_of(member).post(
        SHARE,
        {
            "organisation": member.organisations.get().pk,
            "title": "Citizen assembly handbook",
            "description": "How Ireland ran its assemblies.",
            "themes": [theme.pk],
            "url": "https://handbook.example/assemblies",
        },
        follow=True,
    )

    assert "is shared" in response.content.decode()
    page = page_of(client_of(colleague_abroad), RESOURCES, q="assembly", theme=theme.slug)
    assert "Citizen assembly handbook" in page
    assert "https://handbook.example/assemblies" in page
    assert member.organisations.get().name in page


def test_a_shared_file_is_checked_by_its_content_and_downloads_for_the_cohort(client_of):
    cohort = CohortFactory()
    member, colleague = cohort_member(cohort), cohort_member(cohort)
    theme = ThemeFactory()
    client = client_of(member)

    refused = client.post(
        SHARE,
        {
            "organisation": member.organisations.get().pk,
            "title": "Slides that are not a PDF",
            "themes": [theme.pk],
            "file": upload("slides.pdf", PNG),
        },
    )
    accepted = client.post(
        SHARE,
        {
            "organisation": member.organisations.get().pk,
            "title": "Evaluation template",
            "themes": [theme.pk],
            "file": upload("template.pdf", PDF),
        },
    )

    assert refused.status_code == 400
    assert "named like another kind of file" in refused.content.decode()
    assert 'value="Slides that are not a PDF"' in refused.content.decode()
    assert accepted.status_code == 302
    resource = Resource.objects.get()
    assert (resource.title, resource.file_kind) == ("Evaluation template", "pdf")
    download = client_of(colleague).get(
        reverse("cohorts:resource_file", kwargs={"pk": resource.pk})
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF


def test_a_resource_needs_a_link_or_a_file_but_not_both(client_of):
    member = cohort_member(CohortFactory())
    theme = ThemeFactory()
    base = {"organisation": member.organisations.get().pk, "title": "Guide", "themes": [theme.pk]}

    neither = client_of(member).post(SHARE, base)
    both = client_of(member).post(
        SHARE, {**base, "url": "https://x.example", "file": upload("a.pdf", PDF)}
    )

    assert "Give a link, or add a file." in neither.content.decode()
    assert "Share either a link or a file, not both." in both.content.decode()
    assert not Resource.objects.exists()


def test_a_member_cannot_share_in_the_name_of_another_team(client_of):
    cohort = CohortFactory()
    member, other = cohort_member(cohort), cohort_member(cohort)

    response = client_of(member).post(
        SHARE,
        {
            "organisation": other.organisations.get().pk,
            "title": "Guide",
            "themes": [ThemeFactory().pk],
            "url": "https://x.example",
        },
    )

    assert response.status_code == 400
    assert not Resource.objects.exists()


def test_people_outside_the_cohort_see_no_resource_and_cannot_download_one(client_of):
    cohort = CohortFactory()
    resource = ResourceFactory(cohort=cohort, title="Internal evaluation")
    outsider = cohort_member(CohortFactory())
    client = client_of(outsider)

    assert "Internal evaluation" not in page_of(client, RESOURCES)
    assert (
        client.get(reverse("cohorts:resource_file", kwargs={"pk": resource.pk})).status_code == 404
    )
    assert (
        client.post(reverse("cohorts:resource_remove", kwargs={"pk": resource.pk})).status_code
        == 404
    )
    assert Resource.objects.filter(pk=resource.pk).exists()


def test_a_visitor_is_asked_to_sign_in_for_resources(client):
    resource = ResourceFactory()

    assert client.get(RESOURCES).status_code == 302
    assert (
        client.get(reverse("cohorts:resource_file", kwargs={"pk": resource.pk})).status_code == 302
    )


def test_the_secretariat_shares_a_resource_in_its_own_name(client_of):
    cohort = CohortFactory()
    member = cohort_member(cohort)
    desk = client_of(secretariat_user())

    desk.post(
        reverse("cohorts:desk_cohort_resource_new", kwargs={"pk": cohort.pk}),
        {"title": "Reading list", "themes": [ThemeFactory().pk], "url": "https://read.example"},
    )

    page = page_of(client_of(member), RESOURCES)
    assert "Reading list" in page
    assert "The secretariat" in page


def test_the_list_offers_remove_to_whoever_may_remove_a_resource_and_to_nobody_else(client_of):
    # The button follows the rule the removal itself applies: the sharer, a member of the
    # team it was shared for, and the secretariat.
    cohort = CohortFactory()
    sharer = cohort_member(cohort)
    team = sharer.memberships.get().organisation
    ResourceFactory(cohort=cohort, organisation=team, shared_by=sharer, title="Field guide")
    teammate, outsider = cohort_member(cohort, team=team), cohort_member(cohort)
    remove = 'Remove<span class="visually-hidden"> Field guide'

    assert remove in page_of(client_of(sharer), RESOURCES)
    assert remove in page_of(client_of(teammate), RESOURCES)
    assert remove in page_of(client_of(secretariat_user()), RESOURCES)
    assert "Field guide" in page_of(client_of(outsider), RESOURCES)
    assert remove not in page_of(client_of(outsider), RESOURCES)


def test_the_resources_page_issues_as_many_queries_with_300_resources_as_with_3(
    client_of, queries_to_render, django_assert_max_num_queries
):
    cohort = CohortFactory()
    member = cohort_member(cohort)
    team = member.organisations.get()
    themes = [ThemeFactory(slug="scaling", name="Scaling"), ThemeFactory()]
    ResourceFactory.create_batch(
        3, cohort=cohort, themes=themes, organisation=team, shared_by=member
    )
    client = client_of(member)
    urls = [RESOURCES, f"{RESOURCES}?q=guide&theme=scaling"]
    few = {url: queries_to_render(client, url) for url in urls}

    ResourceFactory.create_batch(
        297, cohort=cohort, themes=themes, organisation=team, shared_by=member
    )

    for url, count in few.items():
        with django_assert_max_num_queries(count):
            page = client.get(url).content.decode()
        assert "300 resources" in page


# Opportunities ---------------------------------------------------------------------------


def test_a_member_posts_an_opportunity_that_the_cohort_sees(client_of):
    cohort = CohortFactory()
    member, colleague = cohort_member(cohort), cohort_member(cohort)
    until = (timezone.now() + timedelta(days=20)).date()

    response = client_of(member).post(
        POST,
        {
            "organisation": member.organisations.get().pk,
            "kind": "partnership",
            "title": "Partner wanted for a benefits pilot",
            "description": "Six months, remote.",
            "url": "https://pilot.example",
            "expires_on": until.isoformat(),
        },
        follow=True,
    )

    assert "is on the board" in response.content.decode()
    page = page_of(client_of(colleague), BOARD)
    assert "Partner wanted for a benefits pilot" in page
    assert "Partnership" in page


def test_an_expiry_date_in_the_past_is_refused_with_a_message_and_nothing_is_lost(client_of):
    member = cohort_member(CohortFactory())
    yesterday = (timezone.now() - timedelta(days=2)).date()

    response = client_of(member).post(
        POST,
        {
            "organisation": member.organisations.get().pk,
            "kind": "event",
            "title": "Open government week",
            "description": "Talks and workshops.",
            "expires_on": yesterday.isoformat(),
        },
    )
    page = response.content.decode()

    assert response.status_code == 400
    assert "This date has passed" in page
    assert 'value="Open government week"' in page
    assert "Talks and workshops." in page
    assert not Opportunity.objects.exists()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31/02/2030", "Enter a date such as 2027-03-26"),
        ("2090-12-31", "within the next five years"),
        ("9999-12-31", "enter a date from 2000 to 2100"),
    ],
)
def test_a_malformed_or_far_away_expiry_date_gets_a_clear_message(client_of, typed, message):
    member = cohort_member(CohortFactory())

    response = client_of(member).post(
        POST,
        {
            "organisation": member.organisations.get().pk,
            "kind": "event",
            "title": "Open government week",
            "expires_on": typed,
        },
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Opportunity.objects.exists()


def test_an_opportunity_leaves_the_board_when_its_day_is_over_in_the_teams_zone():
    cohort = CohortFactory()
    member = cohort_member(cohort)
    team = member.organisations.get()
    team.time_zone = "Pacific/Auckland"
    team.save()
    posted = datetime(2030, 5, 1, 9, 0, tzinfo=UTC)
    opportunity = opportunity_post(
        cohort=cohort,
        organisation=team,
        by=member,
        kind="call",
        title="Innovation fund call",
        description="",
        url="",
        expires_on=date(2030, 5, 10),
        now=posted,
    )

    # The 10th ends at midnight in Auckland (UTC+12 in May): 12:00 UTC on the 10th.
    assert opportunity.expires_at == datetime(2030, 5, 10, 12, 0, tzinfo=UTC)


def test_expired_opportunities_are_not_on_the_board(client_of):
    cohort = CohortFactory()
    member = cohort_member(cohort)
    OpportunityFactory(cohort=cohort, title="Still open")
    OpportunityFactory(
        cohort=cohort,
        title="Already over",
        expires_on=date(2020, 1, 1),
        expires_at=datetime(2020, 1, 2, tzinfo=UTC),
    )

    page = page_of(client_of(member), BOARD)

    assert "Still open" in page
    assert "Already over" not in page
    assert "1 opportunity" in page


def test_people_outside_the_cohort_see_nothing_of_its_board(client_of):
    OpportunityFactory(title="Internal call")
    outsider = cohort_member(CohortFactory())

    assert "Internal call" not in page_of(client_of(outsider), BOARD)


def test_the_posting_team_can_take_its_opportunity_off_the_board_and_others_cannot(client_of):
    cohort = CohortFactory()
    opportunity = OpportunityFactory(cohort=cohort)
    poster = cohort_member(cohort, team=opportunity.organisation)
    other = cohort_member(cohort)
    url = reverse("cohorts:opportunity_remove", kwargs={"pk": opportunity.pk})

    client_of(other).post(url, {"confirmed": "yes"})
    assert Opportunity.objects.filter(pk=opportunity.pk).exists()
    asked = client_of(poster).get(url).content.decode()
    assert f"Take “{opportunity.title}” off the board?" in asked
    assert Opportunity.objects.filter(pk=opportunity.pk).exists()
    client_of(poster).post(url, {"confirmed": "yes"})
    assert not Opportunity.objects.filter(pk=opportunity.pk).exists()


def test_the_board_issues_as_many_queries_with_300_opportunities_as_with_3(
    client_of, queries_to_render, django_assert_max_num_queries
):
    cohort = CohortFactory()
    member = cohort_member(cohort)
    team = member.organisations.get()
    OpportunityFactory.create_batch(3, cohort=cohort, organisation=team, posted_by=member)
    client = client_of(member)
    few = queries_to_render(client, BOARD)

    OpportunityFactory.create_batch(297, cohort=cohort, organisation=team, posted_by=member)

    with django_assert_max_num_queries(few):
        page = client.get(BOARD).content.decode()
    assert "300 opportunities" in page
