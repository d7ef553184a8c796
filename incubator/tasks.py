from celery import shared_task

from incubator.services.outbox import notification_deliver, outbox_sweep


@shared_task(ignore_result=True)
def send_notification(notification_id: int) -> None:
    notification_deliver(notification_id=notification_id)


@shared_task(ignore_result=True)
def sweep_outbox() -> None:
    outbox_sweep()
