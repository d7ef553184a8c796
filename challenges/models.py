from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from incubator.languages import validate_language_codes
from incubator.models import Theme
from incubator.validators import validate_plain_text
from submissions.models import Submission, SubmissionAttachment, SubmissionState


class LifecycleStage(models.TextChoices):
    IDENTIFYING_PROBLEMS = "identifying_problems", _("Identifying problems")
    GENERATING_IDEAS = "generating_ideas", _("Generating ideas")
    DEVELOPING_PROPOSALS = "developing_proposals", _("Developing proposals")
    IMPLEMENTATION = "implementation", _("Implementation")
    EVALUATION = "evaluation", _("Evaluation")
    DIFFUSING_LESSONS = "diffusing_lessons", _("Diffusing lessons")


class Sector(models.TextChoices):
    GENERAL = "general_public_services", _("General public services")
    DIGITAL = "digital_government", _("Digital government")
    HEALTH = "health", _("Health")
    EDUCATION = "education", _("Education")
    SOCIAL = "social_protection", _("Social protection")
    EMPLOYMENT = "employment", _("Employment and skills")
    ENVIRONMENT = "environment", _("Environment and climate")
    ENERGY = "energy", _("Energy")
    TRANSPORT = "transport", _("Transport and mobility")
    JUSTICE = "justice", _("Justice and public safety")
    FINANCE = "public_finance", _("Tax and public finance")
    HOUSING = "housing", _("Housing and urban development")
    AGRICULTURE = "agriculture", _("Agriculture and food")
    CULTURE = "culture", _("Culture")


# Length limits, shared by the model, the forms and the counters on the page.
LIMITS = {
    "title": 150,
    "summary": 280,
    "problem_statement": 5000,
    "context": 3000,
    "tried": 3000,
    "constraints": 3000,
    "expertise_sought": 2000,
    "hoped_outcome": 2000,
    "meeting_windows": 500,
}


def _text(label, name, **kwargs):
    return models.TextField(
        label, max_length=LIMITS[name], blank=True, validators=[validate_plain_text], **kwargs
    )


class Challenge(Submission):
    """A problem a government team is stuck on, offered to teams abroad that solved
    something comparable."""

    title = models.CharField(
        _("title"), max_length=LIMITS["title"], validators=[validate_plain_text]
    )
    summary = models.CharField(
        _("one-line summary"),
        max_length=LIMITS["summary"],
        blank=True,
        validators=[validate_plain_text],
    )
    problem_statement = _text(_("problem statement"), "problem_statement")
    context = _text(_("context: who is affected, at what scale"), "context")
    tried = _text(_("what has been tried"), "tried")
    constraints = _text(_("constraints: legal, data, budget, political"), "constraints")
    expertise_sought = _text(_("expertise sought"), "expertise_sought")
    hoped_outcome = _text(_("hoped-for outcome"), "hoped_outcome")
    lifecycle_stage = models.CharField(
        _("lifecycle stage"), max_length=30, choices=LifecycleStage.choices, blank=True
    )
    sector = models.CharField(_("sector"), max_length=30, choices=Sector.choices, blank=True)
    themes = models.ManyToManyField(Theme, related_name="challenges", verbose_name=_("themes"))
    languages = models.JSONField(
        _("working languages"), default=list, blank=True, validators=[validate_language_codes]
    )
    meeting_windows = _text(_("preferred meeting windows"), "meeting_windows")
    providers_wanted = models.PositiveSmallIntegerField(
        _("solution providers wanted"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    contacts = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="challenge_contacts",
        blank=True,
        verbose_name=_("contact people"),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    eligibility = models.JSONField(_("eligibility checklist"), default=dict, blank=True)
    screening_note = models.TextField(_("screening note"), blank=True)
    # The challenge's key in programme exchange files (exchange), unique in
    # its call; empty for challenges written on the portal and never imported.
    exchange_ref = models.CharField(
        _("exchange reference"), max_length=100, blank=True, db_index=True
    )
    # Kept up to date by the services on PostgreSQL; unused on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    emails = {
        SubmissionState.SUBMITTED: "challenge_submitted",
        SubmissionState.SELECTED: "challenge_selected",
        SubmissionState.DECLINED: "challenge_declined",
    }

    class Meta:
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        ordering = ["-updated_at"]
        indexes = [
            # The public list: count and first pages of published challenges without
            # touching the table (see bench/public_challenge_list.py).
            models.Index(
                fields=["-published_at", "-id"],
                condition=models.Q(status=SubmissionState.SELECTED, published_at__isnull=False),
                name="challenge_published_idx",
            ),
            # The screening desk of one call, latest submitted first: a page of it reads
            # 50 index entries, not every challenge of the call.
            models.Index(
                fields=["call", "-submitted_at", "-id"],
                condition=~models.Q(status=SubmissionState.DRAFT),
                name="challenge_screening_idx",
            ),
            # The public list's country filter reads the teams of published challenges
            # from this index alone: 120 ms → 16 ms at 50,000 challenges; a search with
            # a country filter goes from the country's teams to their challenges.
            models.Index(
                fields=["organisation"],
                condition=models.Q(status=SubmissionState.SELECTED, published_at__isnull=False),
                name="challenge_published_team_idx",
            ),
            # The matching board reads the state and providers wanted of every challenge
            # of a round from this index alone (the table holds the texts, 2 KB a row),
            # and the review pages count a call's challenges in a state from it.
            models.Index(
                fields=["call", "status", "id", "providers_wanted"], name="challenge_round_idx"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "exchange_ref"],
                condition=~models.Q(exchange_ref=""),
                name="challenge_exchange_ref_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("challenges:detail", kwargs={"pk": self.pk})

    @property
    def is_public(self) -> bool:
        return self.published_at is not None and self.status == SubmissionState.SELECTED


class ChallengeAttachment(SubmissionAttachment):
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="attachments")

    class Meta(SubmissionAttachment.Meta):
        pass
