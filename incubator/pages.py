"""The pages of the footer (privacy, accessibility, terms, cookies, help, questions):
the secretariat's newest version, or the portal's built-in text in the reader's
language until it writes one. Their HTML is cleaned to the markup of a page."""

from dataclasses import dataclass
from datetime import date, datetime

import nh3
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from incubator.models.pages import PageSlug, PageVersion
from incubator.preferences import BROWSER_ZONE_COOKIE

# The built-in text is version 1; the secretariat's first version is 2.
BUILT_IN_VERSION = 1
BUILT_IN_REVIEWED = date(2026, 12, 2)
PAGE_TAGS = {
    "h2", "h3", "p", "ul", "ol", "li", "dl", "dt", "dd", "a", "strong", "em", "br", "abbr",
    "code", "div", "table", "caption", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
PAGE_ATTRIBUTES = {
    "a": {"href"},
    "abbr": {"title"},
    "div": {"class", "role", "tabindex", "aria-labelledby"},
    "caption": {"id"},
    "th": {"scope"},
    "dl": {"class"},
}


def page_clean(html: str) -> str:
    """Only the markup a page of text needs: no script, style, event or form."""
    return nh3.clean(
        html.strip(),
        tags=PAGE_TAGS,
        attributes=PAGE_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        # Links stay in the same tab, and the referrer policy is set for the whole site.
        link_rel=None,
    )


@dataclass(frozen=True)
class Page:
    slug: str
    title: str
    body: SafeString
    number: int
    reviewed: date | datetime


def built_in_body(slug: str) -> str:
    """The built-in text of a page, in the active language."""
    context = {
        "secretariat_email": settings.SECRETARIAT_EMAIL,
        # The cookie statement names the cookies as they are configured.
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
        "language_cookie": settings.LANGUAGE_COOKIE_NAME,
        "zone_cookie": BROWSER_ZONE_COOKIE,
        "messages_cookie": CookieStorage.cookie_name,
        # The privacy notice states the retention periods as they are configured.
        "unverified_days": settings.RETENTION_UNVERIFIED_ACCOUNT_DAYS,
        "invitation_days": settings.RETENTION_INVITATION_DAYS,
        "draft_days": settings.RETENTION_DRAFT_DAYS,
        "export_hours": settings.DATA_EXPORT_HOURS,
    }
    return render_to_string(f"about/defaults/{slug}.html", context)


def built_in_page(slug: str) -> Page:
    return Page(
        slug=slug,
        title=str(PageSlug(slug).label),
        body=mark_safe(page_clean(built_in_body(slug))),
        number=BUILT_IN_VERSION,
        reviewed=BUILT_IN_REVIEWED,
    )


def page_of(version: PageVersion) -> Page:
    """A published version in the reader's language; English where no French is written."""
    french = translation.get_language() == "fr"
    return Page(
        slug=version.page,
        title=(version.title_fr if french and version.title_fr else version.title),
        body=mark_safe(page_clean(version.body_fr if french and version.body_fr else version.body)),
        number=version.number,
        reviewed=version.created_at,
    )


def built_in_texts(slug: str) -> dict[str, str]:
    """The built-in title and text in both languages, to start the secretariat's edit."""
    texts = {}
    for language, suffix in (("en", ""), ("fr", "_fr")):
        with translation.override(language):
            texts[f"title{suffix}"] = str(PageSlug(slug).label)
            texts[f"body{suffix}"] = page_clean(built_in_body(slug))
    return texts
