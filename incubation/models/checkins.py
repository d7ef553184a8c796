"""Check-ins: every few weeks (as the programme sets) each team says how the work goes,
and the secretariat answers."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from incubation.models.workspace import Incubation, IncubationTeam, plain_text
from incubator.models import Programme

DEFAULT_INTERVAL_WEEKS = 4
CONFIDENCE = (1, 5)


class CheckInSchedule(models.Model):
    """How often the teams of a programme's incubations are asked to check in."""

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="checkin_schedule"
    )
    interval_weeks = models.PositiveSmallIntegerField(
        _("weeks between check-ins"),
        default=DEFAULT_INTERVAL_WEEKS,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )

    class Meta:
        verbose_name = _("check-in schedule")
        verbose_name_plural = _("check-in schedules")

    def __str__(self) -> str:
        return f"{self.programme}: every {self.interval_weeks} weeks"


class CheckIn(models.Model):
    incubation = models.ForeignKey(Incubation, on_delete=models.CASCADE, related_name="checkins")
    team = models.ForeignKey(IncubationTeam, on_delete=models.CASCADE, related_name="checkins")
    requested_at = models.DateTimeField(_("asked"), db_index=True)
    progress = plain_text(_("progress"), "progress")
    blockers = plain_text(_("blockers"), "blockers")
    help_wanted = plain_text(_("help wanted from the secretariat"), "help_wanted")
    confidence = models.PositiveSmallIntegerField(
        _("confidence"),
        null=True,
        blank=True,
        validators=[MinValueValidator(CONFIDENCE[0]), MaxValueValidator(CONFIDENCE[1])],
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("sent"), null=True, blank=True)
    answer = plain_text(_("the secretariat's answer"), "answer")
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "requested_at"], name="one_checkin_per_team_and_request"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.team_id} @ {self.requested_at:%Y-%m-%d}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None
