"""While you write, in a real browser and in French: a challenge owner drafting a
challenge about digital inclusion of older people sees, in the panel beside the draft,
a past challenge on the same problem from another country, opens it, and comes back to
the draft with everything written still there. axe-core checks every page (1280 and
390 px)."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from library.index import library_refresh
from tests.browser.axe import assert_accessible
from tests.browser.journey import follow, read_in, sign_in, visit
from tests.factories import (
    CallFactory,
    ChallengeFactory,
    MembershipFactory,
    OrganisationFactory,
    ProgrammeFactory,
    ThemeFactory,
)
from tests.outcomes.factories import shown_match

pytestmark = pytest.mark.browser

PAST = "Nos aînés ne se servent pas des services publics en ligne"
TYPED = "Les aînés de nos villages ne se servent pas des services publics en ligne."


def _past_round():
    theme = ThemeFactory(
        slug="digital-inclusion", name="Digital inclusion", name_fr="Inclusion numérique"
    )
    shown_match(
        programme=ProgrammeFactory(name="Innovation Incubator 2026", name_fr="Incubateur 2026"),
        challenge__title=PAST,
        challenge__summary="Les aînés restent loin des guichets numériques.",
        challenge__problem_statement="Les aînés des villages ne vont pas en ligne.",
        challenge__written_in="fr",
        challenge__themes=[theme],
        challenge__organisation=OrganisationFactory(name="Services Québec", country="CA"),
        solution__organisation=OrganisationFactory(name="Tallinn Digital Office", country="EE"),
    )
    ChallengeFactory(
        published=True,
        title="Ferry timetables nobody reads",
        summary="Islanders miss the last boat.",
        problem_statement="Timetables change with the tides.",
        context="Twelve islands.",
        tried="Posters.",
        expertise_sought="Timetable data.",
        organisation=OrganisationFactory(country="NO"),
    )
    library_refresh()


def test_a_past_challenge_appears_beside_the_draft_and_the_draft_stays(page: Page, site: str):
    _past_round()
    membership = MembershipFactory(
        organisation=OrganisationFactory(name="Ville de Lyon", country="FR")
    )
    draft = ChallengeFactory(
        organisation=membership.organisation,
        call=CallFactory(),
        status="draft",
        title="Inclusion numérique des aînés",
        summary="Nos aînés restent loin des guichets en ligne.",
        problem_statement="",
        context="",
        tried="",
        expertise_sought="Des méthodes d’accompagnement.",
        written_in="fr",
        created_by=membership.user,
    )
    sign_in(page, site, membership.user.email)
    read_in(page, "Français")
    step = site + reverse("challenges:step", kwargs={"pk": draft.pk, "step": "problem"})
    visit(page, step)
    panel = page.get_by_role("complementary", name="Quelqu’un a peut-être déjà résolu ce problème")
    expect(panel).to_be_visible()

    page.locator("#id_problem_statement").fill(TYPED)
    expect(panel.get_by_role("link", name=PAST)).to_be_visible()  # the script asked
    expect(panel).to_contain_text("Aidé par Tallinn Digital Office (Estonie)")
    expect(panel).not_to_contain_text("Ferry timetables")
    assert_accessible(page)  # the panel as the script rewrote it

    follow(page, panel.get_by_role("button", name="Enregistrer et montrer les défis proches"))
    expect(page.locator(".error-summary")).to_have_count(0)
    expect(page.locator("#id_problem_statement")).to_have_value(TYPED)
    follow(page, panel.get_by_role("link", name=PAST))
    expect(page.get_by_role("heading", level=1)).to_have_text(PAST)
    expect(page.locator("main")).to_contain_text("Canada")
    expect(page.locator("main")).to_contain_text("Tallinn Digital Office (Estonie)")

    page.go_back()
    assert_accessible(page)
    expect(page.locator("#id_problem_statement")).to_have_value(TYPED)
    visit(page, step)  # and read afresh from the server
    expect(page.locator("#id_problem_statement")).to_have_value(TYPED)
