from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncubatorConfig(AppConfig):
    name = "incubator"
    verbose_name = _("Incubator")

    def ready(self):
        from allauth.mfa.signals import authenticator_added
        from django.contrib.auth.signals import user_logged_in

        from incubator.access import second_factor_added, second_factor_at_sign_in
        from incubator.preferences import language_adopt_at_sign_in

        user_logged_in.connect(language_adopt_at_sign_in, dispatch_uid="language-at-sign-in")
        user_logged_in.connect(second_factor_at_sign_in, dispatch_uid="second-factor-at-sign-in")
        authenticator_added.connect(second_factor_added, dispatch_uid="second-factor-added")
