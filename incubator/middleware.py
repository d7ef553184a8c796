from zoneinfo import ZoneInfo

from django.utils import timezone, translation


class ViewerPreferencesMiddleware:
    """Show a signed-in person the portal in their own time zone and language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            timezone.activate(ZoneInfo(user.time_zone))
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        else:
            timezone.deactivate()
        return self.get_response(request)
