from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MailChoice(models.TextChoices):
    """The kinds of email a person may choose not to receive. Decisions, security
    notices and everything else a person must know are always sent."""

    REMINDERS = "reminders", _("Reminders")
    DIGESTS = "digests", _("Digests of messages")
    NEWS = "news", _("News of the round")


class MailOptOut(models.Model):
    """A person asked not to be emailed a kind of message (it still shows in their
    notifications)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mail_opt_outs"
    )
    choice = models.CharField(_("kind of message"), max_length=20, choices=MailChoice.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("email not wanted")
        constraints = [models.UniqueConstraint(fields=["user", "choice"], name="mail_opt_out_once")]

    def __str__(self) -> str:
        return f"{self.user_id}: no {self.choice}"
