from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SolutionsConfig(AppConfig):
    name = "solutions"
    verbose_name = _("Solutions")

    def ready(self):
        from incubator.models.programmes import CallKind
        from incubator.submission_kinds import SubmissionKind, register
        from solutions import services
        from solutions.models import Solution

        register(
            CallKind.SOLUTIONS,
            SubmissionKind(
                model=Solution, select=services.solution_select, decline=services.solution_decline
            ),
        )
