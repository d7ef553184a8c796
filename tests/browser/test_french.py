"""A visitor switches to French, and the main journeys are in French: the test reads every
text on each page (visible, for screen readers, and in labels and titles) and fails on
English interface text. The content people wrote is in French here, so any English left
on a page is the interface's. axe-core checks every page on the way."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from tests.browser.journey import follow, submit, visit
from tests.cohorts.factories import CohortFactory, SessionFactory, cohort_member
from tests.factories import (
    PASSWORD,
    CallFactory,
    ChallengeFactory,
    OrganisationFactory,
    ProgrammeFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.browser

CATALOG = Path(settings.BASE_DIR) / "locale/fr/LC_MESSAGES/django.po"
# Words that only English has; one of them in a text means an English sentence is left.
ENGLISH_WORDS = re.compile(
    r"\b(the|and|your|you|with|this|are|is|of|to|for|from|have|has|will|which|what|when|"
    r"please|here|there|yet|no longer|sign|submit|save|team|call|challenge)\b",
    re.IGNORECASE,
)
# Every text on the page, except scripts and parts marked as another language (the
# language switcher names each language in its own).
TEXTS = """() => {
  const skip = (el) => !el || el.closest('script, style, [lang]:not([lang="fr"])');
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (skip(node.parentElement)) continue;
    const text = node.textContent.replace(/\\s+/g, " ").trim();
    if (text) texts.push(text);
  }
  for (const el of document.querySelectorAll("[aria-label], [title], [placeholder], [alt]")) {
    if (skip(el)) continue;
    for (const name of ["aria-label", "title", "placeholder", "alt"]) {
      const value = el.getAttribute(name);
      if (value && value.trim()) texts.push(value.trim());
    }
  }
  texts.push(document.title);
  return texts;
}"""


def english_messages() -> list[re.Pattern]:
    """The interface's English messages whose French differs, as patterns that match a
    whole text with its placeholders filled in."""
    source = CATALOG.read_text(encoding="utf-8")
    entries = re.findall(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n)+)', source, re.M)
    patterns = []
    for msgid, msgstr in entries:
        english = "".join(re.findall(r'"(.*)"', msgid)).replace('\\"', '"')
        french = "".join(re.findall(r'"(.*)"', msgstr)).replace('\\"', '"')
        if english == french or len(re.sub(r"%\(\w+\)[sd]|%s|\W", "", english)) < 4:
            continue
        parts = re.split(r"%\(\w+\)[sd]|%s|\{\}", english.replace("\\n", " "))
        pattern = ".+?".join(re.escape(" ".join(part.split())) for part in parts)
        patterns.append(re.compile(rf"^{pattern}$"))
    return patterns


def assert_in_french(page: Page, messages: list[re.Pattern]) -> None:
    assert page.locator("html").get_attribute("lang") == "fr", page.url
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Page introuvable")
    english = []
    for text in page.evaluate(TEXTS):
        if ENGLISH_WORDS.search(text) or any(message.match(text) for message in messages):
            english.append(text)
    assert not english, f"English left on {page.url}:\n" + "\n".join(sorted(set(english)))


@pytest.fixture
def round_in_french():
    programme = ProgrammeFactory(
        slug="incubateur-2027",
        name="Incubateur d'innovation 2027",
        description="Des administrations qui s'entraident.",
    )
    call = CallFactory(
        programme=programme,
        title="Appel à défis 2027",
        introduction="Décrivez un problème sur lequel votre équipe bute.",
    )
    ecoles = ThemeFactory(name="Écoles et territoires", slug="ecoles")
    team = OrganisationFactory(
        name="Office régional de l'éducation des Açores",
        country="PT",
        description="Les écoles des îles.",
    )
    challenge = ChallengeFactory(
        call=call,
        organisation=team,
        themes=[ecoles],
        published=True,
        title="Des élèves privés d'école quand les bateaux s'arrêtent",
        summary="Chaque hiver, les tempêtes coupent les liaisons vers les îles.",
        problem_statement="Les élèves des îles perdent des semaines de cours.",
        context="Deux mille élèves sur six îles.",
        tried="Des cours par satellite.",
        constraints="Les horaires des enseignants sont fixés par contrat.",
        expertise_sought="Une école à distance qui marche hors ligne.",
        hoped_outcome="Aucun élève ne perd plus d'une semaine.",
        meeting_windows="Le matin, heure des Açores",
        languages=["pt", "fr"],
    )
    cohort = CohortFactory(programme=programme, name="Cohorte 2027", description="Trente équipes.")
    SessionFactory(
        cohort=cohort,
        theme=ecoles,
        title="Expérimenter à ciel ouvert",
        description="Comment mener une expérience que le public peut suivre.",
        facilitators="Ana Silva",
    )
    member = cohort_member(cohort, team=team, display_name="Inès Moreau", language="fr")
    return {"challenge": challenge, "member": member, "team": team}


def test_a_visitor_who_switches_to_french_sees_every_main_page_in_french(
    page: Page, site: str, round_in_french
):
    messages = english_messages()
    challenge = round_in_french["challenge"]

    visit(page, site)
    page.get_by_label("Language").select_option("fr")
    submit(page, "Change")
    assert_in_french(page, messages)

    follow(page, page.get_by_role("navigation", name="Principal").get_by_role("link", name="Défis"))
    assert_in_french(page, messages)
    follow(page, page.get_by_role("main").get_by_role("link", name=challenge.title))
    expect(page.get_by_role("heading", level=1)).to_have_text(challenge.title)
    assert_in_french(page, messages)

    for path in ("/accounts/signup/", "/accounts/login/"):
        visit(page, f"{site}{path}")
        assert_in_french(page, messages)

    member = round_in_french["member"]
    visit(page, f"{site}/accounts/login/")
    page.locator("#id_login").fill(member.email)
    page.locator("#id_password").fill(PASSWORD)
    follow(page, page.get_by_role("main").locator("button[type=submit]"))
    visit(page, f"{site}/me/challenges/new/")
    assert_in_french(page, messages)
    submit(page, "Commencer le brouillon")
    assert_in_french(page, messages)  # the form's errors, in French
    visit(page, f"{site}/cohort/sessions/")
    assert_in_french(page, messages)
    member.refresh_from_db()
    assert member.language == "fr"
