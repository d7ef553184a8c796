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
    }
