"""One incubation per matched challenge, and the teams working in it."""

from datetime import time

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from challenges.models import Challenge
from incubator.models import Organisation, Programme
from incubator.validators import validate_plain_text
from solutions.models import Solution

# Length limits, shared by the models, the forms and the counters on the page.
LIMITS = {
    "goal": 2000,
    "deliverables": 2000,
    "brings": 2000,
    "milestone_title": 200,
    "milestone_details": 1000,
    "note": 2000,
    "meeting_title": 200,
    "agenda": 2000,
    "message": 5000,
    "progress": 2000,
    "blockers": 2000,
    "help_wanted": 2000,
    "answer": 2000,
    "what_tried": 3000,
    "what_changed": 3000,
    "advice": 2000,
    "keep_doing": 2000,
}

OFFICE_DAYS = [0, 1, 2, 3, 4]


def plain_text(label, name: str, **kwargs) -> models.TextField:
    return models.TextField(
        label, max_length=LIMITS[name], blank=True, validators=[validate_plain_text], **kwargs
    )


class IncubationState(models.TextChoices):
    # In context: an incubation is "close" in French, where a call is "clos".
    STARTING = "starting", pgettext_lazy("incubation state", "Starting")
    ACTIVE = "active", pgettext_lazy("incubation state", "Active")
    PAUSED = "paused", pgettext_lazy("incubation state", "Paused")
    CLOSING = "closing", pgettext_lazy("incubation state", "Closing")
    CLOSED = "closed", pgettext_lazy("incubation state", "Closed")


# The states in which the teams work: they plan, meet, write and check in.
WORKING_STATES = (IncubationState.STARTING, IncubationState.ACTIVE, IncubationState.PAUSED)
OPEN_STATES = (*WORKING_STATES, IncubationState.CLOSING)


class Incubation(models.Model):
    """The private workspace of one challenge and the providers matched to it."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="incubations")
    challenge = models.OneToOneField(
        Challenge, on_delete=models.CASCADE, related_name="incubation", verbose_name=_("challenge")
    )
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=IncubationState.choices,
        default=IncubationState.STARTING,
        db_index=True,
    )
    # Where a paused incubation goes back to when it resumes.
    paused_from = models.CharField(max_length=10, choices=IncubationState.choices, blank=True)
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentored_incubations",
        verbose_name=_("mentor"),
    )
    goal = plain_text(_("goal"), "goal")
    deliverables = plain_text(_("expected deliverables"), "deliverables")
    # Goes up with every change of the plan; each team says which version it agrees to.
    plan_version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(_("opened"), auto_now_add=True)
    activated_at = models.DateTimeField(_("active since"), null=True, blank=True)
    closing_started_at = models.DateTimeField(_("closing since"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    last_activity_at = models.DateTimeField(_("last activity"), db_index=True)

    class Meta:
        verbose_name = _("incubation")
        verbose_name_plural = _("incubations")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.challenge.title

    @property
    def is_open(self) -> bool:
        """Open for the teams' work; a closed incubation stays readable, never writable."""
        return self.state in OPEN_STATES


class TeamRole(models.TextChoices):
    OWNER = "owner", _("Challenge owner")
    PROVIDER = "provider", _("Solution provider")


class IncubationTeam(models.Model):
    """A team in the incubation: the challenge owner, or a provider matched to it. Its
    working hours are on its own clock (the team's time zone), Monday to Friday, 09:00
    to 17:00 until the team changes them."""

    incubation = models.ForeignKey(Incubation, on_delete=models.CASCADE, related_name="teams")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="incubation_teams"
    )
    role = models.CharField(_("role"), max_length=10, choices=TeamRole.choices)
    solution = models.ForeignKey(
        Solution, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    brings = plain_text(_("what the team brings"), "brings")
    weekdays = models.JSONField(_("working days"), default=list)
    day_starts = models.TimeField(_("working day starts"), default=time(9, 0))
    day_ends = models.TimeField(_("working day ends"), default=time(17, 0))
    agreed_plan_version = models.PositiveIntegerField(null=True, blank=True)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("incubation team")
        verbose_name_plural = _("incubation teams")
        ordering = ["incubation", "role", "pk"]  # the owner first: "owner" < "provider"
        constraints = [
            models.UniqueConstraint(
                fields=["incubation", "organisation"], name="one_place_per_team"
            ),
            models.CheckConstraint(
                condition=models.Q(day_ends__gt=models.F("day_starts")),
                name="working_day_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.incubation_id}"

    def save(self, *args, **kwargs):
        if not self.weekdays:
            self.weekdays = list(OFFICE_DAYS)
        super().save(*args, **kwargs)
