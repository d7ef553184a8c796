"""Messages to the secretariat from the contact form, and its answers, by email."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from incubator.models import ContactMessage, ContactState, Notification, User
from incubator.services.audit import audit_record
from incubator.services.outbox import notification_queue


def _tell_sender(*, message: ContactMessage, key: str, template: str) -> Notification:
    return notification_queue(
        key=key,
        template=template,
        context={"message": message},
        recipient=message.sender,
        to_email=message.email,
        language=message.language,
    )


@transaction.atomic
def contact_send(
    *,
    sender: User | None,
    name: str,
    email: str,
    subject: str,
    body: str,
    language: str,
) -> ContactMessage:
    """The message reaches the secretariat's inbox; the sender is emailed a copy that
    says what happens next."""
    message = ContactMessage.objects.create(
        sender=sender if sender is not None and sender.is_authenticated else None,
        name=name.strip(),
        email=email.strip(),
        subject=subject.strip(),
        body=body.strip(),
        language=language,
    )
    audit_record(actor=message.sender, action="contact.received", target=message)
    _tell_sender(message=message, key=f"contact-received:{message.pk}", template="contact_received")
    return message


@transaction.atomic
def contact_answer(*, message: ContactMessage, answer: str, by: User) -> Notification:
    """The secretariat answers once, by email to the address the sender gave."""
    message = ContactMessage.objects.select_for_update().get(pk=message.pk)
    if message.state != ContactState.NEW:
        raise ValidationError(_("This message has already been answered or closed."))
    message.answer = answer.strip()
    message.answered_by = by
    message.answered_at = timezone.now()
    message.state = ContactState.ANSWERED
    message.save(update_fields=["answer", "answered_by", "answered_at", "state"])
    audit_record(actor=by, action="contact.answered", target=message)
    return _tell_sender(
        message=message, key=f"contact-answer:{message.pk}", template="contact_answer"
    )


@transaction.atomic
def contact_close(*, message: ContactMessage, by: User) -> ContactMessage:
    """Nothing more to do about the message (answered, or needing no answer)."""
    message = ContactMessage.objects.select_for_update().get(pk=message.pk)
    if message.state == ContactState.CLOSED:
        raise ValidationError(_("This message is already closed."))
    message.state = ContactState.CLOSED
    message.save(update_fields=["state"])
    audit_record(actor=by, action="contact.closed", target=message)
    return message
