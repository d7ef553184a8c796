"""Whether the viewer sits on the advisory board, for the site's navigation."""

from django import template

from incubator.access import is_reviewer as _is_reviewer

register = template.Library()


@register.filter
def is_reviewer(user) -> bool:
    return _is_reviewer(user)
