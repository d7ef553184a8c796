"""Moments as people read them: in a named zone, with the zone named."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import formats, timezone

from incubator.zones import UTC_NAME, zone_abbreviation


def zone_named(local: datetime, zone: ZoneInfo) -> str:
    """JST (Asia/Tokyo), UTC−05:00 (America/Bogota), UTC."""
    abbreviation = zone_abbreviation(local)
    return abbreviation if zone.key == UTC_NAME else f"{abbreviation} ({zone.key})"


def in_zone(moment: datetime, zone_name: str) -> str:
    zone = ZoneInfo(zone_name)
    local = moment.astimezone(zone)
    return f"{formats.date_format(local, 'j F Y, H:i')} {zone_named(local, zone)}"


def in_viewer_zone(moment: datetime) -> str:
    return in_zone(moment, timezone.get_current_timezone_name())


def same_clock(moment: datetime, zone_name: str) -> bool:
    """Whether the named zone's clock and the viewer's read the same at that moment (same
    offset, same abbreviation), so the time needs printing once."""
    theirs = moment.astimezone(ZoneInfo(zone_name))
    yours = moment.astimezone(timezone.get_current_timezone())
    return theirs.utcoffset() == yours.utcoffset() and (
        zone_abbreviation(theirs) == zone_abbreviation(yours)
    )
