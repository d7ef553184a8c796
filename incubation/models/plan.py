"""The milestones of the joint work plan (its goal and deliverables are on the incubation,
what each team brings on the team)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from incubation.models.workspace import LIMITS, Incubation, IncubationTeam, plain_text
from incubator.validators import validate_plain_text


class MilestoneState(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("milestone state", "Planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("milestone state", "In progress")
    DONE = "done", pgettext_lazy("milestone state", "Done")
    DROPPED = "dropped", pgettext_lazy("milestone state", "Dropped")


OPEN_MILESTONE_STATES = (MilestoneState.PLANNED, MilestoneState.IN_PROGRESS)


def milestone_file_path(instance, filename: str) -> str:
    return f"incubation/{instance.incubation_id}/milestones/{timezone.now():%Y/%m}/{filename}"


class Milestone(models.Model):
    incubation = models.ForeignKey(Incubation, on_delete=models.CASCADE, related_name="milestones")
    team = models.ForeignKey(
        IncubationTeam,
        on_delete=models.CASCADE,
        related_name="milestones",
        verbose_name=_("owner team"),
    )
    title = models.CharField(
        _("milestone"), max_length=LIMITS["milestone_title"], validators=[validate_plain_text]
    )
    details = plain_text(_("details"), "milestone_details")
    due_on = models.DateField(_("due"))
    state = models.CharField(
        _("state"), max_length=12, choices=MilestoneState.choices, default=MilestoneState.PLANNED
    )
    done_note = plain_text(_("what was done"), "note")
    done_link = models.URLField(_("link"), max_length=500, blank=True)
    done_file = models.FileField(_("file"), upload_to=milestone_file_path, blank=True)
    done_file_name = models.CharField(_("file name"), max_length=255, blank=True)
    done_file_kind = models.CharField(max_length=10, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Its key in exchange files, for a milestone that came from one.
    exchange_ref = models.CharField(max_length=100, blank=True)
    # Overdue reminders: how many went out, and when the last did (at most one a week).
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    last_reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["state", "due_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_MILESTONE_STATES

    def is_overdue_on(self, today) -> bool:
        return self.is_open and self.due_on < today
