from celery import shared_task

from incubator.models import Programme
from outcomes.dashboard.counts import dashboard_recount
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


@shared_task(name="outcomes.tasks.recount_dashboard", ignore_result=True, time_limit=300)
def recount_dashboard(programme_id: int) -> None:
    programme = Programme.objects.filter(pk=programme_id).first()
    if programme is not None:  # deleted since the page asked
        dashboard_recount(programme=programme)
