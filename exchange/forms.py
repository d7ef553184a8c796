from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from exchange.schema import ExchangeError, parse

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
        if upload.size == 0:
            raise ValidationError(_("The file “%(name)s” is empty.") % {"name": upload.name})
        if upload.size > MAX_BYTES:
            raise ValidationError(
                _("The file “%(name)s” is %(size)s; exchange files can be at most %(limit)s.")
                % {
                    "name": upload.name,
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(MAX_BYTES),
                }
            )
        try:
            self.cleaned_data["data"] = parse(upload.read())
        except ExchangeError as error:
            raise ValidationError(error.messages) from None
        return upload
