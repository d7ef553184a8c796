from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ContactState(models.TextChoices):
    NEW = "new", _("New")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


class ContactMessage(models.Model):
    """A message written to the secretariat on the contact form, by a visitor or a
    signed-in person, and the answer it was sent."""

    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_messages",
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("email address"))
    language = models.CharField(_("language"), max_length=8)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    state = models.CharField(
        _("state"), max_length=10, choices=ContactState.choices, default=ContactState.NEW
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("message to the secretariat")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "created_at"])]

    def __str__(self) -> str:
        return self.subject
