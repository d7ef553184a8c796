from celery import shared_task

from matching.models import MatchRun
from matching.services import match_run_execute


@shared_task(ignore_result=True)
def execute_match_run(run_id: int) -> None:
    run = MatchRun.objects.filter(pk=run_id).first()
    if run is not None:
        match_run_execute(run=run)
