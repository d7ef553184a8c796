"""One badge for every state, ``{% status value label %}`` (its tone from
incubator.status), and one bar for how much of a whole is done, ``{% completion done total
"reviews" %}``."""

from django import template

from incubator.status import MARKS, tone_of
from incubator.status import completion as percent_done

register = template.Library()


@register.inclusion_tag("includes/status.html")
def status(value, label) -> dict:
    """The state ``value`` (a choice's value, such as "selected") with ``label`` written out,
    usually the choice's label: ``{% status submission.status submission.get_status_display %}``."""
    tone = tone_of(value)
    return {"tone": tone.value, "mark": MARKS[tone], "label": label}


COUNTED = ("reviews", "milestones")


@register.inclusion_tag("includes/completion.html")
def completion(done: int, total: int, counted: str) -> dict:
    """A bar filled as far as ``done`` is of ``total``, with "3 of 5 reviews done (60%)"
    written beside it; ``counted`` names what is counted, one of COUNTED."""
    if counted not in COUNTED:
        raise ValueError(f"completion counts one of {COUNTED}, not {counted!r}")
    percent = percent_done(done, total)
    return {
        "done": done,
        "total": total,
        "counted": counted,
        "percent": percent,
        "filled": percent or 0,
    }
