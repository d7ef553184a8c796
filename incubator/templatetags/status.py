"""One badge for every state: ``{% status value label %}``, the tone from incubator.status."""

from django import template

from incubator.status import MARKS, tone_of

register = template.Library()


@register.inclusion_tag("includes/status.html")
def status(value, label) -> dict:
    """The state ``value`` (a choice's value, such as "selected") with ``label`` written out,
    usually the choice's label: ``{% status submission.status submission.get_status_display %}``."""
    tone = tone_of(value)
    return {"tone": tone.value, "mark": MARKS[tone], "label": label}
