"""The counts over every submission, review and match of a round that the dashboard and
the showcase show, kept as numbers without words in one row per programme
(`DashboardCounts`).

Counting them runs grouped queries over the whole round: half a second at 50,000
challenges, and more as the round grows. So the pages read the kept counts, say when
they were counted, and ask a task to count again when they are older than
`DASHBOARD_COUNTS_MAX_AGE` seconds; the secretariat can also count again at once, and a
team's consent to the showcase counts again as soon as it is committed. The pages put the
numbers into words in the reader's language when they are drawn."""

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from incubator.models import Programme
from outcomes.dashboard.funnel import funnel_counts
from outcomes.dashboard.matching_state import matching_counts
from outcomes.dashboard.reviewer_progress import review_counts
from outcomes.dashboard.who_submitted import submission_counts
from outcomes.models import DashboardCounts
from outcomes.selectors import showcase_counts

COUNTERS: dict[str, Callable[[Programme], object]] = {
    "funnel": funnel_counts,
    "submissions": submission_counts,
    "reviews": review_counts,
    "matching": matching_counts,
    "showcase": showcase_counts,
}


def _stale_before():
    return timezone.now() - timedelta(seconds=settings.DASHBOARD_COUNTS_MAX_AGE)


@transaction.atomic
def dashboard_recount(*, programme: Programme) -> DashboardCounts:
    """Count everything now and keep it. No audit entry: the counts are the records'
    own, read again, and change nothing."""
    counted, _created = DashboardCounts.objects.update_or_create(
        programme=programme,
        defaults={
            "counts": {key: count(programme) for key, count in COUNTERS.items()},
            "counted_at": timezone.now(),
            "recount_asked_at": None,
        },
    )
    return counted


def dashboard_recount_ask(*, counted: DashboardCounts) -> bool:
    """Ask the task to count again, once however many pages ask while it runs (a task
    lost on the way is asked again after the same delay). True when this call asked."""
    asked = (
        DashboardCounts.objects.filter(pk=counted.pk)
        .filter(Q(recount_asked_at__isnull=True) | Q(recount_asked_at__lt=_stale_before()))
        .update(recount_asked_at=timezone.now())
    )
    if asked:
        dashboard_recount_soon(programme_id=counted.programme_id)
    return bool(asked)


def dashboard_recount_soon(*, programme_id: int) -> None:
    """Have the task count again once the current transaction is committed."""
    # Imported here: the task imports this module.
    from outcomes.tasks import recount_dashboard

    transaction.on_commit(lambda: recount_dashboard.delay(programme_id), robust=True)


def dashboard_counts(programme: Programme) -> DashboardCounts:
    """The kept counts, counted now when there are none yet (or they lack a section
    added since), and asked for again when they are old."""
    counted = DashboardCounts.objects.filter(programme=programme).first()
    if counted is None or set(counted.counts) != set(COUNTERS):
        return dashboard_recount(programme=programme)
    if counted.counted_at < _stale_before() and dashboard_recount_ask(counted=counted):
        # With no worker (the embedded default) the task has run already: read it back.
        counted.refresh_from_db()
    return counted
