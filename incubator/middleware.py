from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import Http404
from django.urls import Resolver404, resolve
from django.utils import timezone, translation

from incubator.access import second_factor_note
from incubator.preferences import (
    browser_zone,
    language_chosen,
    language_remember,
    language_to_remember,
)
from incubator.views import errors


class SecondFactorMiddleware:
    """Writes onto the request's user whether this session verified its second factor,
    before any view or service asks what the person's roles allow."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        second_factor_note(request)
        return self.get_response(request)


class ViewerPreferencesMiddleware:
    """Show a signed-in person the portal in their own time zone and language, and a
    visitor in the zone their browser reported (UTC until it has, or without JavaScript)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            timezone.activate(ZoneInfo(user.time_zone))
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        else:
            request.browser_zone = browser_zone(request)
            if request.browser_zone:
                timezone.activate(ZoneInfo(request.browser_zone))
            else:
                timezone.deactivate()
        response = self.get_response(request)
        # The cookie follows the profile (or a choice just made on the sign-up form), so
        # the language stays the same after signing out and at the next sign-in.
        language = language_to_remember(request)
        if language and language_chosen(request) != language:
            language_remember(response, language)
        return response


class PermissionsPolicyMiddleware:
    """Turn off, on every response, the browser features PERMISSIONS_POLICY lists."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(allowed)})"
            for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


class ErrorPagesMiddleware:
    """The portal's own error pages where Django would show something else: its debug
    pages while DEBUG is on (unless a developer asks for them with DEBUG_PAGES), and a
    blank body for a method an address does not take (GET on a POST-only action)."""

    def __init__(self, get_response):
        self.get_response = get_response

    @staticmethod
    def portal_pages_in_debug() -> bool:
        return settings.DEBUG and not settings.DEBUG_PAGES

    def __call__(self, request):
        debug = self.portal_pages_in_debug()
        if debug:
            try:
                resolve(request.path_info, getattr(request, "urlconf", None))
            except Resolver404 as error:
                return errors.page_not_found(request, error)
        response = self.get_response(request)
        if response.status_code == 405 and not response.content:
            page = errors.method_not_allowed(request, response.get("Allow", ""))
            page["Allow"] = response.get("Allow", "")
            return page
        if debug and response.status_code == 500:
            # Django has logged the traceback to the console; the page says it kindly.
            return errors.server_error(request)
        return response

    def process_exception(self, request, exception):
        # Only what Django's handlers would answer; anything else stays for the other
        # middleware (allauth turns some exceptions into pages of its own) and Django.
        if not self.portal_pages_in_debug():
            return None
        if isinstance(exception, Http404):
            return errors.page_not_found(request, exception)
        if isinstance(exception, BadRequest | SuspiciousOperation):
            return errors.bad_request(request, exception)
        return None
