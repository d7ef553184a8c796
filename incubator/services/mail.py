"""A person's choices of email, and their notifications page."""

from django.db import transaction
from django.utils import timezone

from incubator.models import MailChoice, MailOptOut, Notification, User
from incubator.services.audit import audit_record


@transaction.atomic
def mail_choices_set(*, user: User, wanted: list[str]) -> set[str]:
    """Keep emailing the kinds in ``wanted``, stop the others; the kinds stopped."""
    stopped = set(MailChoice.values) - set(wanted)
    MailOptOut.objects.filter(user=user).exclude(choice__in=stopped).delete()
    for choice in stopped:
        MailOptOut.objects.get_or_create(user=user, choice=choice)
    audit_record(
        actor=user, action="mail_choices.set", target=user, details={"stopped": sorted(stopped)}
    )
    return stopped


@transaction.atomic
def mail_unsubscribe(*, user: User, choice: str) -> None:
    """From the link in an email: stop that kind, without signing in."""
    _opt_out, created = MailOptOut.objects.get_or_create(user=user, choice=choice)
    if created:
        audit_record(
            actor=None, action="mail_choices.unsubscribed", target=user, details={"choice": choice}
        )


def notification_mark_read(*, notification: Notification) -> Notification:
    """Opening a notification marks it read; reading it again keeps the first time."""
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
