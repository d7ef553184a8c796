from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncubatorConfig(AppConfig):
    name = "incubator"
    verbose_name = _("Incubator")

    def ready(self):
        from allauth.account.signals import user_logged_in as allauth_logged_in
        from django.contrib.auth.signals import user_logged_in

        from incubator import checks  # noqa: F401  (registers the deploy checks)
        from incubator.dates import guard_every_save
        from incubator.identity import second_factor_mark
        from incubator.preferences import language_adopt_at_sign_in

        user_logged_in.connect(language_adopt_at_sign_in, dispatch_uid="language-at-sign-in")
        allauth_logged_in.connect(second_factor_mark, dispatch_uid="second-factor-by-provider")
        guard_every_save()
