from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncubationConfig(AppConfig):
    name = "incubation"
    verbose_name = _("Incubation")

    def ready(self):
        # Matching and the cohort track sit below incubation and cannot call it: they send
        # signals, and incubation answers them.
        from incubation import receivers  # noqa: F401
        from incubation.overview import incubation_notes
        from submissions.overview import overview_note_register

        overview_note_register(incubation_notes)
