"""A visitor switches to French, and the main journeys are in French: the test reads every
text on each page (visible, for screen readers, and in labels and titles) and fails on
English interface text, and on any stored text (a theme, programme, call, session or
rubric criterion) shown in English when it has a French version. The people's own texts
are in French here, so any English left on a page is the portal's. The journey goes on
to the reviewer's desk and the secretariat's pages, and reads the emails the outbox
sent. axe-core checks every page on the way."""

import re
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import generate_totp_secret
from django.conf import settings
from django.core import mail
from playwright.sync_api import Page, expect

from cohorts.models import Session
from incubator.models import Call, Programme, Theme
from reviews.models import Criterion
from tests.browser.journey import (
    current_totp_code,
    follow,
    last_email_to,
    read_in,
    submit,
    visit,
)
from tests.cohorts.factories import CohortFactory, SessionFactory, cohort_member
from tests.factories import (
    PASSWORD,
    CallFactory,
    ChallengeFactory,
    OrganisationFactory,
    ProgrammeFactory,
    ThemeFactory,
    secretariat_user,
    with_second_factor,
)
from tests.reviews.factories import (
    CriterionFactory,
    ReviewPhaseFactory,
    assign,
    challenge_under_review,
    reviewer,
)

pytestmark = pytest.mark.browser

