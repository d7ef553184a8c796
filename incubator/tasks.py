from celery import shared_task
from celery.signals import worker_process_shutdown

from incubator.services.outbox import outbox_sweep
from incubator.services.outbox_delivery import notifications_deliver, outbox_mailer_close


@shared_task(
    name="incubator.tasks.send_notifications",
    ignore_result=True,
    acks_late=True,
    time_limit=300,
    soft_time_limit=270,
)
def send_notifications(notification_ids: list[int]) -> None:
    notifications_deliver(notification_ids=notification_ids)


# Tasks queued by the version before batches still find a worker during an upgrade.
@shared_task(
    name="incubator.tasks.send_notification",
    ignore_result=True,
    acks_late=True,
    time_limit=120,
    soft_time_limit=90,
)
def send_notification(notification_id: int) -> None:
    notifications_deliver(notification_ids=[notification_id])


@shared_task(
    name="incubator.tasks.sweep_outbox",
    ignore_result=True,
    acks_late=True,
    time_limit=300,
    soft_time_limit=270,
)
def sweep_outbox() -> None:
    outbox_sweep()


@worker_process_shutdown.connect
def _close_mail_connection(**_kwargs) -> None:
    outbox_mailer_close()
