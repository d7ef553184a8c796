"""The conversation of an incubation: threads of plain-text messages, with a file now
and then, and per member what they have read and how they want to hear of new ones."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incubation.models.workspace import LIMITS, Incubation
from incubator.validators import validate_plain_text


def attachment_path(instance, filename: str) -> str:
    return f"incubation/{instance.incubation_id}/messages/{timezone.now():%Y/%m}/{filename}"


class Message(models.Model):
    """A message; a reply names the first message of its thread as ``parent``."""

    incubation = models.ForeignKey(Incubation, on_delete=models.CASCADE, related_name="messages")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(
        _("message"), max_length=LIMITS["message"], validators=[validate_plain_text]
    )
    attachment = models.FileField(_("file"), upload_to=attachment_path, blank=True)
    attachment_name = models.CharField(_("file name"), max_length=255, blank=True)
    attachment_kind = models.CharField(max_length=10, blank=True)
    attachment_size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)
    # The latest activity of a thread (its own first message, or its newest reply).
    thread_active_at = models.DateTimeField(null=True, blank=True, db_index=True)
    pinned_at = models.DateTimeField(_("pinned"), null=True, blank=True)
    pinned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["incubation", "parent", "thread_active_at"])]

    def __str__(self) -> str:
        return self.body[:60]


class EmailChoice(models.TextChoices):
    IMMEDIATE = "immediate", _("As they come (at most one email an hour)")
    DAILY = "daily", _("A daily digest")
    NONE = "none", _("No email")


class MemberInbox(models.Model):
    """What one person has read of an incubation's messages, how they want to be told
    of new ones, and up to which message they were told."""

    incubation = models.ForeignKey(Incubation, on_delete=models.CASCADE, related_name="inboxes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="incubation_inboxes"
    )
    last_read_id = models.BigIntegerField(default=0)
    email_choice = models.CharField(
        _("emails about new messages"),
        max_length=10,
        choices=EmailChoice.choices,
        default=EmailChoice.IMMEDIATE,
    )
    emailed_up_to_id = models.BigIntegerField(default=0)
    last_emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("member inbox")
        verbose_name_plural = _("member inboxes")
        constraints = [
            models.UniqueConstraint(fields=["incubation", "user"], name="one_inbox_per_member"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.incubation_id}"
