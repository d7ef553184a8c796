from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncubatorConfig(AppConfig):
    name = "incubator"
    verbose_name = _("Incubator")

    def ready(self):
        from allauth.account.signals import user_logged_in as allauth_logged_in
        from allauth.mfa.signals import authenticator_added
        from django.contrib.auth.signals import user_logged_in

        from incubator import checks  # noqa: F401  (registers the deploy checks)
        from incubator.access import second_factor_added, second_factor_at_sign_in
        from incubator.dates import guard_every_save
        from incubator.identity import second_factor_mark
        from incubator.preferences import language_adopt_at_sign_in

        user_logged_in.connect(language_adopt_at_sign_in, dispatch_uid="language-at-sign-in")
        user_logged_in.connect(second_factor_at_sign_in, dispatch_uid="second-factor-at-sign-in")
        authenticator_added.connect(second_factor_added, dispatch_uid="second-factor-added")
        allauth_logged_in.connect(second_factor_mark, dispatch_uid="second-factor-by-provider")
        guard_every_save()
