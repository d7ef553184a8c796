"""Template helpers: times in a named zone, the viewer's own by default."""

from zoneinfo import ZoneInfo

from django import template
from django.utils import formats, timezone
from django.utils.html import format_html

from incubator.languages import language_names

register = template.Library()


def _named(moment, zone: ZoneInfo) -> str:
    local = moment.astimezone(zone)
    return f"{formats.date_format(local, 'j F Y, H:i')} {local.tzname()} ({zone.key})"


@register.filter
def in_zone(moment, zone_name: str) -> str:
    """A moment as the clock reads in the named zone, with the zone named."""
    if not moment:
        return ""
    return _named(moment, ZoneInfo(zone_name))


@register.filter
def local(moment) -> str:
    """A moment in the viewer's own zone, with the zone named."""
    if not moment:
        return ""
    return _named(moment, timezone.get_current_timezone())


@register.simple_tag
def time_element(moment) -> str:
    if not moment:
        return ""
    return format_html('<time datetime="{}">{}</time>', moment.isoformat(), local(moment))


@register.filter
def language_list(codes) -> str:
    names = language_names()
    return ", ".join(names.get(code, code) for code in codes or [])


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
