"""Drafting a submission, shared by challenges and solution proposals: start a draft,
save answers step by step, add and remove files, submit, withdraw, and remind teams
whose drafts are unfinished. Each kind describes itself once in a ``Drafting``."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from incubator.access import is_team_member
from incubator.models import Call, Organisation, User
from incubator.services.audit import audit_record
from incubator.services.outbox import notification_queue
from incubator.uploads import validate_upload
from submissions.access import may_change_submission, may_start_submission
from submissions.changes import submission_changed
from submissions.models import Submission, SubmissionState
from submissions.services.lifecycle import submission_transition

MAX_ATTACHMENTS = 5
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
REMINDERS = (("week", timedelta(days=7)), ("day", timedelta(days=1)))


def _nothing(submission: Submission) -> None:
    return None


@dataclass(frozen=True)
class Drafting:
    model: type[Submission]
    call_kind: str
    # Plain answers a step may save, and the many-to-many ones.
    content_fields: tuple[str, ...]
    relations: tuple[str, ...]
    # What must be answered before submitting, in the order of the form.
    required: tuple[str, ...]
    required_relations: tuple[str, ...]
    reminder_template: str
    # Runs after every save of answers (the challenge keeps its search vector current).
    after_save: Callable[[Submission], None] = _nothing
    # Relations saved by a function of their own rather than ``.set()`` (ranked ones).
    setters: dict[str, Callable[[Submission, list], None]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.model._meta.model_name


def _require_editor(submission: Submission, by: User) -> None:
    if not may_change_submission(by, submission):
        raise PermissionDenied(_("Only members of the owner team can change this."))
    if not submission.is_editable_by_owner:
        raise ValidationError(
            _("This can no longer be changed: the call has closed or a decision has been made.")
        )


@transaction.atomic
def submission_start(
    *, drafting: Drafting, organisation: Organisation, call: Call, by: User, title: str
) -> Submission:
    if not may_start_submission(by, organisation):
        raise PermissionDenied(_("You can only start a draft for your own team."))
    if call.kind != drafting.call_kind or not call.is_open:
        raise ValidationError(_("This call is not open."))
    submission = drafting.model(
        organisation=organisation,
        call=call,
        title=title,
        created_by=by,
        languages=list(organisation.languages),
        written_in=by.language,
    )
    submission.full_clean(exclude=["search_vector"])
    submission.save()
    submission.contacts.add(by)
    audit_record(actor=by, action=f"{drafting.name}.started", target=submission)
    drafting.after_save(submission)
    return submission


@transaction.atomic
def submission_update(
    *, drafting: Drafting, submission: Submission, by: User, **answers
) -> Submission:
    """Save the answers of one step; drafts may be incomplete."""
    _require_editor(submission, by)
    changed = []
    relations = {name: answers.pop(name) for name in drafting.relations if name in answers}
    for name, value in answers.items():
        if name not in drafting.content_fields:
            raise ValueError(f"{name} is not an answer of a {drafting.name}")
        if getattr(submission, name) != value:
            setattr(submission, name, value)
            changed.append(name)
    submission.full_clean(exclude=["search_vector"])
    submission.save()
    contacts = relations.get("contacts")
    if contacts is not None and any(
        not is_team_member(contact, submission.organisation) for contact in contacts
    ):
        raise ValidationError({"contacts": _("Contact people must be members of the team.")})
    for name, values in relations.items():
        setter = drafting.setters.get(name)
        if setter:
            setter(submission, values)
        else:
            getattr(submission, name).set(values)
        changed.append(name)
    audit_record(
        actor=by, action=f"{drafting.name}.edited", target=submission, details={"fields": changed}
    )
    drafting.after_save(submission)
    submission_changed(submission)
    return submission


def submission_unanswered(*, drafting: Drafting, submission: Submission) -> list[str]:
    """Names of the answers still needed before submitting, in the order of the form."""
    missing = [name for name in drafting.required if not getattr(submission, name)]
    missing += [
        name for name in drafting.required_relations if not getattr(submission, name).exists()
    ]
    return missing


def submission_missing_answers(*, drafting: Drafting, submission: Submission) -> list[str]:
    """Labels of what still has to be answered before submitting."""
    meta = drafting.model._meta
    return [
        str(meta.get_field(name).verbose_name)
        for name in submission_unanswered(drafting=drafting, submission=submission)
    ]


@transaction.atomic
def submission_submit(*, drafting: Drafting, submission: Submission, by: User, now=None):
    missing = submission_missing_answers(drafting=drafting, submission=submission)
    if missing:
        raise ValidationError(
            _("Answer these questions before submitting: %(missing)s.")
            % {"missing": ", ".join(missing)}
        )
    submitted = submission_transition(
        submission=submission, to=SubmissionState.SUBMITTED, by=by, now=now
    )
    submission_changed(submitted)
    return submitted


@transaction.atomic
def submission_withdraw(*, submission: Submission, by: User) -> Submission:
    return submission_transition(submission=submission, to=SubmissionState.WITHDRAWN, by=by)


@transaction.atomic
def submission_attachment_add(*, drafting: Drafting, submission: Submission, by: User, upload):
    _require_editor(submission, by)
    if submission.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError(
            _("At most %(count)d files can be added. Remove one to add another.")
            % {"count": MAX_ATTACHMENTS}
        )
    kind = validate_upload(upload, max_bytes=MAX_ATTACHMENT_BYTES)
    attachment = submission.attachments.model(
        original_name=upload.name[:255], kind=kind, size=upload.size, uploaded_by=by
    )
    setattr(attachment, submission.attachments.field.name, submission)
    attachment.file.save(upload.name, upload, save=False)
    attachment.save()
    audit_record(
        actor=by,
        action=f"{drafting.name}.attachment_added",
        target=submission,
        details={"file": attachment.original_name},
    )
    return attachment


@transaction.atomic
def submission_attachment_remove(*, drafting: Drafting, attachment, by: User) -> None:
    submission = getattr(attachment, attachment._meta.get_field(drafting.name).name)
    _require_editor(submission, by)
    name = attachment.original_name
    attachment.file.delete(save=False)
    attachment.delete()
    audit_record(
        actor=by,
        action=f"{drafting.name}.attachment_removed",
        target=submission,
        details={"file": name},
    )


def submission_draft_reminders_send(*, drafting: Drafting, now=None) -> int:
    """Remind teams with unfinished drafts 7 days and 1 day before the deadline; the
    outbox key makes each reminder go out at most once however often this runs."""
    now = now or timezone.now()
    queued = 0
    calls = Call.objects.filter(
        kind=drafting.call_kind,
        opens_at__lte=now,
        closes_at__gt=now,
        closes_at__lte=now + REMINDERS[0][1],
    )
    for call in calls:
        name = "day" if call.closes_at - now <= REMINDERS[1][1] else "week"
        drafts = drafting.model.objects.filter(
            call=call, status=SubmissionState.DRAFT
        ).select_related("organisation")
        for submission in drafts:
            for member in submission.organisation.members.filter(is_active=True):
                with transaction.atomic():
                    notification_queue(
                        key=f"{drafting.name}-reminder-{name}:{submission.pk}:{member.pk}",
                        template=drafting.reminder_template,
                        context={"submission": submission, drafting.name: submission, "call": call},
                        recipient=member,
                    )
                queued += 1
    return queued
