"""The demo's learning cohort in the 2027 round: ten enrolled teams (the demo member's
among them), one person each, five thematic sessions planned in different time zones
(two already held, with recordings, attendance and feedback; three coming up), shared
links and opportunities. Dates follow the day the demo is seeded. Found and run by
``seed_demo`` (see ``incubator.services.demo.demo_apps_seed``)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from cohorts.models import (
    Cohort,
    Enrolment,
    Feedback,
    Opportunity,
    OpportunityKind,
    Registration,
    RegistrationStatus,
    Resource,
    Session,
    SessionFormat,
)
from cohorts.services import end_of_day
from incubator.models import Membership, Organisation, Programme, Theme, User
from incubator.services.demo import DEMO_ACCOUNTS, DEMO_MEMBER, DEMO_PROGRAMME

COHORT = "Learning cohort 2027"
COHORT_DESCRIPTION = (
    "Teams of the 2027 round learning together, one theme a month: how to experiment in "
    "the open, change how a ministry works, involve citizens, use evidence, and take a "
    "pilot to the whole country."
)
SECRETARIAT = DEMO_ACCOUNTS[0].email
MEETING = "https://meet.demo.incubator.example/learning-cohort-2027"
SITE = "https://cohort.demo.incubator.example"

# One person in each enrolled team besides the demo member's: email, name, team.
PARTICIPANTS = [
    ("jonas.becker@demo.incubator.example", "Jonas Becker", "Federal Government Digital Service"),
    ("marta.zielinska@demo.incubator.example", "Marta Zielińska", "Ministry of Digital Affairs"),
    (
        "camille.tremblay@demo.incubator.example",
        "Camille Tremblay",
        "Quebec Ministry of Cybersecurity and Digital",
    ),
    ("lucia.ramirez@demo.incubator.example", "Lucía Ramírez", "Agency for Digital Government"),
    (
        "sofia.pereyra@demo.incubator.example",
        "Sofía Pereyra",
        "Buenos Aires City Innovation Secretariat",
    ),
    (
        "thandiwe.nkosi@demo.incubator.example",
        "Thandiwe Nkosi",
        "Centre for Public Service Innovation",
    ),
    ("arjun.mehta@demo.incubator.example", "Arjun Mehta", "Digital India Corporation"),
    ("weiling.tan@demo.incubator.example", "Tan Wei Ling", "Government Technology Agency"),
    ("aroha.tane@demo.incubator.example", "Aroha Tane", "Department of Internal Affairs"),
]


@dataclass(frozen=True)
class DemoSession:
    theme: str
    title: str
    description: str
    facilitators: str
    # The week, counted from the current one (negative: already held), and the day in it
    # (0 is Monday), in the reference zone.
    week: int
    weekday: int
    local_start: time
    minutes: int
    zone: str
    format: str = SessionFormat.ONLINE
    location: str = ""
    # who registered (the demo member is "member"), and for sessions held, who came
    # and the feedback they gave: (who, rating, what worked, what to improve)
    registered: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    feedback: tuple[tuple[str, int, str, str], ...] = ()


SESSIONS = [
    DemoSession(
        theme="open-experimentation",
        title="Running small experiments in public services",
        description=(
            "How to test a change on a share of users before it goes to everyone: choosing "
            "what to measure, deciding in advance when to stop, and explaining a trial to "
            "the people in it. With two teams that ran trials in the 2026 round."
        ),
        facilitators=(
            "Government Digital Service trials team; New South Wales Behavioural Insights Unit"
        ),
        week=-3,
        weekday=3,
        local_start=time(14, 0),
        minutes=90,
        zone="Europe/Paris",
        registered=(
            "member",
            "jonas.becker",
            "marta.zielinska",
            "camille.tremblay",
            "lucia.ramirez",
            "thandiwe.nkosi",
            "arjun.mehta",
        ),
        absent=("camille.tremblay", "arjun.mehta"),
        feedback=(
            (
                "member",
                5,
                "The stopping rules: we had never written them down before a pilot.",
                "More time for questions at the end.",
            ),
            (
                "marta.zielinska",
                4,
                "Real trial plans from other governments, with their mistakes.",
                "Share the slides before the session.",
            ),
            (
                "lucia.ramirez",
                4,
                "Practical and honest about what went wrong.",
                "An example from a country with less data would help.",
            ),
            (
                "thandiwe.nkosi",
                3,
                "Good introduction.",
                "Too fast for teams new to trials; a second, slower session would help.",
            ),
        ),
    ),
    DemoSession(
        theme="cultural-transformation",
        title="Changing how a ministry works, one team at a time",
        description=(
            "Culture changes through what teams do every week, not through slogans. Three "
            "teams show how they earned room to work differently, and what they did when "
            "leadership changed."
        ),
        facilitators="Government Technology Agency; Estonian Information System Authority",
        week=-1,
        weekday=2,
        local_start=time(15, 0),
        minutes=120,
        zone="Asia/Singapore",
        format=SessionFormat.HYBRID,
        location="Government Technology Agency, Singapore (and online)",
        registered=(
            "member",
            "marta.zielinska",
            "weiling.tan",
            "aroha.tane",
            "sofia.pereyra",
            "jonas.becker",
        ),
        absent=("sofia.pereyra",),
        feedback=(
            (
                "weiling.tan",
                5,
                "Hearing how other teams survived a change of minister.",
                "",
            ),
            (
                "aroha.tane",
                4,
                "The small-steps approach fits our agency.",
                "The room audio was hard to hear online at times.",
            ),
            (
                "jonas.becker",
                4,
                "Concrete examples of rules that were changed.",
                "Early morning in Europe: alternate the time next round.",
            ),
        ),
    ),
    DemoSession(
        theme="citizen-involvement",
        title="Involving the people who never come to consultations",
        description=(
            "Young people, night workers, people who do not read the official language well: "
            "ways to hear them before a service is designed, and to tell them what changed."
        ),
        facilitators="Bogotá Public Innovation Lab; Seoul Metropolitan Government",
        week=1,
        weekday=1,
        local_start=time(8, 30),
        minutes=90,
        zone="America/Bogota",
        registered=("member", "sofia.pereyra", "lucia.ramirez", "aroha.tane"),
    ),
    DemoSession(
        theme="evidence-based-policymaking",
        title="Using evidence when the minister wants an answer next week",
        description=(
            "Rapid evidence reviews, what to do when the evidence is thin, and how to say how "
            "sure you are in a two-page note."
        ),
        facilitators=(
            "Centre for Public Service Innovation; European Commission Joint Research Centre"
        ),
        week=2,
        weekday=3,
        local_start=time(14, 0),
        minutes=90,
        zone="Africa/Nairobi",
        registered=("thandiwe.nkosi", "arjun.mehta", "marta.zielinska"),
    ),
    DemoSession(
        theme="scaling-public-services",
        title="From a pilot to a national service",
        description=(
            "What changes when a service that worked in one district goes national: funding, "
            "ownership, support and the measures that tell you it still works."
        ),
        facilitators="Digital Transformation Agency; Rwanda Information Society Authority",
        week=4,
        weekday=2,
        local_start=time(18, 0),
        minutes=90,
        zone="Australia/Sydney",
        registered=("jonas.becker",),
    ),
]

# title, description, link, themes, shared by (a team, or None for the secretariat)
RESOURCES = [
    (
        "Slides: running small experiments in public services",
        "The slides of the first session, with the trial plan template shown in it.",
        f"{SITE}/slides/open-experimentation.pdf",
        ("open-experimentation",),
        None,
    ),
    (
        "Slides: changing how a ministry works",
        "The slides of the second session, with the three teams' stories.",
        f"{SITE}/slides/cultural-transformation.pdf",
        ("cultural-transformation",),
        None,
    ),
    (
        "Plain-language checklist for official letters",
        "The checklist our drafters and lawyers use when they rewrite a letter.",
        "https://agency-for-administrative-modernisation.gov.example/plain-letters",
        ("citizen-involvement", "cultural-transformation"),
        "Agency for Administrative Modernisation",
    ),
    (
        "A rapid evidence review in five days",
        "How we answer a policy question with the best available evidence in a week.",
        "https://centre-for-public-service-innovation.gov.example/rapid-reviews",
        ("evidence-based-policymaking",),
        "Centre for Public Service Innovation",
    ),
]

# team, kind, title, description, link, days until it leaves the board
OPPORTUNITIES = [
    (
        "Government Technology Agency",
        OpportunityKind.EVENT,
        "Open day at our service design studio",
        "Cohort teams visiting Singapore are welcome to spend a day with our designers.",
        "https://government-technology-agency.gov.example/open-day",
        40,
    ),
    (
        "Digital India Corporation",
        OpportunityKind.PARTNERSHIP,
        "Looking for a city to test a multilingual helpline",
        "We want to compare notes with a city that answers residents in several languages.",
        "",
        60,
    ),
    (
        "Centre for Public Service Innovation",
        OpportunityKind.CALL,
        "Call for case studies: public service innovation awards",
        "Entries from teams outside the country are welcome in the international category.",
        "https://centre-for-public-service-innovation.gov.example/awards",
        25,
    ),
]


@transaction.atomic
def seed() -> str:
    """Idempotent: once the 2027 round has this cohort it is left as it is."""
    programme = Programme.objects.get(slug=DEMO_PROGRAMME)
    cohort = Cohort.objects.filter(programme=programme, name=COHORT).first()
    if cohort is None:
        cohort = _create_cohort(programme)
    return _summary(cohort)


def _create_cohort(programme: Programme) -> Cohort:
    # Rows are written directly rather than through the services: seed data must not queue
    # the enrolment, registration and session emails.
    now = timezone.now()
    secretariat = User.objects.get(email=SECRETARIAT)
    member = User.objects.get(email=DEMO_MEMBER.email)
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    cohort = Cohort.objects.create(programme=programme, name=COHORT, description=COHORT_DESCRIPTION)
    people, person_of = _participants()
    people["member"] = member
    person_of[member.organisations.order_by("pk").first()] = member
    Enrolment.objects.bulk_create(
        Enrolment(cohort=cohort, organisation=team, enrolled_by=secretariat) for team in person_of
    )
    for entry in SESSIONS:
        _create_session(
            entry, cohort=cohort, theme=themes[entry.theme], people=people, by=secretariat, now=now
        )
    for title, description, url, theme_slugs, team in RESOURCES:
        organisation = Organisation.objects.get(name=team) if team else None
        resource = Resource.objects.create(
            cohort=cohort,
            title=title,
            description=description,
            url=url,
            organisation=organisation,
            shared_by=person_of.get(organisation, secretariat),
        )
        resource.themes.set([themes[slug] for slug in theme_slugs])
    for team, kind, title, description, url, days in OPPORTUNITIES:
        organisation = Organisation.objects.get(name=team)
        expires_on = _today_in(organisation.time_zone, now) + timedelta(days=days)
        Opportunity.objects.create(
            cohort=cohort,
            organisation=organisation,
            posted_by=person_of[organisation],
            kind=kind,
            title=title,
            description=description,
            url=url,
            expires_on=expires_on,
            time_zone=organisation.time_zone,
            expires_at=end_of_day(expires_on, organisation.time_zone),
        )
    return cohort


def _participants() -> tuple[dict[str, User], dict[Organisation, User]]:
    """One person per enrolled team, by the name before the @ and by team. They never
    sign in in the demo (no password)."""
    people, person_of = {}, {}
    for email, name, team in PARTICIPANTS:
        organisation = Organisation.objects.get(name=team)
        person = User.objects.filter(email=email).first() or User.objects.create_user(
            email=email, password=None, display_name=name, time_zone=organisation.time_zone
        )
        Membership.objects.get_or_create(organisation=organisation, user=person)
        people[email.split("@")[0]] = person_of[organisation] = person
    return people, person_of


def _today_in(zone: str, now: datetime) -> date:
    return now.astimezone(ZoneInfo(zone)).date()


def _create_session(
    entry: DemoSession, *, cohort: Cohort, theme: Theme, people: dict[str, User], by: User, now
) -> Session:
    today = _today_in(entry.zone, now)
    day = today + timedelta(days=7 * entry.week + entry.weekday - today.weekday())
    starts_at = datetime.combine(day, entry.local_start, tzinfo=ZoneInfo(entry.zone))
    held = entry.week < 0
    session = Session.objects.create(
        cohort=cohort,
        theme=theme,
        title=entry.title,
        description=entry.description,
        facilitators=entry.facilitators,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=entry.minutes),
        reference_time_zone=entry.zone,
        format=entry.format,
        location=entry.location,
        joining_link=f"{MEETING}/{entry.theme}",
        capacity=40,
        recording_url=f"{SITE}/recordings/{entry.theme}" if held else "",
        created_by=by,
    )
    # People registered over the fortnight before the session, or since the cohort began.
    for number, who in enumerate(entry.registered):
        joined = min(starts_at - timedelta(days=14 - number), now - timedelta(days=1 + number))
        Registration.objects.create(
            session=session,
            user=people[who],
            status=RegistrationStatus.REGISTERED,
            queued_at=joined,
            registered_at=joined,
            attended=(who not in entry.absent) if held else None,
        )
    for who, rating, worked, improve in entry.feedback:
        Feedback.objects.create(
            session=session, user=people[who], rating=rating, worked=worked, improve=improve
        )
    return session


def _summary(cohort: Cohort) -> str:
    sessions = cohort.sessions.all()
    held = sessions.filter(ends_at__lte=timezone.now()).count()
    return (
        f"{cohort.name}: {cohort.enrolments.count()} teams, {sessions.count()} sessions "
        f"({held} held, {sessions.count() - held} coming), {cohort.resources.count()} "
        f"resources, {cohort.opportunities.count()} opportunities."
    )
