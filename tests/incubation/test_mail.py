"""The workspace's periodic emails, each sent once however often the job runs: new
messages at most once an hour per person (or in a daily digest at 08:00 on their clock,
or never, as each chose), overdue milestones at most once a week, check-in requests
every few weeks as the programme sets, and meeting reminders a day before."""

from datetime import UTC, datetime, time, timedelta

import pytest
from django.utils import timezone

from incubation.models import (
    CheckIn,
    CheckInSchedule,
    EmailChoice,
    Incubation,
    MemberInbox,
    Milestone,
)
from incubation.services.hours import working_hours_set
from incubation.services.mail import incubation_mail_send
from incubation.services.meetings import meeting_fix, meeting_propose
from incubation.services.messages import email_choice_set, message_post
from incubator.models import Notification
from tests.incubation.factories import workspace

pytestmark = pytest.mark.django_db


def emails(prefix: str, to=None):
    rows = Notification.objects.filter(key__startswith=prefix)
    return rows.filter(to_email=to.email) if to else rows


def test_new_messages_go_out_at_most_once_an_hour_in_one_email():
    ws = workspace()
    start = timezone.now()
    for text in ("First", "Second"):
        message_post(incubation=ws.incubation, by=ws.owner, body=text, now=start)

    incubation_mail_send(now=start + timedelta(minutes=5))
    message_post(incubation=ws.incubation, by=ws.owner, body="Third", now=start)
    incubation_mail_send(now=start + timedelta(minutes=30))
    incubation_mail_send(now=start + timedelta(minutes=65))

    sent = list(emails("incubation-messages:", to=ws.provider).order_by("pk"))
    assert len(sent) == 2
    assert "First" in sent[0].body_text and "Second" in sent[0].body_text
    assert sent[0].subject.startswith("2 new messages:")
    assert "Third" in sent[1].body_text and "First" not in sent[1].body_text
    assert not emails("incubation-messages:", to=ws.owner).exists()  # their own messages


def test_messages_read_on_the_page_are_not_emailed(client_of):
    ws = workspace()
    message_post(incubation=ws.incubation, by=ws.owner, body="Seen already")
    client_of(ws.provider).get(f"/incubations/{ws.incubation.pk}/messages/")

    incubation_mail_send(now=timezone.now() + timedelta(minutes=5))

    assert not emails("incubation-messages:", to=ws.provider).exists()


def test_a_daily_digest_goes_at_eight_on_the_readers_clock_once_a_day():
    ws = workspace()  # the provider is in São Paulo
    email_choice_set(incubation=ws.incubation, by=ws.provider, choice=EmailChoice.DAILY)
    day = timezone.now().astimezone(timezone.zoneinfo.ZoneInfo("America/Sao_Paulo")).date()
    seven = datetime.combine(day, time(7), tzinfo=timezone.zoneinfo.ZoneInfo("America/Sao_Paulo"))
    message_post(incubation=ws.incubation, by=ws.owner, body="Overnight news", now=seven)

    incubation_mail_send(now=seven + timedelta(minutes=10))
    assert not emails("incubation-digest:").exists()
    incubation_mail_send(now=seven + timedelta(hours=1, minutes=5))
    message_post(incubation=ws.incubation, by=ws.owner, body="Later news", now=seven)
    incubation_mail_send(now=seven + timedelta(hours=5))

    (digest,) = emails("incubation-digest:", to=ws.provider)
    assert digest.subject.startswith("Today in the incubation:")
    assert "Overnight news" in digest.body_text
    assert "once a day, as you chose" in digest.body_text


def test_no_email_for_a_person_who_chose_none():
    ws = workspace()
    email_choice_set(incubation=ws.incubation, by=ws.provider, choice=EmailChoice.NONE)
    message_post(incubation=ws.incubation, by=ws.owner, body="Quiet")

    incubation_mail_send(now=timezone.now() + timedelta(hours=2))

    assert not emails("incubation-").filter(key__contains="messages").exists()
    assert MemberInbox.objects.get(user=ws.provider).emailed_up_to_id == 0


