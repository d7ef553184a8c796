"""Review by the advisory board: the phase and rubric of a call, the reviewer pool,
the submissions under review, who reviews which, their scores, declared conflicts and
the decisions the secretariat stages and releases.

A submission under review is reached through one ``ReviewItem`` row, the only place
holding the generic reference (content type and id) to the challenge or solution
proposal. Everything else (assignments, conflicts, decisions) points at the item with
a real foreign key, so that joins, constraints and ``select_related`` work as usual.
The item also keeps the owner team, which a submission never changes, so conflicts of
interest can be checked in the database without knowing the submission's model.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from incubator.languages import validate_language_codes
from incubator.models import Call, Organisation, Theme
from incubator.models.programmes import TimeWindow
from incubator.translated import Translated, reader_language
from incubator.validators import validate_plain_text

SCALE = range(1, 6)  # every criterion is scored from 1 to 5
TEXT_MAX = 3000


class ReviewPhase(TimeWindow, models.Model):
    """When a call's submissions are reviewed, by how many reviewers each, and what the
    reviewers are shown."""

    call = models.OneToOneField(Call, on_delete=models.CASCADE, related_name="review_phase")
    opens_at = models.DateTimeField(_("reviews open"))
    due_at = models.DateTimeField(
        _("reviews due"),
        help_text=_("Reviewers with reviews still open after this are reminded by email, once."),
    )
    closes_at = models.DateTimeField(
        _("review phase closes"), help_text=_("Reviews are refused after this.")
    )
    reviewers_per_submission = models.PositiveSmallIntegerField(
        _("reviewers per submission"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    reviewers_see_scores = models.BooleanField(
        _("reviewers see each other's scores"),
        default=False,
        help_text=_("Only after submitting their own review, and never the other names."),
    )
    anonymised = models.BooleanField(
        _("anonymised review"),
        default=False,
        help_text=_(
            "Reviewers never see the applicant team's name or country: not on pages, "
            "not in exports, not in emails."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("review phase")
        verbose_name_plural = _("review phases")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(due_at__gt=models.F("opens_at"))
                & models.Q(closes_at__gte=models.F("due_at")),
                name="review_phase_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return str(self.call)


class Criterion(models.Model):
    """One line of a call's rubric: what is judged, how much it weighs, and what each
    point of the scale means."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="review_criteria")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("criterion"), max_length=80, validators=[validate_plain_text])
    name_fr = models.CharField(
        _("criterion in French"), max_length=80, blank=True, validators=[validate_plain_text]
    )
    description = models.TextField(
        _("what reviewers judge"), max_length=1000, blank=True, validators=[validate_plain_text]
    )
    description_fr = models.TextField(
        _("what reviewers judge, in French"),
        max_length=1000,
        blank=True,
        validators=[validate_plain_text],
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    anchors = models.JSONField(_("meaning of each point, 1 to 5"), default=list)
    anchors_fr = models.JSONField(
        _("meaning of each point, 1 to 5, in French"), default=list, blank=True
    )

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["call", "position", "pk"]

    name_shown = Translated("name")
    description_shown = Translated("description")

    def __str__(self) -> str:
        return self.name_shown

    def anchor(self, point: int) -> str:
        """What the point means, in the reader's language where written, else English."""
        french = self.anchors_fr if reader_language() == "fr" else []
        for anchors in (french, self.anchors):
            if 0 < point <= len(anchors) and anchors[point - 1]:
                return anchors[point - 1]
        return ""


class ReviewerProfile(models.Model):
    """What the secretariat knows of an advisory-board member: what they know about,
    the languages they read, and where they come from, for fit and conflicts."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviewer_profile"
    )
    themes = models.ManyToManyField(
        Theme, related_name="reviewers", blank=True, verbose_name=_("expertise themes")
    )
    languages = models.JSONField(
        _("languages"), default=list, blank=True, validators=[validate_language_codes]
    )
    country = CountryField(_("country"), blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="affiliated_reviewers",
        verbose_name=_("affiliated government team"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reviewer profile")
        verbose_name_plural = _("reviewer profiles")

    def __str__(self) -> str:
        return str(self.user)


class ReviewItem(models.Model):
    """One submission under review in its call."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="review_items")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    submission = GenericForeignKey("content_type", "object_id")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="review_items"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Kept by reviews.services.figures whenever a review is submitted or removed, so that
    # a page of the call's ranking reads one page of rows, not every score of the call.
    reviews_done = models.PositiveIntegerField(default=0, editable=False)
    mean_score = models.FloatField(null=True, blank=True, editable=False)
    # Kept by the services that assign and unassign, so that the assignments page
    # counts the items short of reviewers from an index, not from every assignment.
    reviewers = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("submission under review")
        verbose_name_plural = _("submissions under review")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="one_review_item_per_submission"
            ),
        ]
        # The call's ranking has an index on PostgreSQL (migration 0003: SQLite cannot
        # index NULLS LAST).
        indexes = [models.Index(fields=["call", "reviewers"], name="item_reviewers_idx")]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id}"


