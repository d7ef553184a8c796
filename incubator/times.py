"""Moments as people read them: in a named zone, with the zone named."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import formats, timezone


def in_zone(moment: datetime, zone_name: str) -> str:
    zone = ZoneInfo(zone_name)
    local = moment.astimezone(zone)
    return f"{formats.date_format(local, 'j F Y, H:i')} {local.tzname()} ({zone.key})"


def in_viewer_zone(moment: datetime) -> str:
    return in_zone(moment, timezone.get_current_timezone_name())
