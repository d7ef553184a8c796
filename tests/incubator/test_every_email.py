"""Every email the portal can send, read as its recipient reads it: each template under an
installed app's ``templates/emails/<name>/`` is produced by the real service that queues it
(tests/incubator/email_recipes.py), in English and in French, through the outbox to the
mailer. An email must not show a Python object, a "None", an unresolved variable, a label
with no value after it, or a link that leaves the portal or leads nowhere on it."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.core import mail
from django.test.signals import template_rendered
from django.urls import Resolver404, resolve

from incubator.models import Notification
from tests.incubator.email_recipes import DATA_LINK_HOSTS, RECIPES

pytestmark = pytest.mark.django_db

SITE_URL = "https://incubator.example.org"
UNRESOLVED = "UNRESOLVED-VARIABLE"
LEAKS = ("<QuerySet", "<User:", "<Theme:", "object at 0x", "None", UNRESOLVED, "[]", "{}")
EMPTY_ELEMENT = re.compile(r"<(p|li|dd|td|strong|a)\b[^>]*>\s*</\1>")
EMPTY_MARKS = ("()", "“”", "« »", "«\u00a0»")
URL = re.compile(r"https?://[^\s<>\"')]+")
HREF = re.compile(r"href=\"([^\"]*)\"")
BARE_AMPERSAND = re.compile(r"&(?!(?:[a-z]+|#\d+|#x[0-9a-f]+);)[^\n]{0,20}")


def html_as_text(html: str) -> str:
    """The words of an HTML email, a line per element, without the blank lines between."""
    blocks = re.sub(r"</?(?:p|br|li|ul|ol|dd|dt|dl|h\d|div|pre|tr|td|th|table)\b[^>]*>", "\n", html)
    lines = re.sub(r"<[^>]+>", "", blocks).splitlines()
    return "\n".join(line for line in lines if line.strip())


def email_templates() -> list[str]:
    """Every email template of every installed app, found on disk."""
    names = set()
    for config in apps.get_app_configs():
        folder = Path(config.path) / "templates" / "emails"
        if folder.is_dir():
            names |= {path.parent.name for path in folder.glob("*/subject.txt")}
    return sorted(names)


TEMPLATES = email_templates()


@pytest.fixture
def strict_templates(settings):
    """An unresolved variable prints a marker instead of nothing; links name a real host."""
    engine = {**settings.TEMPLATES[0]}
    engine["OPTIONS"] = {**engine["OPTIONS"], "string_if_invalid": f"{UNRESOLVED}(%s)"}
    settings.TEMPLATES = [engine]
    settings.SITE_URL = SITE_URL


def produce(name: str, language: str, capture) -> tuple[Notification, list[str]]:
    """Run the recipe of one email; the person's queued email, and the templates used."""
    recipe = RECIPES.get(name)
    assert recipe, (
        f"No recipe produces the email emails/{name}/: add one to tests/incubator/email_recipes.py "
        "that runs the service which queues it."
    )
    rendered = []

    def collect(sender, template, **kwargs):
        rendered.append(template.name)

    template_rendered.connect(collect)
    try:
        with capture(execute=True):
            person = recipe(language)
    finally:
        template_rendered.disconnect(collect)
    assert f"emails/{name}/subject.txt" in rendered, f"the recipe for {name} sent another email"
    notification = Notification.objects.filter(to_email=person.email).order_by("-pk").first()
    assert notification is not None, f"the recipe for {name} queued nothing for {person.email}"
    return notification, rendered


def problems_in_text(text: str) -> list[str]:
    # Links are checked apart: a signed one (unsubscribing) may spell "None" by chance.
    words = URL.sub("", text)
    problems = [f"shows {leak!r}" for leak in LEAKS if leak in words]
    problems += [f"shows an empty {mark}" for mark in EMPTY_MARKS if mark in text]
    lines = text.splitlines()
    for number, line in enumerate(lines):
        following = lines[number + 1].strip() if number + 1 < len(lines) else ""
        if line.rstrip().endswith(":") and not following:
            problems.append(f"nothing follows the label {line.strip()!r}")
        elif re.search(r":[ \u00a0]+$", line):
            problems.append(f"the value after {line.strip()!r} is empty")
    return problems


