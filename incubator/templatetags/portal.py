"""Template helpers: times in a named zone, the viewer's own by default."""

from django import template
from django.utils.html import format_html, format_html_join

from incubator import times
from incubator.languages import language_names

register = template.Library()


@register.filter
def in_zone(moment, zone_name: str) -> str:
    """A moment as the clock reads in the named zone, with the zone named."""
    if not moment:
        return ""
    return times.in_zone(moment, zone_name)


@register.filter
def local(moment) -> str:
    """A moment in the viewer's own zone, with the zone named."""
    if not moment:
        return ""
    return times.in_viewer_zone(moment)


@register.filter
def same_clock(moment, zone_name: str) -> bool:
    """Whether the named zone reads as the viewer's clock then: print the time once."""
    return bool(moment) and times.same_clock(moment, zone_name)


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
def names(items) -> str:
    """People, themes or anything else named in a list, one after another. Django's
    ``join`` gives back the list itself when autoescaping is off, as in plain-text
    emails, and prints ``<QuerySet [...]>``."""
    return ", ".join(str(item) for item in items or [])


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.simple_tag
def select_options(field) -> str:
    """A filter's options, the current one selected, in one pass: a template loop costs
    as much as the rest of the page with 30 countries."""
    current = field.value()
    current = "" if current is None else str(current)
    return format_html_join(
        "\n",
        '<option value="{}"{}>{}</option>',
        (
            (value, " selected" if str(value) == current else "", label)
            for value, label in field.field.choices
        ),
    )
