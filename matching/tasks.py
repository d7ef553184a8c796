from celery import shared_task

from matching.selectors import run_by_id
from matching.services import match_run_execute


@shared_task(
    name="matching.tasks.execute_match_run",
    ignore_result=True,
    acks_late=True,
    time_limit=1800,
    soft_time_limit=1770,
)
def execute_match_run(run_id: int) -> None:
    run = run_by_id(run_id)
    if run is not None:
        match_run_execute(run=run)
