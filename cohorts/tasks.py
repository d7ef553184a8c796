from celery import shared_task

from cohorts.services import session_reminders_send


@shared_task(
    name="cohorts.tasks.send_session_reminders",
    ignore_result=True,
    acks_late=True,
    time_limit=600,
    soft_time_limit=570,
)
def send_session_reminders() -> None:
    session_reminders_send()
