"""Reminders 24 hours and 1 hour before a session: exactly one of each per registration
however often the periodic task runs, none after cancelling, in each person's language
and time zone."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from cohorts.models import RegistrationStatus
from cohorts.services import registration_cancel, session_cancel, session_reminders_send
from cohorts.tasks import send_session_reminders
from incubator.models import Notification
from tests.cohorts.factories import (
    CohortFactory,
    RegistrationFactory,
    SessionFactory,
    cohort_member,
)
from tests.factories import secretariat_user

pytestmark = pytest.mark.django_db

STARTS = datetime(2030, 6, 12, 13, 0, tzinfo=UTC)
# Every five minutes, as Celery beat runs it, from two days before until the start.
EVERY_RUN = [STARTS - timedelta(days=2) + timedelta(minutes=5 * n) for n in range(12 * 48)]


def session_at(starts=STARTS, **fields):
    return SessionFactory(starts_at=starts, ends_at=starts + timedelta(minutes=90), **fields)


def reminders_to(user):
    return Notification.objects.filter(recipient=user, key__startswith="session-reminder")


def run_at(moments):
    for moment in moments:
        session_reminders_send(now=moment)


def test_each_registration_gets_exactly_one_24_hour_and_one_1_hour_reminder():
    session = session_at(title="Citizen juries")
    first, second = RegistrationFactory(session=session), RegistrationFactory(session=session)

    run_at(EVERY_RUN)

    for registration in (first, second):
        subjects = sorted(reminders_to(registration.user).values_list("subject", flat=True))
        assert subjects == ["Starting in an hour: Citizen juries", "Tomorrow: Citizen juries"]


def test_each_reminder_goes_out_when_it_is_due():
    registration = RegistrationFactory(session=session_at(title="Citizen juries"))

    run_at([STARTS - timedelta(hours=25)])
    assert not reminders_to(registration.user).exists()
    run_at([STARTS - timedelta(hours=24)])
    assert reminders_to(registration.user).get().subject == "Tomorrow: Citizen juries"
    run_at([STARTS - timedelta(hours=2)])
    assert reminders_to(registration.user).count() == 1
    run_at([STARTS - timedelta(minutes=60)])
    assert reminders_to(registration.user).count() == 2
    run_at([STARTS, STARTS + timedelta(minutes=10)])
    assert reminders_to(registration.user).count() == 2


def test_running_the_periodic_task_twice_sends_nothing_twice(django_capture_on_commit_callbacks):
    session = SessionFactory(
        starts_at=timezone.now() + timedelta(hours=5),
        ends_at=timezone.now() + timedelta(hours=6),
    )
    registration = RegistrationFactory(session=session)

    with django_capture_on_commit_callbacks(execute=True):
        send_session_reminders.delay()
        send_session_reminders.delay()

    assert reminders_to(registration.user).count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [registration.user.email]


def test_someone_who_registers_within_the_last_hour_gets_only_the_1_hour_reminder():
    registration = RegistrationFactory(session=session_at(title="Citizen juries"))

    run_at([STARTS - timedelta(minutes=40), STARTS - timedelta(minutes=35)])

    assert list(reminders_to(registration.user).values_list("subject", flat=True)) == [
        "Starting in an hour: Citizen juries"
    ]


def test_no_reminder_after_cancelling_a_registration():
    session = session_at()
    registration = RegistrationFactory(session=session)
    run_at([STARTS - timedelta(hours=23)])

    registration_cancel(
        registration=registration, by=registration.user, now=STARTS - timedelta(hours=3)
    )
    run_at(EVERY_RUN)

    assert reminders_to(registration.user).count() == 1  # the 24-hour one, sent before


def test_no_reminder_for_a_cancelled_session_or_a_person_on_the_waitlist():
    cancelled = session_at()
    registered = RegistrationFactory(session=cancelled)
    session_cancel(
        session=cancelled,
        by=secretariat_user(),
        reason="The expert fell ill.",
        now=STARTS - timedelta(days=3),
    )
    waiting = RegistrationFactory(session=session_at(), status=RegistrationStatus.WAITLISTED)

    run_at(EVERY_RUN)

    assert not reminders_to(registered.user).exists()
    assert not reminders_to(waiting.user).exists()


def test_someone_promoted_from_the_waitlist_is_reminded_from_then_on():
    session = session_at(capacity=1)
    holder = RegistrationFactory(session=session)
    waiting = RegistrationFactory(
        session=session, status=RegistrationStatus.WAITLISTED, registered_at=None
    )

    registration_cancel(registration=holder, by=holder.user, now=STARTS - timedelta(hours=30))
    run_at(EVERY_RUN)

    assert reminders_to(waiting.user).count() == 2
    assert reminders_to(holder.user).count() == 0


def test_a_person_whose_team_left_the_cohort_is_not_reminded():
    cohort = CohortFactory()
    member = cohort_member(cohort)
    registration = RegistrationFactory(session=session_at(cohort=cohort), user=member)
    member.memberships.all().delete()

    run_at(EVERY_RUN)

    assert not reminders_to(registration.user).exists()


def test_the_reminder_is_in_the_persons_language_and_time_zone():
    cohort = CohortFactory()
    member = cohort_member(cohort, language="fr", time_zone="Asia/Tokyo")
    RegistrationFactory(session=session_at(cohort=cohort), user=member)

    run_at([STARTS - timedelta(minutes=30)])

    email = reminders_to(member).get()
    assert email.language == "fr"
    # 13:00 UTC is 22:00 in Tokyo; the reference zone (Paris, summer) says 15:00.
    assert "22:00–23:30 JST (Asia/Tokyo)" in email.body_text
    assert "15:00–16:30 CEST (Europe/Paris)" in email.body_text
    assert "https://meet.example/secret-room-42" in email.body_text


def test_a_session_moved_to_another_day_is_reminded_again_for_its_new_time():
    from cohorts.services import session_update

    session = session_at()
    registration = RegistrationFactory(session=session)
    run_at([STARTS - timedelta(hours=23)])
    later = STARTS + timedelta(days=2)

    session_update(
        session=session,
        by=secretariat_user(),
        starts_at=later,
        ends_at=later + timedelta(minutes=90),
        now=STARTS - timedelta(hours=22),
    )
    run_at([later - timedelta(hours=23), later - timedelta(hours=22)])

    keys = list(reminders_to(registration.user).values_list("key", flat=True))
    assert len(keys) == 2
    assert len(set(keys)) == 2
