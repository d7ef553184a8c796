"""How a person's language and time zone follow them: remembered in a cookie for visitors,
kept on the profile once signed in, and never switched at sign-in without a word."""

from django.conf import settings
from django.contrib import messages
from django.utils import translation
from django.utils.translation import gettext as _

from incubator.services.accounts import language_set
from incubator.zones import canonical_zone

LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
# Written by static/js/portal.js from the browser's own zone, for the browser session.
BROWSER_ZONE_COOKIE = "browser_zone"


def browser_zone(request) -> str | None:
    """The zone the visitor's browser reported, as a zone we offer, if it reported one."""
    return canonical_zone(request.COOKIES.get(BROWSER_ZONE_COOKIE, "")[:64])


# The language a visitor chose with the switch during this visit. Kept in the session, not
# read from the cookie: a cookie left by someone who used the same browser before must
# not change the profile of the next person to sign in.
VISITOR_CHOICE = "language_chosen_as_visitor"


def language_note_visitor_choice(request, language: str) -> None:
    request.session[VISITOR_CHOICE] = language


def language_chosen(request) -> str | None:
    """The language the person chose with the language switch, if they did."""
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return language if language in dict(settings.LANGUAGES) else None


def language_remember(response, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )


def language_chosen_now(request, language: str) -> None:
    """The person just chose a language on a form (signing up): the response remembers
    it, so confirming the address and signing in later keep it."""
    request.language_chosen_now = language
    language_note_visitor_choice(request, language)


def language_to_remember(request) -> str | None:
    """The language the response should leave in the cookie: one just chosen on a form,
    else a signed-in person's profile language (signing in or out may have changed who
    this is)."""
    chosen = getattr(request, "language_chosen_now", None)
    user = getattr(request, "user", None)
    return chosen or (user.language if user is not None and user.is_authenticated else None)


def language_adopt_at_sign_in(sender, request, user, **kwargs) -> None:
    """A visitor who chose a language keeps it when signing in: the profile takes it
    (emails follow), and the page says so, since the profile said otherwise."""
    chosen = request.session.pop(VISITOR_CHOICE, None) if request is not None else None
    if chosen not in dict(settings.LANGUAGES) or chosen == user.language:
        return
    language_set(user=user, language=chosen)
    with translation.override(chosen):
        messages.info(
            request,
            _(
                "Your profile language: %(language)s, the one you chose before signing in; "
                "your emails use it too. You can change it in your profile."
            )
            % {"language": _(dict(settings.LANGUAGES)[chosen])},
        )
