"""The working languages a team can declare: ISO 639-1 codes with their English names."""

from functools import cache

import pycountry
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


@cache
def language_choices() -> tuple[tuple[str, str], ...]:
    languages = (lang for lang in pycountry.languages if hasattr(lang, "alpha_2"))
    return tuple(sorted(((lang.alpha_2, lang.name) for lang in languages), key=lambda c: c[1]))


@cache
def language_names() -> dict[str, str]:
    return dict(language_choices())


def validate_language_codes(value: list[str]) -> None:
    unknown = [code for code in value if code not in language_names()]
    if unknown:
        raise ValidationError(
            _("Unknown language code: %(codes)s. Use ISO 639-1 codes such as en or fr."),
            code="unknown_language",
            params={"codes": ", ".join(unknown)},
        )
