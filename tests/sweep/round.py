"""A seeded round with two government teams, A and B, for the sweeps.

Each team has one of every object a person can reach by id: a draft challenge and a draft
proposal with their files, a challenge under review, an incubation with a partner team
(milestone with a file, meetings, a message with a file, a check-in), a cohort of its own
(session, resource file, opportunity, feedback), a story and a survey, a notification, a
copy of its data, a message to the secretariat, an invitation and a calendar feed. Every
private text carries a planted marker, ``MARKER-TEAM-A-<kind>``, so that a page showing
it to someone who may not see it is caught by text alone.

Around them: an advisory-board reviewer assigned to A's reviewed challenge, a mentor of
A's incubation, and the secretariat (with and without its second factor)."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from challenges.models import ChallengeAttachment
from cohorts.models import CalendarFeed
from incubation.models import Incubation, IncubationTeam
from incubation.services.checkins import checkin_send
from incubation.services.meetings import meeting_fix, meeting_propose
from incubation.services.messages import message_post
from incubation.services.plan import milestone_add, milestone_complete
from incubator.mail_kinds import unsubscribe_token
from incubator.models import Invitation, Notification, Organisation, Programme, User
from incubator.models.contact import ContactMessage
from incubator.models.programmes import Call
from matching.models import Match, MatchRun
from mydata.models import DataExport
from solutions.models import SolutionAttachment
from tests.challenges.files import PDF, PNG, upload
from tests.cohorts.factories import (
    CohortFactory,
    EnrolmentFactory,
    FeedbackFactory,
    OpportunityFactory,
    ResourceFactory,
    SessionFactory,
)
from tests.factories import (
    CallFactory,
    ChallengeFactory,
    OrganisationFactory,
    ProgrammeFactory,
    secretariat_user,
)
from tests.incubation.factories import member, proposed_match
from tests.outcomes.factories import StoryFactory, SurveyFactory, answered
from tests.reviews.factories import assign, review_call, reviewer, under_review
from tests.solutions.factories import SolutionFactory, SolutionsCallFactory

PREFIX = "MARKER-TEAM-"
# Every kind of marker a side plants; the walk checks that someone who may read each one
# did read it, so that a marker no page shows cannot pass for a marker nobody leaks.
KINDS = frozenset(
    [
        "challenge",
        "challenge-file",
        "solution",
        "solution-file",
        "review",
        "incubation-goal",
        "milestone",
        "milestone-note",
        "meeting",
        "meeting-fixed",
        "message",
        "checkin",
        "session",
        "slides",
        "resource",
        "resource-file",
        "opportunity",
        "feedback",
        "story",
        "survey",
        "notification",
        "notification-body",
        "export",
        "contact",
    ]
)


def marker(letter: str, kind: str) -> str:
    return f"{PREFIX}{letter}-{kind}"


@dataclass
class Side:
    """One team and everything of its own, each reachable by id."""

    letter: str
    team: Organisation
    member: User
    reviewer: User  # the reviewer assigned to this team's reviewed challenge
    objects: dict = field(default_factory=dict)

    def marker(self, kind: str) -> str:
        return marker(self.letter, kind)

    def __getattr__(self, name):
        try:
            return self.__dict__["objects"][name]
        except KeyError:
            raise AttributeError(name) from None


@dataclass
class Round:
    programme: Programme
    call: Call  # the open call for challenges
    solutions_call: Call
    review_call: Call
    match_run: MatchRun
    a: Side
    b: Side
    mentor: User  # the mentor of A's incubation
    secretariat: User  # with its second factor
    secretariat_without: User  # an account whose authenticator is not set up yet

    @property
    def sides(self) -> tuple[Side, Side]:
        return (self.a, self.b)


def _file(model, owner_field: str, owner, text: str, **fields):
    attachment = model.objects.create(
        **{owner_field: owner}, original_name="plan.pdf", kind="pdf", size=len(PDF), **fields
    )
    attachment.file.save("plan.pdf", ContentFile(PDF + text.encode()), save=True)
    return attachment


def _drafts(side: Side, round_: Round) -> None:
    challenge = ChallengeFactory(
        organisation=side.team,
        call=round_.call,
        status="draft",
        submitted_at=None,
        created_by=side.member,
        problem_statement=side.marker("challenge"),
    )
    solution = SolutionFactory(
        organisation=side.team,
        call=round_.solutions_call,
        status="draft",
        submitted_at=None,
        created_by=side.member,
        lessons=side.marker("solution"),
    )
    side.objects.update(
        challenge=challenge,
        challenge_file=_file(
            ChallengeAttachment, "challenge", challenge, side.marker("challenge-file")
        ),
        solution=solution,
        solution_file=_file(SolutionAttachment, "solution", solution, side.marker("solution-file")),
    )


def _review(side: Side, round_: Round) -> None:
    reviewed = ChallengeFactory(
        organisation=side.team, call=round_.review_call, summary=side.marker("review")
    )
    item = under_review(reviewed)
    side.objects.update(reviewed=reviewed, item=item, assignment=assign(item, side.reviewer))


def _incubation(side: Side, round_: Round, mentor: User | None) -> None:
    from matching.services import match_confirm

    challenge = ChallengeFactory(organisation=side.team, published=True, call=round_.call)
    match = proposed_match(challenge, name=f"Partner of team {side.letter}")
    match_confirm(match=match, by=round_.secretariat)
    incubation = Incubation.objects.get(challenge=challenge)
    Incubation.objects.filter(pk=incubation.pk).update(
        state="active", goal=side.marker("incubation-goal"), mentor=mentor
    )
    incubation.refresh_from_db()
    team = IncubationTeam.objects.get(incubation=incubation, organisation=side.team)
    by = side.member
    milestone = milestone_add(
        incubation=incubation,
        by=by,
        team=team,
        title=side.marker("milestone"),
        due_on=timezone.localdate() + timedelta(days=3),
    )
    milestone_complete(
        milestone=milestone, by=by, note=side.marker("milestone-note"), upload=upload("a.pdf", PDF)
    )
    meeting = meeting_propose(
        incubation=incubation, by=by, title=side.marker("meeting"), duration_minutes=60
    )
    fixed = meeting_propose(
        incubation=incubation, by=by, title=side.marker("meeting-fixed"), duration_minutes=60
    )
    meeting_fix(meeting=fixed, slot=fixed.slots.first(), by=by)
    message = message_post(
        incubation=incubation, by=by, body=side.marker("message"), upload=upload("p.png", PNG)
    )
    checkin = checkin_send(
        team=team, by=by, progress=side.marker("checkin"), blockers="", help_wanted="", confidence=4
    )
    side.objects.update(
        match=Match.objects.get(pk=match.pk),
        incubation=incubation,
        incubation_team=team,
        milestone=milestone,
        meeting=meeting,
        fixed_meeting=fixed,
        message=message,
        checkin=checkin,
    )


def _cohort(side: Side, round_: Round) -> None:
    cohort = CohortFactory(programme=round_.programme, name=f"Cohort of team {side.letter}")
    EnrolmentFactory(cohort=cohort, organisation=side.team)
    session = SessionFactory(
        cohort=cohort, joining_link=f"https://meet.example/{side.marker('session')}"
    )
    session.slides.save("slides.pdf", ContentFile(PDF + side.marker("slides").encode()))
    resource = ResourceFactory(
        cohort=cohort,
        organisation=side.team,
        shared_by=side.member,
        url="",
        file=ContentFile(PDF + side.marker("resource-file").encode(), name="guide.pdf"),
        original_name="guide.pdf",
        file_kind="pdf",
        description=side.marker("resource"),
    )
    opportunity = OpportunityFactory(
        cohort=cohort,
        organisation=side.team,
        posted_by=side.member,
        description=side.marker("opportunity"),
    )
    side.objects.update(
        cohort=cohort,
        session=session,
        resource=resource,
        opportunity=opportunity,
        feedback=FeedbackFactory(session=session, user=side.member, worked=side.marker("feedback")),
        feed=CalendarFeed.objects.create(user=side.member, token=f"feed-of-{side.letter}" * 3),
    )


def _outcomes(side: Side) -> None:
    match = side.match
    story = StoryFactory(
        match=match, organisation=side.team, state="draft", learned=side.marker("story")
    )
    survey = answered(SurveyFactory(match=match, organisation=side.team), by=side.member)
    survey.advice = side.marker("survey")
    survey.save()
    side.objects.update(story=story, survey=survey)


def _personal(side: Side) -> None:
    person = side.member
    notification = Notification.objects.create(
        key=f"contact-answer:walk-{side.letter}",
        recipient=person,
        to_email=person.email,
        language="en",
        subject=side.marker("notification"),
        body_text=side.marker("notification-body"),
        kind="contact_answer",
        link="/me/",
    )
    ready = timezone.now()
    export = DataExport.objects.create(
        user=person,
        status="ready",
        progress=100,
        finished_at=ready,
        expires_at=ready + timedelta(hours=48),
    )
    export.file.save("copy.zip", ContentFile(side.marker("export").encode()))
    side.objects.update(
        notification=notification,
        export=export,
        contact=ContactMessage.objects.create(
            sender=person,
            name=person.display_name,
            email=person.email,
            language="en",
            subject="A question",
            body=side.marker("contact"),
        ),
        invitation=Invitation.objects.create(
            organisation=side.team,
            email=f"invited-{side.letter.lower()}@gov.example",
            invited_by=person,
            expires_at=timezone.now() + timedelta(days=3),
        ),
        unsubscribe=unsubscribe_token(user_id=person.pk, choice="reminders"),
    )


def _side(letter: str, round_: Round, *, mentor: User | None) -> Side:
    team = OrganisationFactory(name=f"Team {letter}")
    side = Side(
        letter=letter,
        team=team,
        member=member(team, email=f"member-{letter.lower()}@gov.example"),
        reviewer=reviewer(email=f"reviewer-{letter.lower()}@board.example"),
    )
    _drafts(side, round_)
    _review(side, round_)
    _incubation(side, round_, mentor)
    _cohort(side, round_)
    _outcomes(side)
    _personal(side)
    return side


def seed_round() -> Round:
    """The whole round: shared programme and calls, then team A, then team B."""
    programme = ProgrammeFactory(slug="walk-2027", name="Walk 2027")
    round_ = Round(
        programme=programme,
        call=CallFactory(programme=programme),
        solutions_call=SolutionsCallFactory(programme=programme),
        review_call=review_call(call__programme=programme),
        match_run=MatchRun.objects.create(programme=programme, state="done"),
        a=None,
        b=None,
        mentor=reviewer(email="mentor@board.example"),
        secretariat=secretariat_user(email="desk@secretariat.example"),
        secretariat_without=secretariat_user(
            email="new-desk@secretariat.example", second_factor=False
        ),
    )
    round_.a = _side("A", round_, mentor=round_.mentor)
    round_.b = _side("B", round_, mentor=None)
    return round_
