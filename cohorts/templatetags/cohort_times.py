"""A session's time as people read it: the day, the start and end on one clock, and the
zone named; in the viewer's own zone unless another is given."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django import template
from django.utils import formats, timezone
from django.utils.html import format_html

from incubator.times import same_clock, zone_named

register = template.Library()


def time_range_text(starts_at: datetime, ends_at: datetime, zone_name: str) -> str:
    zone = ZoneInfo(zone_name)
    starts, ends = starts_at.astimezone(zone), ends_at.astimezone(zone)
    day = formats.date_format(starts, "l j F Y")
    end = (
        formats.time_format(ends, "H:i")
        if ends.date() == starts.date()
        else formats.date_format(ends, "l j F Y, H:i")
    )
    return f"{day}, {formats.time_format(starts, 'H:i')}–{end} {zone_named(starts, zone)}"


@register.simple_tag
def time_range(starts_at, ends_at, zone_name=None):
    """``<time>`` for the span, in the named zone or the viewer's."""
    if not starts_at or not ends_at:
        return ""
    zone_name = zone_name or timezone.get_current_timezone_name()
    return format_html(
        '<time datetime="{}">{}</time>',
        starts_at.isoformat(),
        time_range_text(starts_at, ends_at, zone_name),
    )


@register.filter
def on_viewers_clock(session, zone_name=None) -> bool:
    """Whether the session's reference zone (or the named one) reads as the viewer's
    clock from start to end: then its time is printed once."""
    zone_name = zone_name or session.reference_time_zone
    return same_clock(session.starts_at, zone_name) and same_clock(session.ends_at, zone_name)


@register.filter
def time_range_plain(session, zone_name=None) -> str:
    """The span of a session as plain text, for emails."""
    zone_name = zone_name or timezone.get_current_timezone_name()
    return time_range_text(session.starts_at, session.ends_at, zone_name)


@register.simple_tag
def plain_time_range(starts_at, ends_at, zone_name=None) -> str:
    """The span as plain text, for emails."""
    if not starts_at or not ends_at:
        return ""
    return time_range_text(starts_at, ends_at, zone_name or timezone.get_current_timezone_name())
