from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChallengesConfig(AppConfig):
    name = "challenges"
    verbose_name = _("Challenges")

    def ready(self):
        from challenges import services
        from challenges.models import Challenge
        from incubator.models.programmes import CallKind
        from incubator.submission_kinds import SubmissionKind, register

        register(
            CallKind.CHALLENGES,
            SubmissionKind(
                model=Challenge,
                select=services.challenge_select_decided,
                decline=services.challenge_decline_decided,
            ),
        )
