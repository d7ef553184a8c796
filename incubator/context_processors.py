from django.conf import settings
from django.utils import timezone

from incubator.access import is_secretariat


def portal(request):
    return {
        "viewer_is_secretariat": is_secretariat(request.user)
        if hasattr(request, "user")
        else False,
        "viewer_time_zone": timezone.get_current_timezone_name(),
        "secretariat_email": settings.SECRETARIAT_EMAIL,
        # False only for a visitor whose browser has not reported a zone: times are UTC.
        "viewer_zone_known": getattr(request, "browser_zone", True) is not None,
    }
