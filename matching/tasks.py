from celery import shared_task
from django.conf import settings

from matching.embeddings import embeddings_store, submission_text
from matching.selectors import TAKING_PART, run_by_id
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


@shared_task(
    name="matching.tasks.embed_texts",
    ignore_result=True,
    acks_late=True,
    time_limit=600,
    soft_time_limit=570,
)
def embed_texts(texts: list[str]) -> None:
    embeddings_store(texts=texts)


def submission_embedding_queue(submission) -> None:
    """Listens to submissions: a text that takes part in matching is embedded by a
    worker now, not by the next match run."""
    if settings.MATCHING_EMBEDDINGS and submission.status in TAKING_PART:
        embed_texts.delay([submission_text(submission)])
