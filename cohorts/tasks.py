from celery import shared_task

from cohorts.services import session_reminders_send


@shared_task(ignore_result=True)
def send_session_reminders() -> None:
    session_reminders_send()
