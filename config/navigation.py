"""The portal's main navigation and the sections of "My portal", declared once. Config is
the one package that may name every app, so each entry names its page and who sees it;
base.html and the dashboard only draw what the context processor hands them. Adding a
page to the navigation is one line in NAVIGATION; a role's part of "My portal" is one
line in HOME_SECTIONS."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.urls import get_script_prefix, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from cohorts.access import visible_cohorts
from incubation.selectors.workspace import has_incubations
from incubator.access import is_reviewer, is_secretariat
from incubator.selectors.organisations import organisations_of

Shows = Callable[[HttpRequest], bool]


def _once(request: HttpRequest, name: str, answer: Callable[[], bool]) -> bool:
    """Each question about the viewer is asked of the database once per request."""
    cache = request.__dict__.setdefault("_navigation_answers", {})
    if name not in cache:
        cache[name] = answer()
    return cache[name]


def _viewer(request: HttpRequest):
    # An error page drawn before authentication ran still gets a navigation.
    return getattr(request, "user", None) or AnonymousUser()


def everyone(request: HttpRequest) -> bool:
    return True


def visitor(request: HttpRequest) -> bool:
    return not _viewer(request).is_authenticated


def signed_in(request: HttpRequest) -> bool:
    return _viewer(request).is_authenticated


def team_member(request: HttpRequest) -> bool:
    return signed_in(request) and _once(
        request, "team", lambda: organisations_of(user=request.user).exists()
    )


def reviewer(request: HttpRequest) -> bool:
    return is_reviewer(_viewer(request))


def secretariat(request: HttpRequest) -> bool:
    return is_secretariat(_viewer(request))


def in_a_cohort(request: HttpRequest) -> bool:
    """The cohort's pages open to its teams' members and to the secretariat that runs it."""
    return signed_in(request) and _once(
        request, "cohort", lambda: visible_cohorts(user=request.user).exists()
    )


def in_an_incubation(request: HttpRequest) -> bool:
    return signed_in(request) and _once(
        request, "incubation", lambda: has_incubations(user=request.user)
    )


def team_or_newcomer(request: HttpRequest) -> bool:
    """A team's part of "My portal": for its members, and for a newcomer with no role yet,
    who starts there by registering a team or joining one."""
    return team_member(request) or not (reviewer(request) or secretariat(request))


@dataclass(frozen=True)
class Entry:
    label: str
    url_name: str
    shows: Shows


@dataclass(frozen=True)
class Section:
    template: str
    shows: Shows


NAVIGATION = (
    Entry(_("Home"), "incubator:home", everyone),
    Entry(_("Challenges"), "challenges:list", everyone),
    Entry(_("Library"), "library:list", visitor),
    Entry(_("My portal"), "incubator:dashboard", signed_in),
    Entry(_("My incubations"), "incubation:mine", in_an_incubation),
    Entry(_("Reviews"), "reviews:desk", reviewer),
    Entry(_("Sessions"), "cohorts:sessions", in_a_cohort),
    Entry(_("Secretariat"), "secretariat:home", secretariat),
    Entry(_("Profile"), "incubator:profile", signed_in),
    Entry(_("Sign in"), "account_login", visitor),
    Entry(_("Create an account"), "account_signup", visitor),
)

# "My portal": each role's section, in this order, for whoever holds the role.
HOME_SECTIONS = (
    Section("incubation/portal_section.html", in_an_incubation),
    Section("reviews/reviewer/_home_section.html", reviewer),
    Section("accounts/_secretariat_section.html", secretariat),
    Section("accounts/_team_section.html", team_or_newcomer),
    Section("cohorts/_home_section.html", in_a_cohort),
    # In "My portal" rather than the header, which holds one row at 1280 px.
    Section("accounts/_notifications_section.html", signed_in),
    Section("mydata/_home_section.html", signed_in),
)


@cache
def _address(url_name: str, script_prefix: str) -> str:
    # Every page draws the navigation; its addresses take no arguments and change only
    # with the prefix the portal is served under.
    return reverse(url_name)


def entries_for(request: HttpRequest) -> list[dict]:
    links = []
    for entry in NAVIGATION:
        if entry.shows(request):
            url = _address(entry.url_name, get_script_prefix())
            links.append({"label": entry.label, "url": url, "current": request.path == url})
    return links


def sections_for(request: HttpRequest) -> list[str]:
    return [section.template for section in HOME_SECTIONS if section.shows(request)]


def main_navigation(request: HttpRequest) -> dict:
    """The context processor: worked out only on the pages that draw them."""
    return {
        "navigation": SimpleLazyObject(lambda: entries_for(request)),
        "home_sections": SimpleLazyObject(lambda: sections_for(request)),
    }
