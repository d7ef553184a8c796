"""The cohort learning track: cohorts of enrolled teams, thematic sessions with their
registrations and waitlists, shared resources and opportunities, feedback, and the
personal calendar feeds members subscribe to."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incubator.models import Organisation, Programme, Theme
from incubator.translated import Translated
from incubator.validators import validate_plain_text, validate_time_zone

LIMITS = {
    "title": 200,
    "description": 5000,
    "facilitators": 1000,
    "location": 300,
    "reason": 2000,
    "feedback": 2000,
    "resource_description": 2000,
    "opportunity_description": 3000,
}


class Cohort(models.Model):
    """A group of government teams following the learning track of one programme."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="cohorts", verbose_name=_("programme")
    )
    name = models.CharField(_("name"), max_length=200, validators=[validate_plain_text])
    description = models.TextField(
        _("description"),
        max_length=LIMITS["description"],
        blank=True,
        validators=[validate_plain_text],
    )
    teams = models.ManyToManyField(
        Organisation, through="Enrolment", related_name="cohorts", verbose_name=_("teams")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name


class Enrolment(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="enrolments")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="enrolments"
    )
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    enrolled_at = models.DateTimeField(_("enrolled"), auto_now_add=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "organisation"], name="one_enrolment"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.cohort}"


class SessionFormat(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")
    HYBRID = "hybrid", _("Hybrid: in person and online")


class Session(models.Model):
    """A thematic learning session. Its start and end are instants (stored in UTC); the
    reference zone is the one it was planned in, shown beside each viewer's own."""

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("cohort")
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("theme")
    )
    title = models.CharField(
        _("title"), max_length=LIMITS["title"], validators=[validate_plain_text]
    )
    title_fr = models.CharField(
        _("title in French"),
        max_length=LIMITS["title"],
        blank=True,
        validators=[validate_plain_text],
    )
    description = models.TextField(
        _("description"),
        max_length=LIMITS["description"],
        blank=True,
        validators=[validate_plain_text],
    )
    description_fr = models.TextField(
        _("description in French"),
        max_length=LIMITS["description"],
        blank=True,
        validators=[validate_plain_text],
    )
    facilitators = models.TextField(
        _("facilitators and experts"),
        max_length=LIMITS["facilitators"],
        blank=True,
        validators=[validate_plain_text],
    )
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    reference_time_zone = models.CharField(
        _("reference time zone"), max_length=64, validators=[validate_time_zone]
    )
    format = models.CharField(
        _("format"), max_length=20, choices=SessionFormat.choices, default=SessionFormat.ONLINE
    )
    location = models.CharField(
        _("venue"), max_length=LIMITS["location"], blank=True, validators=[validate_plain_text]
    )
    joining_link = models.URLField(_("online joining link"), max_length=500, blank=True)
    capacity = models.PositiveIntegerField(_("places"), validators=[MinValueValidator(1)])
    recording_url = models.URLField(_("recording"), max_length=500, blank=True)
    slides = models.FileField(_("slides"), upload_to="cohorts/slides/%Y/%m/", blank=True)
    slides_name = models.CharField(_("slides file name"), max_length=255, blank=True)
    # Goes up with every change of time: calendar SEQUENCE, and the idempotency keys of
    # emails about a time, so a moved session is announced and reminded again.
    schedule_version = models.PositiveIntegerField(default=1, editable=False)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancellation_reason = models.TextField(
        _("reason for cancelling"), max_length=LIMITS["reason"], blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_it_starts",
            ),
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="session_has_places"),
        ]
        indexes = [models.Index(fields=["cohort", "starts_at"])]

    title_shown = Translated("title")
    description_shown = Translated("description")

    def __str__(self) -> str:
        return self.title_shown

    def get_absolute_url(self) -> str:
        return reverse("cohorts:session", kwargs={"pk": self.pk})

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    def has_started(self, now=None) -> bool:
        return (now or timezone.now()) >= self.starts_at

    def has_ended(self, now=None) -> bool:
        return (now or timezone.now()) >= self.ends_at


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITLISTED = "waitlisted", _("On the waitlist")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(models.Model):
    """One person's place at a session, or their place in its waitlist. One row per
    person and session: registering again after cancelling reuses it."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="session_registrations"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RegistrationStatus.choices, db_index=True
    )
    # When the person last joined (the places or the waitlist): the waitlist's order.
    queued_at = models.DateTimeField(_("joined"), default=timezone.now)
    registered_at = models.DateTimeField(_("got a place"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["queued_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="one_registration"),
        ]
        indexes = [models.Index(fields=["session", "status", "queued_at"])]

    def __str__(self) -> str:
        return f"{self.user} — {self.session} ({self.get_status_display()})"


class CalendarFeed(models.Model):
    """A personal subscription address. The token is the only key to it: whoever holds
    the address reads the feed, until its owner revokes it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_live_feed_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"


class Resource(models.Model):
    """A file or a link shared with the cohort by a team, or by the secretariat (no team)."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="resources")
    title = models.CharField(
        _("title"), max_length=LIMITS["title"], validators=[validate_plain_text]
    )
    description = models.TextField(
        _("description"),
        max_length=LIMITS["resource_description"],
        blank=True,
        validators=[validate_plain_text],
    )
    themes = models.ManyToManyField(
        Theme, related_name="cohort_resources", verbose_name=_("themes")
    )
    url = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to="cohorts/resources/%Y/%m/", blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    file_kind = models.CharField(_("kind of file"), max_length=10, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cohort_resources",
        verbose_name=_("shared by team"),
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("shared"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(url="") & ~models.Q(file=""))
                | (~models.Q(url="") & models.Q(file="")),
                name="resource_is_a_file_or_a_link",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_file(self) -> bool:
        return bool(self.file)


class OpportunityKind(models.TextChoices):
    EVENT = "event", _("Event")
    CALL = "call", _("Call or funding")
    PARTNERSHIP = "partnership", _("Partnership")
    OTHER = "other", _("Other")


class Opportunity(models.Model):
    """An opportunity a team posts for the cohort. It stays on the board until the end
    of its expiry date in the posting team's time zone."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="opportunities")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="cohort_opportunities",
        verbose_name=_("posted by team"),
    )
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OpportunityKind.choices)
    title = models.CharField(
        _("title"), max_length=LIMITS["title"], validators=[validate_plain_text]
    )
    description = models.TextField(
        _("description"),
        max_length=LIMITS["opportunity_description"],
        blank=True,
        validators=[validate_plain_text],
    )
    url = models.URLField(_("link"), max_length=500, blank=True)
    expires_on = models.DateField(_("on the board until"))
    time_zone = models.CharField(_("time zone"), max_length=64, validators=[validate_time_zone])
    expires_at = models.DateTimeField(_("leaves the board"), db_index=True, editable=False)
    created_at = models.DateTimeField(_("posted"), auto_now_add=True)

    class Meta:
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        ordering = ["expires_at", "pk"]

    def __str__(self) -> str:
        return self.title


class Feedback(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="feedback")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    worked = models.TextField(
        _("what worked"),
        max_length=LIMITS["feedback"],
        blank=True,
        validators=[validate_plain_text],
    )
    improve = models.TextField(
        _("what to improve"),
        max_length=LIMITS["feedback"],
        blank=True,
        validators=[validate_plain_text],
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="one_feedback_per_person"),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="rating_from_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rating}/5 for {self.session}"
