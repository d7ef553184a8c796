from django.contrib.contenttypes.models import ContentType
from django.db import models

from incubator.models import AuditEntry, User


def audit_record(
    *, actor: User | None, action: str, target: models.Model, details: dict | None = None
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        target_type=ContentType.objects.get_for_model(target),
        target_id=str(target.pk),
        details=details or {},
    )
