from celery import shared_task

from reviews.services import review_overdue_reminders_send


@shared_task(ignore_result=True)
def send_overdue_reminders() -> None:
    review_overdue_reminders_send()
