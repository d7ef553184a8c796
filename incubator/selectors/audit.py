from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet

from incubator.models import AuditEntry


def audit_entries_of(*, target: Model) -> QuerySet[AuditEntry]:
    """What happened to one record, newest first, with who did it."""
    return AuditEntry.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk)
    ).select_related("actor")
