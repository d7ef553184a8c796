from celery import shared_task

from reviews.services import review_overdue_reminders_send


@shared_task(
    name="reviews.tasks.send_overdue_reminders",
    ignore_result=True,
    acks_late=True,
    time_limit=600,
    soft_time_limit=570,
)
def send_overdue_reminders() -> None:
    review_overdue_reminders_send()
