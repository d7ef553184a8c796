"""Stretches of time as people read them: on a named clock, with the zone named."""

from zoneinfo import ZoneInfo

from django.utils import formats, timezone


def span_text(starts, ends, zone_name: str = "") -> str:
    """“Tuesday 2 December 2026, 19:00–20:00 (America/Sao_Paulo)”: the viewer's clock by
    default; the end's day is written when it is another day."""
    zone = ZoneInfo(zone_name) if zone_name else timezone.get_current_timezone()
    local_start, local_end = starts.astimezone(zone), ends.astimezone(zone)
    day = formats.date_format(local_start, "l j F Y")
    if local_end.date() == local_start.date():
        end = f"{local_end:%H:%M}"
    else:
        end = f"{formats.date_format(local_end, 'l j F')}, {local_end:%H:%M}"
    return f"{day}, {local_start:%H:%M}–{end} ({zone.key})"


def clock_text(moment, zone_name: str) -> str:
    """The weekday and time a clock shows: “Tue 07:00”."""
    local = moment.astimezone(ZoneInfo(zone_name))
    return f"{formats.date_format(local, 'D')} {local:%H:%M}"
