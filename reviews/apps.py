from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Reviews")

    def ready(self):
        from incubator.signals import call_schedule_check
        from reviews.schedule import deadline_before_review

        call_schedule_check.connect(deadline_before_review, dispatch_uid="review-after-deadline")
