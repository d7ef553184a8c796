"""What challenges and solution proposals share: the owner team, the call, the language
it is written in, and one lifecycle."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incubator.models.organisations import Organisation
from incubator.models.programmes import Call


class SubmissionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    SCREENING = "screening", _("In screening")
    IN_REVIEW = "in_review", _("In review")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    SELECTED = "selected", _("Selected")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


S = SubmissionState
# Where each state may go next. Decisions (selected, declined) and withdrawal are final.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.SUBMITTED, S.WITHDRAWN}),
    S.SUBMITTED: frozenset({S.SCREENING, S.DECLINED, S.WITHDRAWN}),
    S.SCREENING: frozenset({S.IN_REVIEW, S.SELECTED, S.DECLINED, S.WITHDRAWN}),
    S.IN_REVIEW: frozenset({S.SHORTLISTED, S.SELECTED, S.DECLINED, S.WITHDRAWN}),
    S.SHORTLISTED: frozenset({S.SELECTED, S.DECLINED, S.WITHDRAWN}),
    S.SELECTED: frozenset(),
    S.DECLINED: frozenset(),
    S.WITHDRAWN: frozenset(),
}
# The owner team may only submit its draft and withdraw; everything else is the secretariat's.
OWNER_MOVES = frozenset({S.SUBMITTED, S.WITHDRAWN})
# A submitted answer stays editable by its team until the deadline.
EDITABLE_UNTIL_DEADLINE = frozenset({S.SUBMITTED})
DECISIONS = frozenset({S.SELECTED, S.DECLINED})


class Submission(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="%(app_label)s",
        verbose_name=_("owner team"),
    )
    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="%(app_label)s")
    status = models.CharField(
        _("state"),
        max_length=20,
        choices=SubmissionState.choices,
        default=SubmissionState.DRAFT,
        db_index=True,
    )
    written_in = models.CharField(
        _("language of this submission"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    # Empty for an imported or demo submission, and once its author's account is gone.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)

    class Meta:
        abstract = True

    def can_move_to(self, state: str) -> bool:
        return state in TRANSITIONS[self.status]

    @property
    def can_be_withdrawn(self) -> bool:
        return self.can_move_to(SubmissionState.WITHDRAWN)

    @property
    def is_editable_by_owner(self) -> bool:
        if self.status == SubmissionState.DRAFT:
            return True
        return self.status in EDITABLE_UNTIL_DEADLINE and self.call.is_open


def attachment_path(instance, filename: str) -> str:
    return f"{instance._meta.app_label}/{timezone.now():%Y/%m}/{filename}"


class SubmissionAttachment(models.Model):
    """A file added to a submission; each kind adds the foreign key to its submission,
    with ``related_name="attachments"``. Checked by content before it is stored."""

    file = models.FileField(_("file"), upload_to=attachment_path)
    original_name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=10)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name
