from celery import shared_task

from incubator.services.outbox import notification_deliver, outbox_sweep


@shared_task(
    name="incubator.tasks.send_notification",
    ignore_result=True,
    acks_late=True,
    time_limit=120,
    soft_time_limit=90,
)
def send_notification(notification_id: int) -> None:
    notification_deliver(notification_id=notification_id)


@shared_task(
    name="incubator.tasks.sweep_outbox",
    ignore_result=True,
    acks_late=True,
    time_limit=300,
    soft_time_limit=270,
)
def sweep_outbox() -> None:
    outbox_sweep()