CATALOG = Path(settings.BASE_DIR) / "locale/fr/LC_MESSAGES/django.po"
# Words that only English has; one of them in a text means an English sentence is left.
ENGLISH_WORDS = re.compile(
    r"\b(the|and|your|you|with|this|are|is|of|to|for|from|have|has|will|which|what|when|"
    r"please|here|there|yet|no longer|sign|submit|save|team|call|challenge)\b",
    re.IGNORECASE,
)
# Every text on the page, except scripts, what is typed in text areas (the English version
# of a text, on the secretariat's forms) and parts marked as another language (the
# language switcher names each language in its own).
TEXTS = """() => {
  const skip = (el) => !el || el.closest('script, style, textarea, [lang]:not([lang="fr"])');
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


def english_versions() -> list[str]:
    """The English texts of everything stored with a French version: none may show."""
    kinds = [
        (Theme, ("name", "description")),
        (Programme, ("name", "description")),
        (Call, ("title", "introduction")),
        (Session, ("title", "description")),
        (Criterion, ("name", "description")),
    ]
    return [
        getattr(row, field)
        for model, fields in kinds
        for row in model.objects.all()
        for field in fields
        if getattr(row, f"{field}_fr") and getattr(row, field)
    ]


def assert_in_french(page: Page, messages: list[re.Pattern]) -> None:
    assert page.locator("html").get_attribute("lang") == "fr", page.url
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Page introuvable")
    stored = english_versions()
    english = []
    for text in page.evaluate(TEXTS):
        if ENGLISH_WORDS.search(text) or any(message.match(text) for message in messages):
            english.append(text)
        english += [f"{version} (stored, in: {text})" for version in stored if version in text]
    assert not english, f"English left on {page.url}:\n" + "\n".join(sorted(set(english)))


@pytest.fixture
def round_in_french():
    """A round whose stored texts have an English and a French version; the teams wrote
    in French."""
    programme = ProgrammeFactory(
        slug="incubateur-2027",
        name="Innovation Incubator 2027",
        name_fr="Incubateur d'innovation 2027",
        description="Governments helping each other.",
        description_fr="Des administrations qui s'entraident.",
    )
    call = CallFactory(
        programme=programme,
        title="Call for challenges 2027",
        title_fr="Appel à défis 2027",
        introduction="Tell us about a problem your team is stuck on.",
        introduction_fr="Décrivez un problème sur lequel votre équipe bute.",
    )
    ecoles = ThemeFactory(
        name="Schools and islands", name_fr="Écoles et territoires", slug="ecoles"
    )
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
        **CHALLENGE_TEXTS,
    )
    cohort = CohortFactory(programme=programme, name="Cohorte 2027", description="Trente équipes.")
    SessionFactory(
        cohort=cohort,
        theme=ecoles,
        title="Experimenting in the open",
        title_fr="Expérimenter à ciel ouvert",
        description="How to run an experiment the public can follow.",
        description_fr="Comment mener une expérience que le public peut suivre.",
        facilitators="Ana Silva",
    )
    member = cohort_member(cohort, team=team, display_name="Inès Moreau", language="fr")
    draft = ChallengeFactory(
        call=call,
        organisation=team,
        themes=[ecoles],
        status="draft",
        submitted_at=None,
        **{**CHALLENGE_TEXTS, "title": "Des cantines sans gaspillage"},
    )
    return {"challenge": challenge, "member": member, "team": team, "draft": draft}


CHALLENGE_TEXTS = {
    "title": "Des élèves privés d'école quand les bateaux s'arrêtent",
    "summary": "Chaque hiver, les tempêtes coupent les liaisons vers les îles.",
    "problem_statement": "Les élèves des îles perdent des semaines de cours.",
    "context": "Deux mille élèves sur six îles.",
    "tried": "Des cours par satellite.",
    "constraints": "Les horaires des enseignants sont fixés par contrat.",
    "expertise_sought": "Une école à distance qui marche hors ligne.",
    "hoped_outcome": "Aucun élève ne perd plus d'une semaine.",
    "meeting_windows": "Le matin, heure des Açores",
    "languages": ["pt", "fr"],
}


def choose_french(page: Page, site: str) -> None:
    visit(page, site)
    read_in(page, "Français")


def sign_in_in_french(page: Page, site: str, user, secret: str | None = None) -> None:
    visit(page, f"{site}/accounts/login/")
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    follow(page, page.get_by_role("main").get_by_role("button", name="Connexion"))
    if secret:
        page.locator("#id_code").fill(current_totp_code(secret))
        follow(page, page.get_by_role("main").get_by_role("button", name="Connexion"))


def test_a_visitor_who_switches_to_french_sees_every_main_page_in_french(
    page: Page, site: str, round_in_french
):
    messages = english_messages()
    challenge = round_in_french["challenge"]

    visit(page, site)
    read_in(page, "Français")
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
    sign_in_in_french(page, site, member)
    visit(page, f"{site}/me/challenges/new/")
    assert_in_french(page, messages)
    submit(page, "Commencer le brouillon")
    assert_in_french(page, messages)  # the form's errors, in French
    visit(page, f"{site}/cohort/sessions/")
    assert_in_french(page, messages)
    member.refresh_from_db()
    assert member.language == "fr"
    visit(page, f"{site}/me/challenges/{round_in_french['draft'].pk}/check/")
    assert_in_french(page, messages)
    submit(page, "Soumettre le défi")
    assert_in_french(page, messages)


def test_a_french_members_emails_name_themes_and_calls_in_french_from_a_french_sender(
    page: Page, site: str, round_in_french
):
    member, draft = round_in_french["member"], round_in_french["draft"]
    choose_french(page, site)
    sign_in_in_french(page, site, member)
    visit(page, f"{site}/me/challenges/{draft.pk}/check/")
    submit(page, "Soumettre le défi")

    email = last_email_to(member.email)
    sent = next(message for message in mail.outbox if member.email in message.to)
    assert email.language == "fr"
    assert "Appel\u00a0: Appel à défis 2027" in email.body_text
    assert "Thèmes\u00a0: Écoles et territoires" in email.body_text
    for english in english_versions():
        assert english not in email.body_text
        assert english not in email.body_html
    assert sent.from_email.startswith("Incubateur d'innovation <")


def test_the_reviewers_desk_and_the_secretariats_pages_are_in_french(
    page: Page, site: str, round_in_french
):
    messages = english_messages()
    call = round_in_french["challenge"].call
    ReviewPhaseFactory(call=call)
    for position, (name, name_fr) in enumerate(
        [("Relevance", "Pertinence"), ("Novelty", "Nouveauté")]
    ):
        CriterionFactory(
            call=call,
            position=position,
            name=name,
            name_fr=name_fr,
            description="What reviewers judge.",
            description_fr="Ce que jugent les évaluateurs.",
            anchors_fr=["Très faible", "Faible", "Correct", "Solide", "Remarquable"],
        )
    item = challenge_under_review(
        call, **{**CHALLENGE_TEXTS, "title": "Des bibliothèques ouvertes le soir"}
    )
    board_member = reviewer(language="fr", display_name="Hélène Dubois")
    assignment = assign(item, board_member)

    choose_french(page, site)
    sign_in_in_french(page, site, board_member)
    visit(page, f"{site}/review/")
    assert_in_french(page, messages)
    visit(page, f"{site}/review/{assignment.pk}/")
    assert_in_french(page, messages)
    follow(page, page.get_by_role("navigation", name="Principal").get_by_role("button"))

    secret = generate_totp_secret()
    desk = with_second_factor(
        secretariat_user(language="fr", display_name="Sam Okafor"), secret=secret
    )
    sign_in_in_french(page, site, desk, secret)
    for path in (
        "/secretariat/reviews/",
        f"/secretariat/reviews/calls/{call.pk}/rubric/",
        f"/secretariat/cohorts/{round_in_french['team'].cohorts.get().pk}/",
    ):
        visit(page, f"{site}{path}")
        assert_in_french(page, messages)
