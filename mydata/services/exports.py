"""Building a person's copy of their data, and letting it go when its time is up."""

import json
import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from incubator.models import User
from incubator.services.audit import audit_record
from mydata.models import DataExport, ExportStatus
from mydata.selectors.export import SECTIONS

log = logging.getLogger(__name__)
FORMAT = "incubator-personal-data/1"


@transaction.atomic
def export_request(*, by: User) -> DataExport:
    """Ask for a new copy; while one is being prepared, asking again returns that one."""
    User.objects.select_for_update().filter(pk=by.pk).first()
    under_way = DataExport.objects.filter(
        user=by, status__in=(ExportStatus.WAITING, ExportStatus.BUILDING)
    ).first()
    if under_way is not None:
        return under_way
    export = DataExport.objects.create(user=by)
    audit_record(actor=by, action="data_export_request", target=export)
    from mydata.tasks import build_data_export

    transaction.on_commit(lambda: build_data_export.delay(export.pk), robust=True)
    return export


def _progress(export: DataExport, *, status: str, progress: int) -> None:
    # Outside any transaction, so that the page polling it sees each step.
    DataExport.objects.filter(pk=export.pk).update(status=status, progress=progress)


def export_build(*, export_id: int) -> DataExport | None:
    """Collect every section in turn, moving the progress on after each, then store the
    file privately and set when it expires. Run by the Celery task."""
    export = DataExport.objects.select_related("user").filter(pk=export_id).first()
    if export is None or export.status not in (ExportStatus.WAITING, ExportStatus.BUILDING):
        return export
    user = export.user
    content = {"format": FORMAT, "created_at": timezone.now()}
    try:
        for done, section in enumerate(SECTIONS, start=1):
            content[section.__name__] = section(user)
            _progress(export, status=ExportStatus.BUILDING, progress=done * 95 // len(SECTIONS))
        data = json.dumps(content, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    except Exception:
        log.exception("Data export %s could not be built", export.pk)
        _progress(export, status=ExportStatus.FAILED, progress=0)
        raise
    return _export_store(export=export, data=data)


@transaction.atomic
def _export_store(*, export: DataExport, data: str) -> DataExport:
    now = timezone.now()
    export.file.save(f"my-data-{now:%Y-%m-%d}.json", ContentFile(data.encode()), save=False)
    export.status = ExportStatus.READY
    export.progress = 100
    export.finished_at = now
    export.expires_at = now + timedelta(hours=settings.DATA_EXPORT_HOURS)
    export.save()
    return export


def exports_remove(*, exports) -> int:
    """Remove these exports and their files; the number removed."""
    removed = 0
    for export in exports:
        if export.file:
            export.file.delete(save=False)
        export.delete()
        removed += 1
    return removed
