from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "library"
    verbose_name = _("Library")

    def ready(self):
        # The index follows every change the services record in the audit trail.
        from library import signals  # noqa: F401
        from library.drafting import similar_asides
        from submissions.asides import drafting_aside_register

        drafting_aside_register(similar_asides)
