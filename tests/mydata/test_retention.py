import logging
import os
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from challenges.models import Challenge
from incubator.models import Invitation, RoleGrant, User
from mydata.models import DataExport, ExportStatus
from mydata.services.retention import retention_apply
from solutions.models import Solution
from tests.factories import CallFactory, ChallengeFactory, OrganisationFactory, UserFactory
from tests.solutions.factories import SolutionFactory

pytestmark = pytest.mark.django_db
NOW = timezone.now()


@pytest.fixture(autouse=True)
def _periods(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.RETENTION_UNVERIFIED_ACCOUNT_DAYS = 30
    settings.RETENTION_INVITATION_DAYS = 30
    settings.RETENTION_DRAFT_DAYS = 180
    settings.DATA_EXPORT_HOURS = 48


def days_ago(days: int):
    return NOW - timedelta(days=days)


def unverified(days: int, **fields) -> User:
    return UserFactory(verified=False, date_joined=days_ago(days), **fields)


def invitation(expired_days_ago: int, **fields) -> Invitation:
    return Invitation.objects.create(
        organisation=OrganisationFactory(),
        email="someone@gov.example",
        expires_at=days_ago(expired_days_ago),
        **fields,
    )


def export(*, expires_in_hours: float | None, age_hours: float = 1) -> DataExport:
    row = DataExport.objects.create(user=UserFactory(), status=ExportStatus.READY)
    row.file.save("my-data.json", ContentFile(b"{}"), save=False)
    row.expires_at = None if expires_in_hours is None else NOW + timedelta(hours=expires_in_hours)
    if expires_in_hours is None:
        row.status = ExportStatus.FAILED
    row.save()
    DataExport.objects.filter(pk=row.pk).update(created_at=NOW - timedelta(hours=age_hours))
    return row


def test_the_job_removes_exactly_what_is_due(caplog):
    due_account, kept_young = unverified(31), unverified(29)
    kept_verified = UserFactory(date_joined=days_ago(400))
    kept_signed_in = unverified(31, last_login=days_ago(20))
    kept_granted, kept_erased = unverified(31), unverified(31, is_active=False)
    RoleGrant.objects.create(user=kept_granted, role="reviewer")
    due_invitation, kept_invitation = invitation(31), invitation(29)
    kept_accepted = invitation(400, accepted_at=days_ago(401))
    closed_long_ago = CallFactory(opens_at=days_ago(400), closes_at=days_ago(181))
    closed_lately = CallFactory(opens_at=days_ago(400), closes_at=days_ago(179))
    due_draft = ChallengeFactory(call=closed_long_ago, status="draft")
    kept_submitted = ChallengeFactory(call=closed_long_ago, status="submitted")
    kept_recent_draft = ChallengeFactory(call=closed_lately, status="draft")
    due_proposal = SolutionFactory(call__opens_at=days_ago(400), call__closes_at=days_ago(200),
                                   status="draft")  # fmt: skip
    due_export, kept_export = export(expires_in_hours=-1), export(expires_in_hours=1)
    due_failed, kept_failed = (
        export(expires_in_hours=None, age_hours=49),
        export(expires_in_hours=None, age_hours=2),
    )
    due_file = due_export.file.path

    with caplog.at_level(logging.INFO, logger="mydata.services.retention"):
        removed = retention_apply(now=NOW)

    assert removed == {
        "unverified accounts": 1,
        "expired invitations": 1,
        "abandoned challenge drafts": 1,
        "abandoned proposal drafts": 1,
        "expired data exports": 2,
    }
    assert "Retention: removed 1 unverified accounts" in caplog.text
    assert "Retention: removed 2 expired data exports" in caplog.text
    assert not User.objects.filter(pk=due_account.pk).exists()
    assert set(User.objects.filter(
        pk__in=[kept_young.pk, kept_verified.pk, kept_signed_in.pk, kept_granted.pk, kept_erased.pk]
    )) == {kept_young, kept_verified, kept_signed_in, kept_granted, kept_erased}  # fmt: skip
    assert list(Invitation.objects.order_by("pk")) == [kept_invitation, kept_accepted]
    assert not Invitation.objects.filter(pk=due_invitation.pk).exists()
    assert set(Challenge.objects.all()) >= {kept_submitted, kept_recent_draft}
    assert not Challenge.objects.filter(pk=due_draft.pk).exists()
    assert not Solution.objects.filter(pk=due_proposal.pk).exists()
    assert set(DataExport.objects.all()) == {kept_export, kept_failed}
    assert not DataExport.objects.filter(pk__in=[due_export.pk, due_failed.pk]).exists()
    assert not os.path.exists(due_file)


def test_the_job_is_on_the_beat_schedule(settings):
    entry = {e["task"]: e for e in settings.CELERY_BEAT_SCHEDULE.values()}

    assert entry["mydata.tasks.apply_retention"]["schedule"] == 3600.0
