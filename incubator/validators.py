"""Validators shared by every form of the portal."""

import re
import zoneinfo
from functools import cache

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.deconstruct import deconstructible
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

# A tag opener, a closing tag, a comment or an entity: enough to tell that someone
# typed markup into a plain-text field, where it would only ever be shown inert.
MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!]|&[a-zA-Z#][a-zA-Z0-9]*;")


def validate_plain_text(value: str) -> None:
    if value and MARKUP.search(value):
        raise ValidationError(
            _("Use plain text here: remove the HTML tags (the text between < and >)."),
            code="markup",
        )


@deconstructible
class LengthLimitValidator(MaxLengthValidator):
    """A length limit said as a person counts: the limit, the length typed, and how much
    to cut, in the reader's number format ("Keep this to 2,000 characters or fewer: it
    has 2,150, which is 150 too many."), rather than Django's "Ensure this value has at
    most 2000 characters (it has 2150)"."""

    def __call__(self, value) -> None:
        length = len(value)
        if length <= self.limit_value:
            return
        over = length - self.limit_value
        raise ValidationError(
            ngettext(
                "Keep this to %(limit)s characters or fewer: it has %(length)s, which is "
                "%(over)s character too many.",
                "Keep this to %(limit)s characters or fewer: it has %(length)s, which is "
                "%(over)s characters too many.",
                over,
            )
            % {
                "limit": number_format(self.limit_value, force_grouping=True),
                "length": number_format(length, force_grouping=True),
                "over": number_format(over, force_grouping=True),
            },
            code="max_length",
        )


def escape_surrogates(text: str) -> str:
    """``text`` with each unpaired surrogate (which JSON may carry, but no page or email
    can encode) written as its escape, \\ud800: for any message that echoes input."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


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
