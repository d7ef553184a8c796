"""Validators shared by every form of the portal."""

import re
import zoneinfo
from functools import cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# A tag opener, a closing tag, a comment or an entity: enough to tell that someone
# typed markup into a plain-text field, where it would only ever be shown inert.
MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!]|&[a-zA-Z#][a-zA-Z0-9]*;")


def validate_plain_text(value: str) -> None:
    if value and MARKUP.search(value):
        raise ValidationError(
            _("Use plain text here: remove the HTML tags (the text between < and >)."),
            code="markup",
        )


@cache
def time_zone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value: str) -> None:
    if value not in time_zone_names():
        raise ValidationError(
            _(
                "“%(value)s” is not a time zone we know. Choose one from the list, "
                "for example Europe/Paris."
            ),
            code="unknown_time_zone",
            params={"value": value},
        )
