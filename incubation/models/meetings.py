"""Meetings across time zones: a proposal offers slots, the participants answer yes or
no per slot, and the slot chosen becomes the meeting, with its calendar invitation."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from incubation.models.workspace import LIMITS, Incubation, plain_text
from incubator.validators import validate_plain_text, validate_time_zone

DURATIONS = (30, 45, 60, 90)


class MeetingState(models.TextChoices):
    POLLING = "polling", pgettext_lazy("meeting state", "Finding a time")
    FIXED = "fixed", pgettext_lazy("meeting state", "Fixed")
    CANCELLED = "cancelled", pgettext_lazy("meeting state", "Cancelled")


class Meeting(models.Model):
    incubation = models.ForeignKey(Incubation, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(
        _("title"), max_length=LIMITS["meeting_title"], validators=[validate_plain_text]
    )
    agenda = plain_text(_("agenda"), "agenda")
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration"), choices=[(minutes, minutes) for minutes in DURATIONS], default=60
    )
    joining_link = models.URLField(_("joining link"), max_length=500, blank=True)
    # The zone the invitation is written in: the proposing team's.
    time_zone = models.CharField(_("time zone"), max_length=64, validators=[validate_time_zone])
    state = models.CharField(
        _("state"), max_length=10, choices=MeetingState.choices, default=MeetingState.POLLING
    )
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True, db_index=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    # The calendar's UID never changes; SEQUENCE goes up with each new time and a cancellation.
    uid = models.CharField(max_length=200, unique=True)
    sequence = models.PositiveIntegerField(default=0)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    fixed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    fixed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at"))
                | models.Q(starts_at__isnull=True),
                name="meeting_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_fixed(self) -> bool:
        return self.state == MeetingState.FIXED

    def is_held_by(self, moment) -> bool:
        return self.is_fixed and self.ends_at <= moment


class MeetingSlot(models.Model):
    """A time offered for the meeting; ``outside`` names the teams it falls outside the
    working hours of: [{"team": name, "minutes": n, "reason": Outside code}]."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    inside = models.BooleanField(default=True)
    outside = models.JSONField(default=list, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "starts_at"], name="one_slot_per_start"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id} @ {self.starts_at:%Y-%m-%d %H:%M}"


class SlotAnswer(models.Model):
    slot = models.ForeignKey(MeetingSlot, on_delete=models.CASCADE, related_name="answers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="slot_answers"
    )
    available = models.BooleanField(_("can come"))
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["slot", "user"], name="one_answer_per_slot"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {'yes' if self.available else 'no'} @ {self.slot_id}"
