from celery import shared_task

from outcomes.services import surveys_create_due


@shared_task(ignore_result=True)
def create_followup_surveys() -> None:
    surveys_create_due()
