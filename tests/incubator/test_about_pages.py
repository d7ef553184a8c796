"""The pages every public service owes its users: how accessible it is and how to report a
problem, what it does with personal data, and how to get help; linked from the foot of
every page, in English and in French."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ABOUT = {
    "incubator:accessibility": ("Accessibility statement", "Déclaration d’accessibilité"),
    "incubator:privacy": ("Privacy notice", "Protection des données personnelles"),
    "incubator:help": ("Contact and help", "Contact et aide"),
}


def test_the_accessibility_statement_names_the_standard_its_gaps_and_how_to_report(client):
    page = client.get(reverse("incubator:accessibility")).content.decode()

    assert "WCAG" in page and "2.2 at level AA" in page
    assert "What is known not to meet the standard" in page
    assert "Files that teams attach" in page
    assert "Tell us about a problem" in page and "secretariat@example.org" in page


def test_the_privacy_notice_says_what_why_how_long_who_and_how_to_ask(client, settings):
    settings.SECRETARIAT_EMAIL = "data@incubator.example.org"

    page = client.get(reverse("incubator:privacy")).content.decode()

    for heading in ("What is kept, and why", "Who can see it", "For how long", "Your rights"):
        assert heading in page
    assert "data@incubator.example.org" in page
    assert "one-way hash" in page and "No advertising or tracking cookies" in page


def test_the_help_page_gives_the_address_to_write_to(client):
    page = client.get(reverse("incubator:help")).content.decode()

    assert 'href="mailto:secretariat@example.org"' in page
    assert "I cannot sign in" in page


@pytest.mark.parametrize("url", ["incubator:home", "account_login", "incubator:dashboard"])
def test_every_page_links_to_the_three_from_its_footer(client, client_of, url):
    if url == "incubator:dashboard":
        client_of(UserFactory())
    page = client.get(reverse(url)).content.decode()
    footer = page.split('class="site-footer"')[1]

    for name, (title, _french) in ABOUT.items():
        assert f'href="{reverse(name)}">{title}</a>' in footer


@pytest.mark.parametrize("name", ABOUT)
def test_each_page_is_in_french_for_a_french_reader(client_of, name):
    client = client_of(UserFactory(language="fr"))

    page = client.get(reverse(name)).content.decode()

    assert f"<h1>{ABOUT[name][1]}</h1>" in page
    assert "secretariat@example.org" in page
