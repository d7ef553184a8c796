from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Reviews")

    def ready(self):
        from incubator.review_scores import register
        from reviews.scores import submission_review_scores

        register(submission_review_scores)
