from celery import shared_task

from outcomes.services import surveys_create_due


@shared_task(
    name="outcomes.tasks.create_followup_surveys",
    ignore_result=True,
    acks_late=True,
    time_limit=600,
    soft_time_limit=570,
)
def create_followup_surveys() -> None:
    surveys_create_due()
