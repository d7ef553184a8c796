"""Forms for content written in English and French: the French twin of a field is
optional, and its hint says plainly what readers of French see while it is blank."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

NO_FRENCH = _("No French version: English is shown.")
HAS_FRENCH = _("Readers of French see this version; the others read the English one.")


class BilingualFormMixin:
    """For each name in ``bilingual_fields`` the form has ``name`` (English, the
    fallback) and ``name_fr``. Mix in before the form class."""

    bilingual_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.bilingual_fields:
            french = self.fields.get(f"{name}_fr")
            if french is None:
                continue
            french.required = False
            written = str(self._typed_or_initial(f"{name}_fr") or "").strip()
            note = HAS_FRENCH if written else NO_FRENCH
            french.help_text = (
                format_lazy("{} {}", note, french.help_text) if french.help_text else note
            )

    def _typed_or_initial(self, name: str):
        # Read without building the bound field: it would keep the hint it was built with.
        if self.is_bound:
            return self.data.get(self.add_prefix(name), "")
        return self.get_initial_for_field(self.fields[name], name)
