"""What a round leaves behind: the teams' consent to be shown on the public showcase,
the stories they write about their journey, and the follow-up surveys after a match."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from challenges.models import LifecycleStage
from incubator.models import Organisation, Programme
from incubator.validators import validate_plain_text
from matching.models import Match

# Length limits, shared by the models, the forms and the counters on the page.
LIMITS = {
    "title": 150,
    "expectations": 2000,
    "learned": 3000,
    "pain_points": 2000,
    "reason": 1000,
    "what_changed": 3000,
    "advice": 2000,
}


def _text(label, name, **kwargs):
    return models.TextField(
        label, max_length=LIMITS[name], blank=True, validators=[validate_plain_text], **kwargs
    )


class ShowcaseConsent(models.Model):
    """A team's yes or no to appearing on a programme's public showcase. Without a row
    the answer is no: nobody is shown until their team says so."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="showcase_consents"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="showcase_consents"
    )
    given = models.BooleanField(_("consent given"), default=False)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("showcase consent")
        verbose_name_plural = _("showcase consents")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation"], name="one_consent_per_team_and_programme"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} @ {self.programme_id}: {self.given}"


class StoryState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for approval")
    APPROVED = "approved", _("Published")
    REJECTED = "rejected", _("Sent back")


class Story(models.Model):
    """One team's account of a match: what it expected, what it learned, what hurt.
    The public reads it only once the secretariat has approved it."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="stories")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="stories", verbose_name=_("team")
    )
    state = models.CharField(
        _("state"), max_length=10, choices=StoryState.choices, default=StoryState.DRAFT
    )
    title = models.CharField(
        _("title"), max_length=LIMITS["title"], blank=True, validators=[validate_plain_text]
    )
    expectations = _text(_("what we expected"), "expectations")
    learned = _text(_("what we learned"), "learned")
    pain_points = _text(_("what was hard"), "pain_points")
    written_in = models.CharField(
        _("language of this story"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    rejection_reason = _text(_("reason for sending it back"), "reason")

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["-decided_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["match", "organisation"], name="one_story_per_team")
        ]

    def __str__(self) -> str:
        return self.title or f"{self.organisation_id} / {self.match_id}"

    @property
    def is_editable(self) -> bool:
        return self.state in (StoryState.DRAFT, StoryState.REJECTED)


class Milestone(models.IntegerChoices):
    """Months after the match was confirmed."""

    THREE = 3, _("3 months")
    SIX = 6, _("6 months")
    TWELVE = 12, _("12 months")


class Survey(models.Model):
    """One team's follow-up on one match at one milestone; any member answers for it."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="surveys")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="surveys", verbose_name=_("team")
    )
    milestone = models.PositiveSmallIntegerField(_("milestone"), choices=Milestone.choices)
    due_at = models.DateTimeField(_("due"))
    created_at = models.DateTimeField(auto_now_add=True)
    stage_reached = models.CharField(
        _("lifecycle stage reached"), max_length=30, choices=LifecycleStage.choices, blank=True
    )
    what_changed = _text(_("what changed"), "what_changed")
    advice = _text(_("what you would tell the next round"), "advice")
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("follow-up survey")
        verbose_name_plural = _("follow-up surveys")
        ordering = ["due_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["match", "organisation", "milestone"], name="one_survey_per_milestone"
            )
        ]

    def __str__(self) -> str:
        return f"{self.match_id} / {self.organisation_id} / {self.milestone}"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None


class DashboardCounts(models.Model):
    """The programme dashboard's counts over every submission, review and match of a
    round, as numbers without words (outcomes/dashboard/counts.py): counting them takes
    half a second at 50,000 challenges, so the page reads them from here and shows when
    they were counted."""

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="dashboard_counts"
    )
    counts = models.JSONField(default=dict)
    counted_at = models.DateTimeField(_("counted"))
    # When a page asked the task to count again, so that many readers ask it once.
    recount_asked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("dashboard counts")
        verbose_name_plural = _("dashboard counts")

    def __str__(self) -> str:
        return f"{self.programme_id} @ {self.counted_at:%Y-%m-%d %H:%M:%S}"
