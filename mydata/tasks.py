from celery import shared_task

from mydata.services.exports import export_build
from mydata.services.retention import retention_apply


@shared_task(
    name="mydata.tasks.build_data_export",
    ignore_result=True,
    acks_late=True,
    time_limit=900,
    soft_time_limit=870,
)
def build_data_export(export_id: int) -> None:
    export_build(export_id=export_id)


@shared_task(
    name="mydata.tasks.apply_retention",
    ignore_result=True,
    acks_late=True,
    time_limit=1800,
    soft_time_limit=1770,
)
def apply_retention() -> None:
    retention_apply()
