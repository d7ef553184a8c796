"""Every write to a challenge: drafting, attachments, submitting, screening, publishing."""

from datetime import timedelta

from django.contrib.postgres.search import SearchVector
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from challenges.models import Challenge, ChallengeAttachment
from incubator.access import is_secretariat
from incubator.models import Call, Organisation, SubmissionState, User
from incubator.models.programmes import CallKind
from incubator.services.audit import audit_record
from incubator.services.outbox import notification_queue
from incubator.services.submissions import is_owner_member, submission_transition
from incubator.uploads import validate_upload

MAX_ATTACHMENTS = 5
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024

CONTENT_FIELDS = (
    "title",
    "summary",
    "problem_statement",
    "context",
    "tried",
    "constraints",
    "expertise_sought",
    "hoped_outcome",
    "lifecycle_stage",
    "sector",
    "languages",
    "meeting_windows",
    "providers_wanted",
    "written_in",
)
# What must be answered before a challenge can be submitted, in the order of the form.
REQUIRED_TO_SUBMIT = (
    "title",
    "summary",
    "problem_statement",
    "expertise_sought",
    "lifecycle_stage",
    "sector",
    "languages",
)


def _require_editor(challenge: Challenge, by: User) -> None:
    if not is_owner_member(challenge, by):
        raise PermissionDenied(_("Only members of the owner team can change this challenge."))
    if not challenge.is_editable_by_owner:
        raise ValidationError(
            _(
                "This challenge can no longer be changed: the call has closed or a decision "
                "has been made."
            )
        )


def _refresh_search_vector(challenge: Challenge) -> None:
    if connection.vendor != "postgresql":
        return
    Challenge.objects.filter(pk=challenge.pk).update(
        search_vector=SearchVector("title", weight="A", config="simple")
        + SearchVector("summary", weight="B", config="simple")
        + SearchVector("problem_statement", weight="C", config="simple")
    )


@transaction.atomic
def challenge_start(*, organisation: Organisation, call: Call, by: User, title: str) -> Challenge:
    if not organisation.memberships.filter(user=by).exists():
        raise PermissionDenied(_("You can only start a challenge for your own team."))
    if call.kind != CallKind.CHALLENGES or call.state != "open":
        raise ValidationError(_("This call is not open for challenges."))
    challenge = Challenge(
        organisation=organisation,
        call=call,
        title=title,
        created_by=by,
        languages=list(organisation.languages),
        written_in=by.language,
    )
    challenge.full_clean()
    challenge.save()
    challenge.contacts.add(by)
    audit_record(actor=by, action="challenge.started", target=challenge)
    _refresh_search_vector(challenge)
    return challenge


@transaction.atomic
def challenge_update(
    *, challenge: Challenge, by: User, themes=None, contacts=None, **fields
) -> Challenge:
    """Save answers from one step of the form; drafts may be incomplete."""
    _require_editor(challenge, by)
    changed = []
    for name, value in fields.items():
        if name not in CONTENT_FIELDS:
            raise ValueError(f"{name} is not a challenge answer")
        if getattr(challenge, name) != value:
            setattr(challenge, name, value)
            changed.append(name)
    challenge.full_clean(exclude=["search_vector"])
    challenge.save()
    if themes is not None:
        challenge.themes.set(themes)
        changed.append("themes")
    if contacts is not None:
        if any(not challenge.organisation.memberships.filter(user=c).exists() for c in contacts):
            raise ValidationError({"contacts": _("Contact people must be members of the team.")})
        challenge.contacts.set(contacts)
        changed.append("contacts")
    audit_record(actor=by, action="challenge.edited", target=challenge, details={"fields": changed})
    _refresh_search_vector(challenge)
    return challenge


def missing_answers(challenge: Challenge) -> list[str]:
    """Labels of what still has to be answered before submitting."""
    missing = [
        str(Challenge._meta.get_field(name).verbose_name)
        for name in REQUIRED_TO_SUBMIT
        if not getattr(challenge, name)
    ]
    if not challenge.themes.exists():
        missing.append(str(Challenge._meta.get_field("themes").verbose_name))
    return missing


@transaction.atomic
def challenge_submit(*, challenge: Challenge, by: User, now=None) -> Challenge:
    missing = missing_answers(challenge)
    if missing:
        raise ValidationError(
            _("Answer these questions before submitting: %(missing)s.")
            % {"missing": ", ".join(missing)}
        )
    return submission_transition(submission=challenge, to=SubmissionState.SUBMITTED, by=by, now=now)


@transaction.atomic
def challenge_withdraw(*, challenge: Challenge, by: User) -> Challenge:
    return submission_transition(submission=challenge, to=SubmissionState.WITHDRAWN, by=by)


@transaction.atomic
def challenge_attachment_add(*, challenge: Challenge, by: User, upload) -> ChallengeAttachment:
    _require_editor(challenge, by)
    if challenge.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError(
            _("A challenge can have at most %(count)d files. Remove one to add another.")
            % {"count": MAX_ATTACHMENTS}
        )
    kind = validate_upload(upload, max_bytes=MAX_ATTACHMENT_BYTES)
    attachment = ChallengeAttachment(
        challenge=challenge,
        original_name=upload.name[:255],
        kind=kind,
        size=upload.size,
        uploaded_by=by,
    )
    attachment.file.save(upload.name, upload, save=False)
    attachment.save()
    audit_record(
        actor=by,
        action="challenge.attachment_added",
        target=challenge,
        details={"file": attachment.original_name},
    )
    return attachment


