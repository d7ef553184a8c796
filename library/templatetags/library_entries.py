"""Template helpers of the library: names for the codes its records hold."""

from django import template
from django.utils.translation import get_language
from django_countries import countries

register = template.Library()


@register.filter
def country_name(code: str) -> str:
    return countries.name(code) if code else ""


@register.filter
def shown_name(public: dict, name: str = "name") -> str:
    """A public record's text in the reader's language: the French twin when written."""
    if (get_language() or "").startswith("fr") and public.get(f"{name}_fr"):
        return public[f"{name}_fr"]
    return public.get(name, "")
