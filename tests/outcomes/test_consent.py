"""A team's consent to the showcase: any member gives or withdraws it from their own
page, and a match leaves the public pages the moment one of its teams withdraws."""

import pytest
from django.urls import reverse

from incubator.models import AuditEntry
from outcomes.models import ShowcaseConsent
from tests.factories import OrganisationFactory, ProgrammeFactory, UserFactory
from tests.outcomes.factories import (
    ConfirmedMatchFactory,
    StoryFactory,
    SurveyFactory,
    consent,
    member_of,
    shown_match,
)

pytestmark = pytest.mark.django_db

MINE = reverse("outcomes:mine")


def consent_url(organisation, programme):
    return reverse(
        "outcomes:consent", kwargs={"organisation_pk": organisation.pk, "slug": programme.slug}
    )


def showcase_url(programme):
    return reverse("outcomes:showcase", kwargs={"slug": programme.slug})


def case_url(match):
    return reverse("outcomes:showcase_case", kwargs={"slug": match.programme.slug, "pk": match.pk})


def test_the_dashboard_leads_to_the_teams_outcomes_page(client_for):
    client = client_for(UserFactory())

    assert f'href="{MINE}"' in client.get(reverse("incubator:dashboard")).content.decode()


def test_both_teams_consent_from_their_own_pages_and_the_match_appears(
    client_for, client, django_capture_on_commit_callbacks
):
    match = ConfirmedMatchFactory(challenge__title="Island pupils miss school")
    owner = member_of(match.challenge.organisation)
    provider = member_of(match.solution.organisation)

    owner_page = client_for(owner).get(MINE).content.decode()
    assert "Island pupils miss school" in owner_page
    assert "Give our consent" in owner_page
    client_for(owner).post(
        consent_url(match.challenge.organisation, match.programme), {"consent": "give"}
    )
    waiting = client_for(owner).get(MINE).content.decode()
    assert f"No: waiting for the consent of {match.solution.organisation.name}." in waiting
    assert (
        "Island pupils miss school"
        not in client.get(showcase_url(match.programme)).content.decode()
    )

    with django_capture_on_commit_callbacks(execute=True):  # counted again once committed
        client_for(provider).post(
            consent_url(match.solution.organisation, match.programme), {"consent": "give"}
        )

    shown = client.get(showcase_url(match.programme)).content.decode()
    assert "1 match" in shown
    assert "Island pupils miss school" in shown
    assert ShowcaseConsent.objects.filter(given=True).count() == 2
    assert AuditEntry.objects.filter(action="showcase.consent_given").count() == 2


def test_a_team_that_withdraws_consent_disappears_from_the_showcase_at_once(
    client_for, client, django_capture_on_commit_callbacks
):
    match = shown_match(
        challenge__title="Island pupils miss school",
        solution__organisation=OrganisationFactory(name="Tallinn Digital Office", country="EE"),
    )
    StoryFactory(match=match, title="What the islands taught us")
    provider = member_of(match.solution.organisation)
    assert client.get(case_url(match)).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(provider).post(
            consent_url(match.solution.organisation, match.programme), {"consent": "withdraw"}
        )

    page = client.get(showcase_url(match.programme)).content.decode()
    assert response.status_code == 302
    assert "Island pupils miss school" not in page
    assert "Tallinn Digital Office" not in page
    assert "0 matches" in page
    assert "What the islands taught us" not in page
    assert client.get(case_url(match)).status_code == 404
    assert AuditEntry.objects.filter(action="showcase.consent_withdrawn").exists()


def test_nobody_consents_for_a_team_they_do_not_belong_to(client_for):
    match = ConfirmedMatchFactory()
    outsider = member_of(OrganisationFactory())

    response = client_for(outsider).post(
        consent_url(match.challenge.organisation, match.programme), {"consent": "give"}
    )

    assert response.status_code == 404
    assert not ShowcaseConsent.objects.exists()


def test_a_team_without_a_confirmed_match_in_the_programme_cannot_consent(client_for):
    organisation = OrganisationFactory()
    ConfirmedMatchFactory(state="proposed", challenge__organisation=organisation)
    programme = ProgrammeFactory()
    client = client_for(member_of(organisation))

    response = client.post(consent_url(organisation, programme), {"consent": "give"}, follow=True)

    assert "This team has no confirmed match in this programme." in response.content.decode()
    assert not ShowcaseConsent.objects.exists()


def test_a_consent_form_tampered_with_is_refused_without_an_error_page(client_for):
    match = ConfirmedMatchFactory()
    client = client_for(member_of(match.challenge.organisation))

    response = client.post(
        consent_url(match.challenge.organisation, match.programme), {"consent": "always"}
    )

    assert response.status_code == 400
    # The address opened directly goes back to the page with the consent buttons.
    opened = client.get(consent_url(match.challenge.organisation, match.programme))
    assert (opened.status_code, opened["Location"]) == (302, MINE)


def test_a_visitor_is_asked_to_sign_in(client):
    response = client.get(MINE)

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_teams_page_issues_as_many_queries_with_300_matches_as_with_3(
    client_for, queries_to_render, django_assert_max_num_queries
):
    owner = OrganisationFactory()
    programme = ProgrammeFactory()
    person = member_of(owner)
    client = client_for(person)

    def a_match():
        match = ConfirmedMatchFactory(programme=programme, challenge__organisation=owner)
        SurveyFactory(match=match)
        StoryFactory(match=match, state="rejected", rejection_reason="Too short.")

    for _ in range(3):
        a_match()
    consent(programme, owner)
    few = queries_to_render(client, MINE)

    for _ in range(297):
        a_match()

    with django_assert_max_num_queries(few):
        page = client.get(MINE).content.decode()
    assert page.count("Change your story") == 300
