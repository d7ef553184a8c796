"""A person's copy of their own data, built in the background and kept for a short time."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ExportStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting to start")
    BUILDING = "building", _("Being prepared")
    READY = "ready", _("Ready to download")
    FAILED = "failed", _("Could not be prepared")


def export_path(instance, filename: str) -> str:
    # Outside any public folder: the file is only ever sent by the owner's download page.
    return f"private/data-exports/{instance.user_id}/{filename}"


class DataExport(models.Model):
    """One "Download my data" request: its progress, its file, and when the file goes."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.WAITING
    )
    progress = models.PositiveSmallIntegerField(_("progress (percent)"), default=0)
    file = models.FileField(_("file"), upload_to=export_path, blank=True)
    created_at = models.DateTimeField(_("asked for"), auto_now_add=True)
    finished_at = models.DateTimeField(_("ready"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_status_display()}"

    @property
    def is_downloadable(self) -> bool:
        return (
            self.status == ExportStatus.READY
            and bool(self.file)
            and self.expires_at is not None
            and timezone.now() < self.expires_at
        )

    @property
    def is_under_way(self) -> bool:
        return self.status in (ExportStatus.WAITING, ExportStatus.BUILDING)
