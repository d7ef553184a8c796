"""A person's notifications page: every email the portal queued for them."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from incubator.models import MailOptOut, Notification, User


def notifications_of(*, user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).defer("body_text", "body_html")


def notifications_unread_count(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notification_of(*, user: User, pk: int) -> Notification:
    """One of the person's own notifications; somebody else's is not found."""
    return get_object_or_404(Notification, pk=pk, recipient=user)


def mail_choices_stopped(*, user: User) -> set[str]:
    return set(MailOptOut.objects.filter(user=user).values_list("choice", flat=True))


def person_of_link(*, user_id: int) -> User | None:
    return User.objects.filter(pk=user_id, is_active=True).first()
