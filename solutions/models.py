"""A solution proposal: a government team that solved something comparable offers its
experience to selected challenges abroad."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from challenges.models import Challenge
from incubator.languages import validate_language_codes
from incubator.models import Theme
from incubator.validators import validate_plain_text, validate_time_zone
from submissions.models import Submission, SubmissionAttachment, SubmissionState

LIMITS = {
    "title": 150,
    "summary": 280,
    "comparable_problem": 3000,
    "what_they_did": 5000,
    "evidence": 3000,
    "share_details": 2000,
    "lessons": 3000,
    "availability": 500,
}
MAX_INTERESTS = 3


class Shareable(models.TextChoices):
    METHODS = "methods", _("Methods and guidance")
    TOOLS = "tools", _("Tools and templates")
    DATA = "data", _("Data")
    CODE = "code", _("Code (open source)")
    PEOPLE = "people", _("People's time: coaching, visits")


def _text(label, name):
    return models.TextField(
        label, max_length=LIMITS[name], blank=True, validators=[validate_plain_text]
    )


class Solution(Submission):
    title = models.CharField(
        _("title"), max_length=LIMITS["title"], validators=[validate_plain_text]
    )
    summary = models.CharField(
        _("one-line summary"),
        max_length=LIMITS["summary"],
        blank=True,
        validators=[validate_plain_text],
    )
    comparable_problem = _text(_("the comparable problem you solved"), "comparable_problem")
    what_they_did = _text(_("what you did"), "what_they_did")
    evidence = _text(_("evidence of results"), "evidence")
    can_share = models.JSONField(_("what you can share"), default=list, blank=True)
    share_details = _text(_("details of what you can share"), "share_details")
    lessons = _text(_("lessons and failures"), "lessons")
    capacity = models.PositiveSmallIntegerField(_("challenges you can support at once"), default=1)
    languages = models.JSONField(
        _("working languages"), default=list, blank=True, validators=[validate_language_codes]
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, blank=True, validators=[validate_time_zone]
    )
    availability = _text(_("availability"), "availability")
    themes = models.ManyToManyField(Theme, related_name="solutions", verbose_name=_("themes"))
    interests = models.ManyToManyField(
        Challenge,
        through="SolutionInterest",
        related_name="offers",
        verbose_name=_("challenges you want to help with"),
    )
    # The proposal's key in programme exchange files (exchange), unique in its
    # call; empty for proposals written on the portal and never imported.
    exchange_ref = models.CharField(
        _("exchange reference"), max_length=100, blank=True, db_index=True
    )
    contacts = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="solution_contacts",
        blank=True,
        verbose_name=_("contact people"),
    )

    emails = {
        SubmissionState.SUBMITTED: "solution_submitted",
        SubmissionState.SELECTED: "solution_selected",
        SubmissionState.DECLINED: "solution_declined",
    }

    class Meta:
        verbose_name = _("solution proposal")
        verbose_name_plural = _("solution proposals")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "exchange_ref"],
                condition=~models.Q(exchange_ref=""),
                name="solution_exchange_ref_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def can_share_display(self) -> str:
        return ", ".join(str(Shareable(code).label) for code in self.can_share)

    def ranked_interests(self) -> list[Challenge]:
        return [interest.challenge for interest in self.interest_rows.all()]


class SolutionInterest(models.Model):
    """A challenge the provider asked to work on; rank 1 is its first choice."""

    solution = models.ForeignKey(Solution, on_delete=models.CASCADE, related_name="interest_rows")
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField(_("rank"))

    class Meta:
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["solution", "challenge"], name="one_interest_each"),
            models.UniqueConstraint(fields=["solution", "rank"], name="one_challenge_per_rank"),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.challenge_id}"


class SolutionAttachment(SubmissionAttachment):
    solution = models.ForeignKey(Solution, on_delete=models.CASCADE, related_name="attachments")

    class Meta(SubmissionAttachment.Meta):
        pass
