from celery import shared_task

from challenges.services import challenge_draft_reminders_send


@shared_task(ignore_result=True)
def send_draft_reminders() -> None:
    challenge_draft_reminders_send()
