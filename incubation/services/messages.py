"""The incubation's conversation: writing a message or a reply (with a file now and then),
the secretariat pinning one, what each person has read, and how each wants to be told.
Nobody is emailed here: new messages go out in batches (services.mail), at most one
email an hour per person, or a daily digest, as each chose."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from incubation.access import require_secretariat, require_standing, standing_of
from incubation.message_audience import MessageAudience
from incubation.models import EmailChoice, Incubation, MemberInbox, Message
from incubation.selectors.messages import message_audience
from incubation.services.common import touch
from incubation.uploads import checked_upload
from incubator.models import User
from incubator.services.audit import audit_record


@transaction.atomic
def message_post(
    *,
    incubation: Incubation,
    by: User,
    body: str,
    parent: Message | None = None,
    upload=None,
    now=None,
    told: MessageAudience | None = None,
) -> Message:
    """A new thread, or a reply to one (a reply to a reply joins the same thread).
    ``told`` gets who the periodic emails will tell of it, and when."""
    require_standing(by, incubation)
    now = now or timezone.now()
    if parent is not None:
        if parent.incubation_id != incubation.pk:
            raise ValidationError(
                {"parent": _("The message you answer is not in this conversation.")}
            )
        parent = parent.parent or parent
    if not body.strip():
        raise ValidationError({"body": _("Write your message.")})
    message = Message(
        incubation=incubation, parent=parent, author=by, body=body.strip(), thread_active_at=now
    )
    kind = checked_upload(upload, field="attachment")
    if upload is not None:
        message.attachment_kind, message.attachment_name = kind, upload.name[:255]
        message.attachment_size = upload.size
    message.full_clean(exclude=["attachment", "parent", "author"])
    if upload is not None:
        message.attachment.save(upload.name, upload, save=False)
    message.save()
    if parent is not None:
        Message.objects.filter(pk=parent.pk).update(thread_active_at=now)
    audit_record(
        actor=by,
        action="message.posted",
        target=incubation,
        details={"message": message.pk, "reply_to": parent.pk if parent else None},
    )
    _read_up_to(incubation, by, message.pk)
    touch(incubation=incubation, now=now)
    if told is not None:
        told.add(message_audience(incubation=incubation, besides=by))
    return message


@transaction.atomic
def message_pin(*, message: Message, by: User, pinned: bool = True) -> Message:
    """The secretariat keeps a message at the top of the conversation, or lets it go."""
    require_secretariat(by)
    if pinned == (message.pinned_at is not None):
        return message
    message.pinned_at, message.pinned_by = (timezone.now(), by) if pinned else (None, None)
    message.save(update_fields=["pinned_at", "pinned_by"])
    audit_record(
        actor=by,
        action="message.pinned" if pinned else "message.unpinned",
        target=message.incubation,
        details={"message": message.pk},
    )
    return message


def _read_up_to(incubation: Incubation, user: User, message_id: int) -> None:
    inbox, created = MemberInbox.objects.get_or_create(
        incubation=incubation, user=user, defaults={"last_read_id": message_id}
    )
    if not created:
        MemberInbox.objects.filter(pk=inbox.pk).update(
            last_read_id=Greatest(F("last_read_id"), message_id)
        )


@transaction.atomic
def messages_mark_read(*, incubation: Incubation, user: User, up_to: int) -> None:
    """The person has seen the conversation up to this message. Not audited: reading is
    not a change anyone needs to trace."""
    if up_to and standing_of(user, incubation) is not None:
        _read_up_to(incubation, user, up_to)


@transaction.atomic
def email_choice_set(*, incubation: Incubation, by: User, choice: str) -> MemberInbox:
    if standing_of(by, incubation) is None:
        require_standing(by, incubation)
    if choice not in EmailChoice.values:
        raise ValidationError({"email_choice": _("Choose how you want to hear of new messages.")})
    inbox, _created = MemberInbox.objects.select_for_update().get_or_create(
        incubation=incubation, user=by
    )
    if inbox.email_choice != choice:
        inbox.email_choice = choice
        inbox.save(update_fields=["email_choice"])
        audit_record(
            actor=by, action="messages.email_choice", target=incubation, details={"choice": choice}
        )
    return inbox
