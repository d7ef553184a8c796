"""Template helpers of the workspace: a stretch of time on a named clock, the words for
what the slot finder says, and messages as safe text with links."""

import re

import nh3
from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from incubation.history import history_sentence
from incubation.hours import outside_words
from incubation.times import clock_text, span_text

register = template.Library()

# A web address typed in a message; trailing punctuation belongs to the sentence.
WEB_ADDRESS = re.compile(r"\bhttps?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]", re.IGNORECASE)
LINK_REL = "nofollow noopener noreferrer"


@register.simple_tag
def span(starts, ends, zone_name: str = "") -> str:
    """From start to end on a clock, with the zone named: the viewer's own by default."""
    if not starts or not ends:
        return ""
    return span_text(starts, ends, zone_name)


@register.simple_tag
def clock(moment, zone_name: str) -> str:
    return clock_text(moment, zone_name)


@register.filter
def weekday_names(days) -> str:
    names = [
        _("Monday"),
        _("Tuesday"),
        _("Wednesday"),
        _("Thursday"),
        _("Friday"),
        _("Saturday"),
        _("Sunday"),
    ]
    return ", ".join(names[day] for day in sorted(days))


@register.simple_tag
def outside(slot, teams) -> list[str]:
    """Who a slot falls outside the working hours of, and why, in words."""
    return outside_words(slot.outside, {team.pk: team for team in teams})


@register.filter
def message_text(text: str) -> str:
    """Plain text shown as typed, with its web addresses as links that cannot run script
    or tell the linked site where the reader came from."""
    linked = WEB_ADDRESS.sub(
        lambda found: f'<a href="{found.group(0)}">{found.group(0)}</a>', escape(text)
    )
    return mark_safe(
        nh3.clean(
            linked,
            tags={"a"},
            attributes={"a": {"href"}},
            link_rel=LINK_REL,
            url_schemes={"http", "https"},
        )
    )


@register.simple_tag
def confidence(value) -> str:
    if value is None:
        return "—"
    return format_html('<span class="confidence confidence--{}">{}/5</span>', value, value)


@register.simple_tag
def history_line(entry) -> str:
    return history_sentence(entry)
