from celery import shared_task

from challenges.services import challenge_draft_reminders_send


@shared_task(
    name="challenges.tasks.send_draft_reminders",
    ignore_result=True,
    acks_late=True,
    time_limit=600,
    soft_time_limit=570,
)
def send_draft_reminders() -> None:
    challenge_draft_reminders_send()
