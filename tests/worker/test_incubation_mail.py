"""The workspace's periodic emails with everything real (a Celery worker and its beat in
another process, Redis, PostgreSQL, an SMTP server): message emails, overdue milestone
reminders, check-in requests and meeting invitations and reminders each arrive once,
even when the worker is killed in the middle of the batch, whether it was still deciding
who to write to or already sending."""

from datetime import time, timedelta

import psycopg
import pytest
from django.conf import settings
from django.utils import timezone

from incubation.models import Incubation, Meeting, MemberInbox, Milestone
from incubation.services.hours import working_hours_set
from incubation.services.meetings import meeting_fix, meeting_propose
from incubation.services.messages import message_post
from incubator.models import Notification
from incubator.models.outbox import NotificationStatus
from tests.incubation.factories import workspace
from tests.worker.conftest import database_url, wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

KINDS = ("incubation-messages:", "milestone-overdue:", "checkin-request:", "meeting-reminder:")


def busy_incubation(n: int):
    """An incubation with something of every kind due: a message for the provider, an
    overdue milestone of the provider team, a check-in due for both teams, a meeting
    fixed days ago that starts within a day."""
    ws = workspace(
        owner_fields={"email": f"owner{n}@tokyo.example"},
        provider_fields={"email": f"provider{n}@saopaulo.example"},
    )
    for team, person in ((ws.owner_team, ws.owner), (ws.provider_team, ws.provider)):
        working_hours_set(
            team=team, by=person, weekdays=range(7), day_starts=time(0), day_ends=time(23, 59)
        )
    earlier = timezone.now() - timedelta(days=3)
    meeting = meeting_propose(
        incubation=ws.incubation, by=ws.owner, title="Review", duration_minutes=30, now=earlier
    )
    meeting_fix(meeting=meeting, slot=meeting.slots.first(), by=ws.owner, now=earlier)
    # The offer has one slot a day at the same hour, which can be more than a day ahead
    # at some times of day: the meeting is moved to start in six hours, so that its
    # reminder is due whenever the test runs.
    starts = timezone.now() + timedelta(hours=6)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=starts, ends_at=starts + timedelta(minutes=30)
    )
    message_post(incubation=ws.incubation, by=ws.owner, body=f"News {n}")
    Milestone.objects.create(
        incubation=ws.incubation,
        team=ws.provider_team,
        title="Late",
        due_on=timezone.localdate() - timedelta(days=2),
    )
    Incubation.objects.filter(pk=ws.incubation.pk).update(activated_at=earlier - timedelta(weeks=5))
    return ws


def due_mail_everywhere(count=3):
    spaces = [busy_incubation(n) for n in range(count)]
    # What the services sent when the work was set up is out of the way first.
    Notification.objects.update(status=NotificationStatus.SENT)
    return spaces


def send_the_batch():
    from incubation.tasks import send_incubation_mail

    send_incubation_mail.delay()


def periodic_rows():
    return Notification.objects.filter(
        key__regex=r"^(incubation-messages|milestone-overdue|checkin-request|meeting-reminder):"
    )


def expected_mail(spaces) -> dict[str, int]:
    """Per address: the messages email and the check-in request and the meeting reminder
    (both teams); the provider also gets the milestone reminder."""
    expected = {}
    for ws in spaces:
        expected[ws.owner.email] = 2  # check-in request, meeting reminder
        expected[ws.provider.email] = 4  # and the messages email, the milestone reminder
    return expected


def assert_each_arrived_once(smtp_server, spaces):
    rows = list(periodic_rows())
    assert len({row.key for row in rows}) == len(rows)
    assert all(row.status == NotificationStatus.SENT for row in rows), [
        (row.key, row.status) for row in rows
    ]
    for address, count in expected_mail(spaces).items():
        accepted = smtp_server.accepted(to=address)
        assert len(accepted) == count, (address, [mail.subject for mail in accepted])
        assert len({mail.message_id for mail in accepted}) == count


def all_arrived(smtp_server, spaces) -> bool:
    return all(
        len(smtp_server.accepted(to=address)) >= count
        for address, count in expected_mail(spaces).items()
    )


def test_each_periodic_email_arrives_once_when_the_batch_runs_twice(start_worker, smtp_server):
    spaces = due_mail_everywhere()
    worker = start_worker()

    send_the_batch()
    send_the_batch()
    wait_until(lambda: all_arrived(smtp_server, spaces), timeout=60, what="every email")
    worker.wait_for_sweeps(2)

    assert_each_arrived_once(smtp_server, spaces)
    assert {kind for kind in KINDS if periodic_rows().filter(key__startswith=kind).exists()} == set(
        KINDS
    )


def test_a_worker_killed_while_sending_the_batch_leaves_nothing_unsent_or_sent_twice(
    start_worker, smtp_server
):
    spaces = due_mail_everywhere()
    smtp_server.hold_first_message_to(spaces[1].provider.email)
    first = start_worker()

    send_the_batch()
    wait_until(smtp_server.holding.is_set, timeout=60, what="a send to be under way")
    first.kill()
    pending = periodic_rows().filter(status=NotificationStatus.PENDING).count()

    second = start_worker()
    send_the_batch()  # the next beat
    wait_until(lambda: all_arrived(smtp_server, spaces), timeout=60, what="every email")
    second.wait_for_sweeps(2)

    assert pending >= 1
    assert_each_arrived_once(smtp_server, spaces)


def test_a_worker_killed_while_deciding_who_to_write_to_leaves_the_rest_to_the_next_run(
    start_worker, smtp_server
):
    spaces = due_mail_everywhere()
    # Another transaction holds the second provider's inbox: the batch stops there.
    held, _new = MemberInbox.objects.get_or_create(
        incubation=spaces[1].incubation, user=spaces[1].provider
    )
    blocker = psycopg.connect(database_url(settings.DATABASES["default"]))
    blocker.execute(f"SELECT 1 FROM incubation_memberinbox WHERE id = {held.pk} FOR UPDATE")
    first = start_worker()

    send_the_batch()
    wait_until(
        lambda: periodic_rows().filter(key__startswith="incubation-messages:").count() == 1,
        timeout=60,
        what="the first person's messages email, queued before the batch stops",
    )
    first.kill()
    blocker.rollback()
    blocker.close()
    assert periodic_rows().filter(key__startswith="incubation-messages:").count() == 1

    second = start_worker()
    send_the_batch()
    wait_until(lambda: all_arrived(smtp_server, spaces), timeout=60, what="every email")
    second.wait_for_sweeps(2)

    assert_each_arrived_once(smtp_server, spaces)
