from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from exchange.schema import ExchangeError, parse
from incubator.uploads import size_problem

MAX_BYTES = 20 * 1024 * 1024


class ExchangeUploadForm(forms.Form):
    """An exchange file, read by its content: whatever it is called, it must be JSON.
    ``cleaned_data["data"]`` holds the parsed file for the import to check in full."""

    file = forms.FileField(
        label=_("Exchange file"),
        help_text=_(
            "A JSON file in the format incubator-exchange/1, up to 20 MB. The whole file is "
            "checked before anything is saved."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        problem = size_problem(upload, max_bytes=MAX_BYTES)
        if problem:
            raise ValidationError(problem)
        try:
            self.cleaned_data["data"] = parse(upload.read())
        except ExchangeError as error:
            raise ValidationError(error.messages) from None
        return upload