def problems_in_link(link: str) -> list[str]:
    if link.startswith("mailto:"):
        return []
    parts = urlsplit(link)
    if not parts.scheme:
        return [f"the link {link!r} names no host: it cannot work from a mailbox"]
    if f"{parts.scheme}://{parts.netloc}" != SITE_URL:
        if parts.hostname in DATA_LINK_HOSTS:
            return []
        return [f"the link {link!r} leaves the portal ({SITE_URL})"]
    try:
        resolve(parts.path)
    except Resolver404:
        return [f"the link {link!r} leads to no page of the portal"]
    return []


def email_problems(subject: str, text: str, html: str) -> list[str]:
    problems = [f"subject {p}" for p in problems_in_text(subject)]
    problems += [f"text {p}" for p in problems_in_text(text)]
    problems += [f"HTML {p}" for p in problems_in_text(html_as_text(html))]
    problems += [f"HTML has an empty {m.group(0)!r}" for m in EMPTY_ELEMENT.finditer(html)]
    problems += [f"HTML has a bare {m.group(0)!r}" for m in BARE_AMPERSAND.finditer(html)]
    links = [link.rstrip(".,;:") for link in URL.findall(text)]
    links += HREF.findall(html)
    for link in links:
        problems += problems_in_link(link)
    return problems


def test_every_email_template_is_found():
    assert len(TEMPLATES) >= 18
    assert {"challenge_submitted", "match_introduction", "session_reminder"} <= set(TEMPLATES)


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("name", TEMPLATES)
def test_the_email_reads_as_its_recipient_should_read_it(
    name, language, strict_templates, django_capture_on_commit_callbacks
):
    notification, _templates = produce(name, language, django_capture_on_commit_callbacks)

    assert notification.language == language
    problems = email_problems(notification.subject, notification.body_text, notification.body_html)
    assert not problems, f"emails/{name} in {language}:\n" + "\n".join(problems)
    assert notification.subject.strip() and notification.body_text.strip()

    sent = [message for message in mail.outbox if message.to == [notification.to_email]]
    assert sent, f"emails/{name} was queued but never reached the mailer"
    message = sent[-1]
    html = message.alternatives[0].content if message.alternatives else ""
    assert message.subject == notification.subject
    assert not email_problems(message.subject, message.body, html)


@pytest.mark.parametrize("name", TEMPLATES)
def test_the_french_email_is_in_french(name, strict_templates, django_capture_on_commit_callbacks):
    english, _ = produce(name, "en", django_capture_on_commit_callbacks)
    french, _ = produce(name, "fr", django_capture_on_commit_callbacks)

    assert french.subject != english.subject
    assert "Innovation Incubator secretariat" not in french.body_text
    assert "secrétariat" in french.body_text.lower()


def test_a_new_template_without_a_recipe_fails_the_test(django_capture_on_commit_callbacks):
    with pytest.raises(AssertionError, match="No recipe produces the email emails/brand_new/"):
        produce("brand_new", "en", django_capture_on_commit_callbacks)


def test_the_reader_catches_what_a_recipient_must_never_see():
    text = (
        "Themes: <QuerySet [<Theme: Health>]>\n"
        "Hello None,\n"
        "Contact people:\n\n"
        "Sector: \n"
        f"Your reviews: http://127.0.0.1:8000/reviews/ and {SITE_URL}/no-such-page/\n"
    )
    html = '<p></p><a href="/me/">Open</a> R&D'

    problems = email_problems("Subject", text, html)

    assert "text shows '<QuerySet'" in problems
    assert "text shows 'None'" in problems
    assert "text nothing follows the label 'Contact people:'" in problems
    assert "text the value after 'Sector:' is empty" in problems
    assert any("leaves the portal" in problem for problem in problems)
    assert any("leads to no page" in problem for problem in problems)
    assert any("names no host" in problem for problem in problems)
    assert "HTML has an empty '<p></p>'" in problems
    assert "HTML has a bare '&D'" in problems


def test_a_signed_link_that_spells_none_by_chance_is_not_a_leak():
    text = f"To stop emails like this one, open:\n{SITE_URL}/unsubscribe/eyJ1c2VyIjo:1xZ:ANonex/\n"

    assert not [problem for problem in email_problems("Subject", text, "") if "None" in problem]
