from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = _("Matching")

    def ready(self):
        # A team's overview of a matched challenge or proposal names the partner.
        from matching.overview import confirmed_match_notes
        from matching.tasks import submission_embedding_queue
        from submissions.changes import submission_changes_listen
        from submissions.overview import overview_note_register

        overview_note_register(confirmed_match_notes)
        submission_changes_listen(submission_embedding_queue)