class Assignment(models.Model):
    """A reviewer asked to review one item, and their review of it: draft scores can be
    saved any number of times until the review is submitted."""

    item = models.ForeignKey(ReviewItem, on_delete=models.CASCADE, related_name="assignments")
    # The item's call, which never changes: the call's pages count its assignments per
    # reviewer and per item from an index, without joining 50,000 items.
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="+", editable=False)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    assigned_at = models.DateTimeField(_("assigned"), auto_now_add=True)
    draft_saved_at = models.DateTimeField(_("draft saved"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("review submitted"), null=True, blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["item", "reviewer"], name="one_assignment_per_pair"),
        ]
        indexes = [
            models.Index(fields=["reviewer", "submitted_at"]),
            models.Index(fields=["call", "reviewer"], name="assignment_call_reviewer_idx"),
            models.Index(fields=["call", "item"], name="assignment_call_item_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.item}"

    def save(self, *args, **kwargs):
        if self.call_id is None:
            self.call_id = self.item.call_id
        super().save(*args, **kwargs)

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class Score(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    score = models.PositiveSmallIntegerField(
        _("score"),
        null=True,
        blank=True,
        validators=[MinValueValidator(SCALE[0]), MaxValueValidator(SCALE[-1])],
    )
    comment = models.TextField(
        _("comment"), max_length=TEXT_MAX, blank=True, validators=[validate_plain_text]
    )

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["criterion__position", "criterion__pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "criterion"], name="one_score_per_criterion"
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True)
                | models.Q(score__gte=SCALE[0], score__lte=SCALE[-1]),
                name="score_on_the_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


class Conflict(models.Model):
    """A conflict of interest a reviewer declared when declining an assignment. The
    automatic ones (same team, same country) follow from the profile and are not stored."""

    item = models.ForeignKey(ReviewItem, on_delete=models.CASCADE, related_name="conflicts")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_conflicts"
    )
    reason = models.TextField(_("reason"), max_length=TEXT_MAX, validators=[validate_plain_text])
    declared_at = models.DateTimeField(_("declared"), auto_now_add=True)

    class Meta:
        verbose_name = _("declared conflict of interest")
        verbose_name_plural = _("declared conflicts of interest")
        ordering = ["-declared_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["item", "reviewer"], name="one_conflict_per_pair"),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} ✕ {self.item}"


class Outcome(models.TextChoices):
    SELECT = "select", _("Select")
    DECLINE = "decline", _("Decline")


class Decision(models.Model):
    """The secretariat's decision on one item: staged (pending, seen by nobody outside
    the secretariat) until all staged decisions of the call are released together."""

    item = models.OneToOneField(ReviewItem, on_delete=models.CASCADE, related_name="decision")
    # The item's call, which never changes: the decisions page counts and pages the
    # call's decisions from an index, without joining every item.
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="+", editable=False)
    outcome = models.CharField(_("decision"), max_length=10, choices=Outcome.choices)
    reason = models.TextField(
        _("reason"), max_length=TEXT_MAX, blank=True, validators=[validate_plain_text]
    )
    staged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    staged_at = models.DateTimeField(_("staged"))
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    released_at = models.DateTimeField(_("released"), null=True, blank=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        indexes = [
            models.Index(
                fields=["call", "-released_at", "-id"],
                condition=models.Q(released_at__isnull=False),
                name="decision_released_idx",
            ),
            models.Index(
                fields=["call"],
                condition=models.Q(released_at__isnull=True),
                name="decision_staged_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: {self.item}"

    def save(self, *args, **kwargs):
        if self.call_id is None:
            self.call_id = self.item.call_id
        super().save(*args, **kwargs)

    @property
    def is_released(self) -> bool:
        return self.released_at is not None
