from django.db import transaction

from incubator.models import Call, Programme, Theme, User
from incubator.services.audit import audit_record


@transaction.atomic
def vocabulary_save(
    *, record: Theme | Programme | Call, by: User | None
) -> Theme | Programme | Call:
    """Save a theme, programme or call the secretariat edited, and record who did it."""
    created = record.pk is None
    record.full_clean()
    record.save()
    kind = type(record).__name__.lower()
    audit_record(actor=by, action=f"{kind}.{'created' if created else 'updated'}", target=record)
    return record
