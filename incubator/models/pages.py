from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PageSlug(models.TextChoices):
    PRIVACY = "privacy", _("Privacy notice")
    ACCESSIBILITY = "accessibility", _("Accessibility statement")
    TERMS = "terms", _("Terms of participation")
    COOKIES = "cookies", _("Cookies")
    HELP = "help", _("Help with the programme")
    FAQ = "faq", _("Frequently asked questions")


class PageVersion(models.Model):
    """One published version of a page of the footer, in English and French. The newest
    is shown; the older ones stay, so what people agreed to can be read again. Before
    the secretariat writes one, the portal shows its built-in text (version 1)."""

    page = models.CharField(_("page"), max_length=20, choices=PageSlug.choices)
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    title_fr = models.CharField(_("title in French"), max_length=200, blank=True)
    body = models.TextField(_("text"))
    body_fr = models.TextField(_("text in French"), blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("published"), auto_now_add=True)

    class Meta:
        verbose_name = _("page version")
        ordering = ["page", "-number"]
        constraints = [models.UniqueConstraint(fields=["page", "number"], name="page_version_once")]

    def __str__(self) -> str:
        return f"{self.page} v{self.number}"


class TermsAcceptance(models.Model):
    """A person accepted a version of the terms of participation, at a time."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="terms_acceptances"
    )
    version = models.PositiveIntegerField(_("version"))
    accepted_at = models.DateTimeField(_("accepted"), auto_now_add=True)

    class Meta:
        verbose_name = _("acceptance of the terms")
        ordering = ["-accepted_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "version"], name="terms_accepted_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: terms v{self.version}"
