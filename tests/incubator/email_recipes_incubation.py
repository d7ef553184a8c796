"""How each email of the incubation comes about, for the email test: a Tokyo owner team
(its member Ana reads in the language asked for) matched with a São Paulo provider, and
the service that queues the email run by someone else in the incubation."""

from datetime import timedelta

from django.utils import timezone

from incubation.models import CheckInSchedule, Incubation, Milestone
from incubation.services.checkins import checkin_answer, checkin_send
from incubation.services.mail import incubation_mail_send
from incubation.services.meetings import meeting_cancel, meeting_fix, meeting_propose
from incubation.services.messages import message_post
from incubation.services.plan import milestone_add, milestone_complete, plan_update
from incubation.services.workspace import incubation_pause, mentor_attach
from matching.services import match_confirm
from tests.incubation.factories import member, proposed_match, reviewer, workspace


def _workspace(language):
    return workspace(owner_fields={"language": language, "display_name": "Ana Ferreira"})


def incubation_opened(language):
    return _workspace(language).owner


def incubation_team_joined(language):
    ws = _workspace(language)
    second = proposed_match(
        ws.incubation.challenge, provider_zone="Europe/Lisbon", country="PT", name="AMA"
    )
    member(second.solution.organisation, display_name="João Costa")
    match_confirm(match=second, by=ws.secretariat)
    return ws.owner


def incubation_state(language):
    ws = _workspace(language)
    incubation_pause(incubation=ws.incubation, by=ws.secretariat, reason="Elections in May.")
    return ws.owner


def incubation_mentor(language):
    ws = _workspace(language)
    mentor = reviewer(display_name="Marie Dubois")
    mentor_attach(incubation=ws.incubation, mentor=mentor, by=ws.secretariat)
    return ws.owner


def plan_changed(language):
    ws = _workspace(language)
    plan_update(
        incubation=ws.incubation,
        by=ws.provider,
        goal="Pilot letters in plain language in two districts.",
        deliverables="A guide and two pilots.",
        brings={ws.provider_team.pk: "Our letter templates."},
    )
    return ws.owner


def _milestone(ws, **fields):
    return milestone_add(
        incubation=ws.incubation,
        by=ws.provider,
        team=ws.provider_team,
        title="Letters chosen",
        due_on=timezone.localdate() + timedelta(days=3),
        **fields,
    )


def milestone_done(language):
    ws = _workspace(language)
    milestone_complete(milestone=_milestone(ws), by=ws.provider, note="Ten letters chosen.")
    return ws.owner


def milestone_overdue(language):
    ws = _workspace(language)
    Milestone.objects.create(
        incubation=ws.incubation,
        team=ws.owner_team,
        title="Translate the templates",
        due_on=timezone.localdate() - timedelta(days=3),
    )
    incubation_mail_send(now=timezone.now())
    return ws.owner


def checkin_request(language):
    ws = _workspace(language)
    started = timezone.now() - timedelta(weeks=3, minutes=5)
    Incubation.objects.filter(pk=ws.incubation.pk).update(activated_at=started)
    CheckInSchedule.objects.create(programme=ws.incubation.programme, interval_weeks=3)
    incubation_mail_send(now=timezone.now())
    return ws.owner


def checkin_answered(language):
    ws = _workspace(language)
    checkin = checkin_send(
        team=ws.owner_team,
        by=ws.owner,
        progress="The first letters are rewritten.",
        blockers="",
        help_wanted="An introduction to the ministry.",
        confidence=4,
    )
    checkin_answer(checkin=checkin, by=ws.secretariat, answer="We will introduce you on Monday.")
    return ws.owner


def incubation_messages(language):
    ws = _workspace(language)
    now = timezone.now()
    message_post(incubation=ws.incubation, by=ws.provider, body="Our templates are here.", now=now)
    incubation_mail_send(now=now + timedelta(minutes=5))
    return ws.owner


def _meeting(ws):
    return meeting_propose(
        incubation=ws.incubation, by=ws.provider, title="Kick-off", duration_minutes=60
    )


def meeting_proposed(language):
    ws = _workspace(language)
    _meeting(ws)
    return ws.owner


def meeting_invitation(language):
    ws = _workspace(language)
    meeting = _meeting(ws)
    meeting_fix(meeting=meeting, slot=meeting.slots.first(), by=ws.provider)
    return ws.owner


def meeting_reminder(language):
    ws = _workspace(language)
    meeting = _meeting(ws)
    slot = meeting.slots.order_by("-starts_at").first()  # days away: a reminder is due
    meeting_fix(meeting=meeting, slot=slot, by=ws.provider)
    incubation_mail_send(now=slot.starts_at - timedelta(hours=23, minutes=55))
    return ws.owner


def meeting_cancelled(language):
    ws = _workspace(language)
    meeting = _meeting(ws)
    meeting_fix(meeting=meeting, slot=meeting.slots.first(), by=ws.provider)
    meeting_cancel(meeting=meeting, by=ws.provider)
    return ws.owner


INCUBATION_RECIPES = (
    incubation_opened,
    incubation_team_joined,
    incubation_state,
    incubation_mentor,
    plan_changed,
    milestone_done,
    milestone_overdue,
    checkin_request,
    checkin_answered,
    incubation_messages,
    meeting_proposed,
    meeting_invitation,
    meeting_reminder,
    meeting_cancelled,
)
