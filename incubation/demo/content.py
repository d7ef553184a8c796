"""What the teams of one demo incubation did, mapped from its record in
``incubations.json`` onto the models (see seed.py)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from incubation.calendar import new_meeting_uid
from incubation.hours import team_hours
from incubation.models import (
    CheckIn,
    ClosingReport,
    Incubation,
    IncubationState,
    Meeting,
    MeetingSlot,
    MeetingState,
    MemberInbox,
    Message,
    Milestone,
    SlotAnswer,
)
from incubation.slots import find_slots
from incubator.demo.data import demo_moment
from incubator.demo.seed import DEMO_ACCOUNTS
from incubator.models import User

SECRETARIAT = DEMO_ACCOUNTS[0].email
STAMPS = ("activated_at", "closing_started_at", "closed_at")


@dataclass
class Content:
    now: datetime
    zone: str
    mentor: User

    # Moments ------------------------------------------------------------------------------

    def moment(self, spec: dict) -> datetime:
        if "at" in spec:
            return demo_moment(spec["at"], self.zone)
        local = self.now.astimezone(ZoneInfo(self.zone))
        day = local.date() + timedelta(days=spec["in_days"])
        return datetime.combine(day, time.fromisoformat(spec["time"]), tzinfo=ZoneInfo(self.zone))

    def day(self, spec: dict) -> date:
        if "at" in spec:
            return date.fromisoformat(spec["at"])
        return self.now.astimezone(ZoneInfo(self.zone)).date() + timedelta(days=spec["in_days"])

    # The incubation ----------------------------------------------------------------------

    def fill(self, incubation: Incubation, record: dict) -> None:
        teams = {team.role: team for team in incubation.teams.select_related("organisation")}
        people = {
            role: team.organisation.members.order_by("pk").first() for role, team in teams.items()
        }
        people["secretariat"] = User.objects.get(email=SECRETARIAT)
        people["mentor"] = self.mentor
        self._plan(incubation, record, teams)
        moments = [incubation.created_at]
        moments += self._milestones(incubation, record, teams, people)
        moments += self._meetings(incubation, record, teams, people)
        moments += self._messages(incubation, record, people)
        moments += self._checkins(incubation, record, teams, people)
        self._reports(incubation, record, teams, people)
        Incubation.objects.filter(pk=incubation.pk).update(
            last_activity_at=max(moment for moment in moments if moment <= self.now)
        )

    def _plan(self, incubation: Incubation, record: dict, teams: dict) -> None:
        incubation.state = record["state"]
        incubation.goal = record.get("goal", "")
        incubation.deliverables = record.get("deliverables", "")
        incubation.plan_version = 1 if incubation.goal else 0
        if incubation.state == IncubationState.PAUSED:
            incubation.paused_from = IncubationState.ACTIVE
        for stamp in STAMPS:
            if stamp in record:
                setattr(incubation, stamp, demo_moment(record[stamp], self.zone))
        if record.get("mentor"):
            incubation.mentor = self.mentor
        incubation.full_clean(exclude=["challenge", "programme", "mentor", "last_activity_at"])
        incubation.save()
        for role, team in teams.items():
            team.brings = record.get("brings", {}).get(role, "")
            hours = record.get("hours", {}).get(role)
            if hours:
                team.weekdays = hours["weekdays"]
                team.day_starts = time.fromisoformat(hours["starts"])
                team.day_ends = time.fromisoformat(hours["ends"])
            if role in record.get("agreed", []):
                team.agreed_plan_version = incubation.plan_version
            team.save()

    def _milestones(self, incubation, record, teams, people) -> list[datetime]:
        done = []
        for item in record.get("milestones", []):
            milestone = Milestone(
                incubation=incubation,
                team=teams[item["team"]],
                title=item["title"],
                details=item.get("details", ""),
                due_on=self.day(item["due"]),
                state=item["state"],
                done_note=item.get("note", ""),
                done_link=item.get("link", ""),
                created_by=people[item["team"]],
            )
            if "done_at" in item:
                milestone.done_at = demo_moment(item["done_at"], self.zone)
                milestone.done_by = people[item["team"]]
                done.append(milestone.done_at)
            milestone.full_clean(exclude=["done_file"])
            milestone.save()
        return done

    def _meetings(self, incubation, record, teams, people) -> list[datetime]:
        held = []
        for item in record.get("meetings", []):
            meeting = Meeting(
                incubation=incubation,
                title=item["title"],
                agenda=item.get("agenda", ""),
                duration_minutes=item["minutes"],
                joining_link=item.get("joining_link", ""),
                time_zone=teams["owner"].organisation.time_zone,
                state=item["state"],
                uid=new_meeting_uid(),
                sequence=item.get("sequence", 0),
                proposed_by=people["owner"],
            )
            if "starts" in item:
                meeting.starts_at = self.moment(item["starts"])
                meeting.ends_at = meeting.starts_at + timedelta(minutes=item["minutes"])
                meeting.fixed_by, meeting.fixed_at = people["owner"], meeting.starts_at
                held.append(meeting.starts_at - timedelta(days=7))
            if meeting.state == MeetingState.CANCELLED:
                meeting.sequence += 1
                meeting.cancelled_at = meeting.starts_at - timedelta(days=5)
            meeting.full_clean()
            meeting.save()
            if meeting.starts_at:
                # Proposed and fixed a week before it was held.
                Meeting.objects.filter(pk=meeting.pk).update(created_at=held[-1])
            if meeting.state == MeetingState.POLLING:
                self._slots(meeting, teams, people.get(item.get("yes_from")))
        return held

    def _slots(self, meeting: Meeting, teams: dict, answering: User | None) -> None:
        ordered = [teams["owner"], *(team for role, team in teams.items() if role != "owner")]
        offer = find_slots(
            [team_hours(team) for team in ordered],
            after=self.now,
            duration=timedelta(minutes=meeting.duration_minutes),
            limit=6,
        )
        for position, slot in enumerate(offer.inside or offer.least_bad):
            row = MeetingSlot.objects.create(
                meeting=meeting,
                starts_at=slot.starts_at,
                ends_at=slot.ends_at,
                inside=not slot.teams_outside,
                outside=[
                    {
                        "team": int(seen.team),
                        "minutes": seen.minutes_outside,
                        "reason": seen.outside,
                    }
                    for seen in slot.teams_outside
                ],
                position=position,
            )
            if answering is not None:
                SlotAnswer.objects.create(slot=row, user=answering, available=position < 2)

    def _messages(self, incubation, record, people) -> list[datetime]:
        sent, ids = [], []
        for item in record.get("messages", []):
            thread = self._message(incubation, item, people, parent=None)
            sent.append(thread.created_at)
            ids.append(thread.pk)
            for reply in item.get("replies", []):
                answer = self._message(incubation, reply, people, parent=thread)
                sent.append(answer.created_at)
                ids.append(answer.pk)
            Message.objects.filter(pk=thread.pk).update(thread_active_at=sent[-1])
        for role in ("owner", "provider"):
            person = people.get(role)
            if person is not None and ids:
                unread = record.get("unread_by") == role
                MemberInbox.objects.create(
                    incubation=incubation,
                    user=person,
                    last_read_id=ids[-2] if unread and len(ids) > 1 else ids[-1],
                    emailed_up_to_id=ids[-1],
                )
        return sent

    def _message(self, incubation, item, people, *, parent) -> Message:
        moment = self.moment(item["sent"])
        message = Message(
            incubation=incubation,
            parent=parent,
            author=people[item["author"]],
            body=item["body"],
            thread_active_at=moment,
        )
        if item.get("pinned"):
            message.pinned_at, message.pinned_by = moment, people["secretariat"]
        message.full_clean(exclude=["attachment", "parent", "author"])
        message.save()
        Message.objects.filter(pk=message.pk).update(created_at=moment)
        message.created_at = moment
        return message

    def _checkins(self, incubation, record, teams, people) -> list[datetime]:
        sent = []
        for item in record.get("checkins", []):
            checkin = CheckIn(
                incubation=incubation,
                team=teams[item["team"]],
                requested_at=self.moment(item["requested"]),
                progress=item.get("progress", ""),
                blockers=item.get("blockers", ""),
                help_wanted=item.get("help_wanted", ""),
                confidence=item.get("confidence"),
            )
            if "sent" in item:
                checkin.submitted_at = self.moment(item["sent"])
                checkin.submitted_by = people[item["team"]]
                sent.append(checkin.submitted_at)
            if "answer" in item:
                checkin.answer = item["answer"]
                checkin.answered_by = people["secretariat"]
                checkin.answered_at = checkin.submitted_at + timedelta(days=2)
            checkin.full_clean(exclude=["incubation", "team"])
            checkin.save()
        return sent

    def _reports(self, incubation, record, teams, people) -> None:
        for role, item in record.get("reports", {}).items():
            report = ClosingReport(
                incubation=incubation,
                team=teams[role],
                submitted_by=people[role],
                written_in="en",
                **item,
            )
            report.full_clean(exclude=["incubation", "team", "submitted_by"])
            report.save()
