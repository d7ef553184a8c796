from celery import shared_task

from solutions.services import solution_draft_reminders_send


@shared_task(
    name="solutions.tasks.send_draft_reminders",
    ignore_result=True,
    acks_late=True,
    time_limit=600,
    soft_time_limit=570,
)
def send_draft_reminders() -> None:
    solution_draft_reminders_send()
