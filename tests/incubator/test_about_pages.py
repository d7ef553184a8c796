"""The pages every public service owes its users: how accessible it is and how to report a
problem, what it does with personal data, its cookies, its terms, and how to get help;
linked from the foot of every page, in English and in French. These read the built-in
texts; tests/incubator/test_page_editing.py reads the secretariat's versions."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ABOUT = {
    "incubator:accessibility": ("Accessibility statement", "Déclaration d’accessibilité"),
    "incubator:privacy": ("Privacy notice", "Protection des données personnelles"),
    "incubator:help": ("Help with the programme", "Aide sur le programme"),
    "incubator:faq": ("Frequently asked questions", "Questions fréquentes"),
    "incubator:cookies": ("Cookies", "Cookies"),
    "incubator:terms": ("Terms of participation", "Conditions de participation"),
}
FOOTER = {**ABOUT, "incubator:contact": ("Contact the secretariat", "Contacter le secrétariat")}


def test_the_accessibility_statement_names_the_standard_its_gaps_and_how_to_report(client):
    page = client.get(reverse("incubator:accessibility")).content.decode()

    assert "WCAG" in page and "2.2 at level AA" in page
    assert "What is known not to meet the standard" in page
    assert "Files that teams attach" in page
    assert "Tell us about a problem" in page and "secretariat@example.org" in page
    assert "axe-core" in page and "1280 pixels" in page and "keyboard alone" in page
    assert f'href="{reverse("incubator:contact")}"' in page
    assert "Last reviewed 2 December 2026" in page


def test_the_privacy_notice_says_what_why_how_long_who_and_how_to_ask(client, settings):
    settings.SECRETARIAT_EMAIL = "data@incubator.example.org"

    page = client.get(reverse("incubator:privacy")).content.decode()

    for heading in (
        "Why the portal may keep it",
        "What is kept, and why",
        "Who can see it",
        "For how long",
        "Your rights",
    ):
        assert heading in page
    assert "Article 6(1)(e) of the GDPR" in page and "Reviewers see the submissions" in page
    assert "data@incubator.example.org" in page
    assert "one-way hash" in page and "No advertising or tracking cookies" in page


def test_the_help_page_walks_through_the_stages_and_gives_the_ways_to_write(client):
    page = client.get(reverse("incubator:help")).content.decode()

    for stage in ("Submission", "Screening", "Review", "Decisions", "Matching", "Incubation"):
        assert f"<strong>{stage}</strong>" in page
    assert 'href="mailto:secretariat@example.org"' in page
    assert f'href="{reverse("incubator:contact")}">Write to the secretariat</a>' in page


def test_the_questions_answer_signing_in_and_too_many_emails(client):
    page = client.get(reverse("incubator:faq")).content.decode()

    assert "I cannot sign in" in page and "I get too many emails" in page


def test_the_cookie_statement_lists_each_cookie_the_portal_sets(client, settings):
    page = client.get(reverse("incubator:cookies")).content.decode()

    for name in ("sessionid", "csrftoken", "django_language", "browser_zone", "messages"):
        assert f"<code>{name}</code>" in page
    assert 'class="table-wrap" role="region" tabindex="0"' in page


def test_the_terms_say_who_may_take_part_and_what_is_published(client):
    page = client.get(reverse("incubator:terms")).content.decode()

    assert "Who may take part" in page and "public challenge pages" in page
    assert "Version 1" in page


@pytest.mark.parametrize("url", ["incubator:home", "account_login", "incubator:dashboard"])
def test_every_page_links_to_each_of_them_from_its_footer(client, client_of, url):
    if url == "incubator:dashboard":
        client_of(UserFactory())
    page = client.get(reverse(url)).content.decode()
    footer = page.split('class="site-footer"')[1]

    for name, (title, _french) in FOOTER.items():
        assert f'href="{reverse(name)}">{title}</a>' in footer


@pytest.mark.parametrize("name", ABOUT)
def test_each_page_is_in_french_for_a_french_reader(client_of, name):
    client = client_of(UserFactory(language="fr"))

    page = client.get(reverse(name)).content.decode()

    assert f"<h1>{ABOUT[name][1]}</h1>" in page
    assert "Dernière révision le 2 décembre 2026" in page
