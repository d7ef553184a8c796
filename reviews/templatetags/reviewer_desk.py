"""The reviewer's open work, for the reviewer's part of "My portal"."""

from django import template

from reviews.selectors import reviewer_desk as desk_of

register = template.Library()


@register.simple_tag(takes_context=True)
def reviewer_desk(context):
    return desk_of(user=context["request"].user)