@transaction.atomic
def challenge_attachment_remove(*, attachment: ChallengeAttachment, by: User) -> None:
    _require_editor(attachment.challenge, by)
    name = attachment.original_name
    challenge = attachment.challenge
    attachment.file.delete(save=False)
    attachment.delete()
    audit_record(
        actor=by, action="challenge.attachment_removed", target=challenge, details={"file": name}
    )


def _require_secretariat(by: User) -> None:
    if not is_secretariat(by):
        raise PermissionDenied(_("Only the secretariat screens challenges."))


@transaction.atomic
def challenge_screen(*, challenge: Challenge, by: User, eligibility: dict, note: str) -> Challenge:
    """Record the eligibility checklist; a fresh submission enters screening."""
    _require_secretariat(by)
    if challenge.status == SubmissionState.SUBMITTED:
        submission_transition(submission=challenge, to=SubmissionState.SCREENING, by=by)
        challenge.refresh_from_db()
    challenge.eligibility = eligibility
    challenge.screening_note = note
    challenge.save(update_fields=["eligibility", "screening_note", "updated_at"])
    audit_record(
        actor=by,
        action="challenge.screened",
        target=challenge,
        details={"eligibility": eligibility, "note": note},
    )
    return challenge


def _through_screening(challenge: Challenge, by: User) -> None:
    if challenge.status == SubmissionState.SUBMITTED:
        submission_transition(submission=challenge, to=SubmissionState.SCREENING, by=by)
        challenge.refresh_from_db()


@transaction.atomic
def challenge_move_to_review(*, challenge: Challenge, by: User) -> Challenge:
    _require_secretariat(by)
    _through_screening(challenge, by)
    return submission_transition(submission=challenge, to=SubmissionState.IN_REVIEW, by=by)


@transaction.atomic
def challenge_decline(*, challenge: Challenge, by: User, reason: str) -> Challenge:
    _require_secretariat(by)
    return submission_transition(
        submission=challenge, to=SubmissionState.DECLINED, by=by, reason=reason
    )


@transaction.atomic
def challenge_publish(*, challenge: Challenge, by: User) -> Challenge:
    """Select the challenge and show it on the public pages."""
    _require_secretariat(by)
    _through_screening(challenge, by)
    submission_transition(submission=challenge, to=SubmissionState.SELECTED, by=by)
    Challenge.objects.filter(pk=challenge.pk).update(published_at=timezone.now())
    challenge.refresh_from_db()
    audit_record(actor=by, action="challenge.published", target=challenge)
    return challenge


BULK_ACTIONS = {
    "review": challenge_move_to_review,
    "publish": challenge_publish,
    "decline": challenge_decline,
}


def challenges_bulk(
    *, challenges, action: str, by: User, reason: str = ""
) -> tuple[int, list[str]]:
    """Apply one screening action to many challenges; each succeeds or fails on its own.
    Returns how many moved and the problems of those that did not."""
    moved, problems = 0, []
    for challenge in challenges:
        kwargs = {"reason": reason} if action == "decline" else {}
        try:
            BULK_ACTIONS[action](challenge=challenge, by=by, **kwargs)
        except ValidationError as error:
            problems.append(f"{challenge.title}: {' '.join(error.messages)}")
        else:
            moved += 1
    return moved, problems


REMINDERS = (("week", timedelta(days=7)), ("day", timedelta(days=1)))


def challenge_draft_reminders_send(*, now=None) -> int:
    """Remind teams with unfinished drafts 7 days and 1 day before the deadline; the
    outbox key makes each reminder go out at most once however often this runs."""
    now = now or timezone.now()
    queued = 0
    calls = Call.objects.filter(
        kind=CallKind.CHALLENGES,
        opens_at__lte=now,
        closes_at__gt=now,
        closes_at__lte=now + REMINDERS[0][1],
    )
    for call in calls:
        left = call.closes_at - now
        name = "day" if left <= REMINDERS[1][1] else "week"
        drafts = Challenge.objects.filter(call=call, status=SubmissionState.DRAFT).select_related(
            "organisation"
        )
        for challenge in drafts:
            for member in challenge.organisation.members.filter(is_active=True):
                with transaction.atomic():
                    notification_queue(
                        key=f"challenge-reminder-{name}:{challenge.pk}:{member.pk}",
                        template="challenge_draft_reminder",
                        context={"challenge": challenge, "call": call},
                        recipient=member,
                    )
                queued += 1
    return queued


def challenge_select_decided(*, submission: Challenge, by: User, reason: str = "") -> Challenge:
    """A selection released from review: the challenge is selected and published."""
    return challenge_publish(challenge=submission, by=by)


def challenge_decline_decided(*, submission: Challenge, by: User, reason: str) -> Challenge:
    return challenge_decline(challenge=submission, by=by, reason=reason)
