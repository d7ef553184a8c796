"""A new version of the terms of participation is accepted at the next sign-in: signing
in notes that it is due, and until it is accepted every page of the portal but a few
sends the person to accept it first."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from incubator.selectors.pages import terms_accepted_by, terms_version_current

TERMS_DUE = "terms_version_due"
# Pages open while the terms wait: reading them (and the other pages of the footer),
# accepting them, choosing the language, signing out, and the static files.
OPEN_PATH_NAMES = (
    "incubator:terms_accept",
    "incubator:terms",
    "incubator:privacy",
    "incubator:cookies",
    "incubator:accessibility",
    "incubator:language_switch",
    "account_logout",
)


def terms_note_if_due(request, user) -> None:
    """At sign-in: the person has not accepted the terms now in force."""
    version = terms_version_current()
    if not terms_accepted_by(user=user, version=version):
        request.session[TERMS_DUE] = version
    else:
        request.session.pop(TERMS_DUE, None)


def terms_done(request) -> None:
    request.session.pop(TERMS_DUE, None)


class TermsMiddleware:
    """Reads only the session: no query on the pages of someone with nothing due."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._open_paths: set[str] | None = None

    def open_paths(self) -> set[str]:
        if self._open_paths is None:
            self._open_paths = {reverse(name) for name in OPEN_PATH_NAMES}
        return self._open_paths

    def __call__(self, request):
        due = getattr(request, "session", None) and request.session.get(TERMS_DUE)
        if due and request.user.is_authenticated and not self.lets_through(request):
            target = reverse("incubator:terms_accept")
            return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    def lets_through(self, request) -> bool:
        path = request.path_info
        return path in self.open_paths() or path.startswith("/static/")
