from celery import shared_task

from solutions.services import solution_draft_reminders_send


@shared_task(ignore_result=True)
def send_draft_reminders() -> None:
    solution_draft_reminders_send()
