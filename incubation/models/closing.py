"""What each team writes when its incubation closes: it feeds the follow-up surveys and,
with the team's consent, the public showcase."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from incubation.models.workspace import Incubation, IncubationTeam, plain_text


class ClosingReport(models.Model):
    incubation = models.ForeignKey(
        Incubation, on_delete=models.CASCADE, related_name="closing_reports"
    )
    team = models.OneToOneField(
        IncubationTeam, on_delete=models.CASCADE, related_name="closing_report"
    )
    what_tried = plain_text(_("what was tried"), "what_tried")
    what_changed = plain_text(_("what changed"), "what_changed")
    advice = plain_text(_("what you would advise others"), "advice")
    keep_doing = plain_text(_("what you will keep doing"), "keep_doing")
    share_on_showcase = models.BooleanField(_("may be shown on the public showcase"), default=False)
    written_in = models.CharField(
        _("language of this report"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("sent"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("closing report")
        verbose_name_plural = _("closing reports")
        ordering = ["incubation", "team"]

    def __str__(self) -> str:
        return f"{self.team_id} closing report"
