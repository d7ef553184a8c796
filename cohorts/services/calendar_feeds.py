"""A person's calendar subscription address: created on request, revoked at once."""

import secrets

from django.db import transaction
from django.utils import timezone

from cohorts.models import CalendarFeed
from incubator.models import User
from incubator.services.audit import audit_record


@transaction.atomic
def calendar_feed_create(*, user: User) -> CalendarFeed:
    """The person's subscription address: their live one, or a new one."""
    feed = CalendarFeed.objects.select_for_update().filter(user=user, revoked_at__isnull=True)
    existing = feed.first()
    if existing is not None:
        return existing
    created = CalendarFeed.objects.create(user=user, token=secrets.token_urlsafe(32))
    audit_record(actor=user, action="calendar_feed.created", target=user)
    return created


@transaction.atomic
def calendar_feed_revoke(*, user: User, now=None) -> int:
    """Stop the person's subscription address at once; calendars using it get nothing more."""
    revoked = CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=now or timezone.now()
    )
    if revoked:
        audit_record(actor=user, action="calendar_feed.revoked", target=user)
    return revoked
