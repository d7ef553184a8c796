from zoneinfo import ZoneInfo

from django.utils import timezone, translation

from incubator.preferences import (
    browser_zone,
    language_chosen,
    language_remember,
    language_to_remember,
)


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
