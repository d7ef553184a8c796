"""What the portal stops keeping, on a schedule: accounts never verified, invitations
long expired, drafts abandoned in calls closed long ago, and data exports past their
time. Each period is a setting; each removal is counted in the log."""

import logging
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from challenges.models import Challenge
from incubator.models import Invitation, RoleGrant, User
from mydata.models import DataExport
from mydata.services.exports import exports_remove
from solutions.models import Solution
from submissions.models import SubmissionState

log = logging.getLogger(__name__)


def _days_ago(now, name: str):
    return now - timedelta(days=getattr(settings, name))


def unverified_accounts_due(*, now):
    """Accounts whose address was never confirmed, nor used to sign in, after the period;
    staff and anyone given a role are kept for the secretariat to look at, and a deleted
    account's pseudonym stays for the records that name it."""
    verified = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
    granted = RoleGrant.objects.filter(user=OuterRef("pk"))
    return User.objects.filter(
        date_joined__lt=_days_ago(now, "RETENTION_UNVERIFIED_ACCOUNT_DAYS"),
        last_login__isnull=True,
        is_active=True,
        is_staff=False,
        is_superuser=False,
    ).exclude(Exists(verified) | Exists(granted))


def invitations_due(*, now):
    return Invitation.objects.filter(
        accepted_at__isnull=True, expires_at__lt=_days_ago(now, "RETENTION_INVITATION_DAYS")
    )


def drafts_due(*, model, now):
    return model.objects.filter(
        status=SubmissionState.DRAFT,
        call__closes_at__lt=_days_ago(now, "RETENTION_DRAFT_DAYS"),
    )


def _drafts_remove(*, model, now) -> int:
    removed = 0
    for draft in drafts_due(model=model, now=now).prefetch_related("attachments"):
        for attachment in draft.attachments.all():
            attachment.file.delete(save=False)
        draft.delete()
        removed += 1
    return removed


def exports_due(*, now):
    """Ready exports past their expiry, and any that never became ready in that time."""
    never_ready = now - timedelta(hours=settings.DATA_EXPORT_HOURS)
    return DataExport.objects.filter(
        Q(expires_at__lt=now) | Q(expires_at__isnull=True, created_at__lt=never_ready)
    )


@transaction.atomic
def retention_apply(*, now=None) -> dict[str, int]:
    """Remove what is due; the number removed of each kind, also written to the log."""
    now = now or timezone.now()
    removed = {
        "unverified accounts": unverified_accounts_due(now=now)
        .delete()[1]
        .get(User._meta.label, 0),
        "expired invitations": invitations_due(now=now).delete()[0],
        "abandoned challenge drafts": _drafts_remove(model=Challenge, now=now),
        "abandoned proposal drafts": _drafts_remove(model=Solution, now=now),
        "expired data exports": exports_remove(exports=exports_due(now=now)),
    }
    for kind, count in removed.items():
        log.info("Retention: removed %d %s", count, kind)
    return removed