def test_an_overdue_milestone_reminds_its_owner_team_once_a_week():
    ws = workspace()
    milestone = Milestone.objects.create(
        incubation=ws.incubation,
        team=ws.provider_team,
        title="Translate the templates",
        due_on=timezone.localdate() - timedelta(days=3),
    )
    now = timezone.now()

    for hours in (0, 1, 24 * 6):
        incubation_mail_send(now=now + timedelta(hours=hours))
    incubation_mail_send(now=now + timedelta(days=7, hours=1))

    sent = emails(f"milestone-overdue:{milestone.pk}:")
    assert sent.count() == 2
    assert set(sent.values_list("to_email", flat=True)) == {ws.provider.email}
    assert "was due on" in sent.first().body_text
    assert "at most once a week" in sent.first().body_text


def test_check_ins_are_asked_every_interval_of_the_programme_from_the_start_of_the_work():
    ws = workspace()
    started = timezone.now() - timedelta(weeks=2)
    Incubation.objects.filter(pk=ws.incubation.pk).update(activated_at=started)
    CheckInSchedule.objects.create(programme=ws.incubation.programme, interval_weeks=3)

    incubation_mail_send(now=started + timedelta(weeks=2))
    assert not CheckIn.objects.exists()
    incubation_mail_send(now=started + timedelta(weeks=3, minutes=1))
    incubation_mail_send(now=started + timedelta(weeks=3, minutes=6))

    assert CheckIn.objects.count() == 2  # one per team
    request = emails("checkin-request:", to=ws.owner).get()
    assert "It is time for the check-in of" in request.body_text
    incubation_mail_send(now=started + timedelta(weeks=6, minutes=2))
    assert CheckIn.objects.count() == 4


def test_a_fixed_meeting_is_reminded_a_day_before_once_and_again_after_a_new_time():
    ws = workspace()
    for team, person in ((ws.owner_team, ws.owner), (ws.provider_team, ws.provider)):
        working_hours_set(
            team=team, by=person, weekdays=range(7), day_starts=time(0), day_ends=time(23, 59)
        )
    proposed = timezone.now() - timedelta(days=3)
    meeting = meeting_propose(
        incubation=ws.incubation, by=ws.owner, title="Review", duration_minutes=60, now=proposed
    )
    slot = meeting.slots.filter(starts_at__gt=timezone.now() + timedelta(hours=2)).first()
    meeting_fix(meeting=meeting, slot=slot, by=ws.owner, now=proposed)
    day_before = slot.starts_at - timedelta(hours=23)

    incubation_mail_send(now=slot.starts_at - timedelta(hours=30))
    assert not emails("meeting-reminder:").exists()
    incubation_mail_send(now=day_before)
    incubation_mail_send(now=day_before + timedelta(minutes=5))

    reminders = emails(f"meeting-reminder:{meeting.pk}:0:")
    assert reminders.count() == 2
    assert "Tomorrow: Review" in reminders.get(to_email=ws.provider.email).subject


def test_running_the_job_twice_at_the_same_moment_queues_nothing_more():
    ws = workspace()
    message_post(incubation=ws.incubation, by=ws.owner, body="Once")
    Milestone.objects.create(
        incubation=ws.incubation,
        team=ws.owner_team,
        title="Late",
        due_on=timezone.localdate() - timedelta(days=2),
    )
    Incubation.objects.filter(pk=ws.incubation.pk).update(
        activated_at=datetime(2020, 1, 1, tzinfo=UTC)
    )
    now = timezone.now() + timedelta(minutes=5)

    first = incubation_mail_send(now=now)
    count = Notification.objects.count()
    second = incubation_mail_send(now=now)

    assert first == {"messages": 1, "milestones": 1, "checkins": 2, "meetings": 0}
    assert second == {"messages": 0, "milestones": 0, "checkins": 0, "meetings": 0}
    assert Notification.objects.count() == count
