"""The demo's learning cohort in the 2027 round: ten enrolled teams (the demo member's
among them), one person each, five thematic sessions planned in different time zones
(two already held, with recordings, attendance and feedback; three coming up), shared
links and opportunities. Dates follow the day the demo is seeded.

``cohort.json`` holds the cohort, its participants (one person per enrolled team; the
people are the core's), the resources shared (by a team, or by the secretariat when no
team is named) and the opportunities posted, each on the board for a number of days
counted in its team's zone. ``sessions.json`` holds each session: the week, counted
from the current one (negative: already held), the day in it (0 is Monday) and the
local start in its reference zone; who registered and, for sessions held, who was
absent and the feedback people gave; and ``fields``, as stored."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from cohorts.models import (
    Cohort,
    Enrolment,
    Feedback,
    Opportunity,
    Registration,
    RegistrationStatus,
    Resource,
    Session,
)
from cohorts.services import end_of_day
from incubator.demo.data import demo_data, demo_each, demo_named
from incubator.demo.seed import DEMO_ACCOUNTS, DEMO_PROGRAMME
from incubator.models import Organisation, Programme, Theme, User

SECRETARIAT = DEMO_ACCOUNTS[0].email
COHORT: dict = demo_data(__name__, "cohort")


@transaction.atomic
def seed() -> str:
    """Idempotent: once the 2027 round has this cohort it is left as it is."""
    programme = Programme.objects.get(slug=DEMO_PROGRAMME)
    cohort = Cohort.objects.filter(programme=programme, name=COHORT["name"]).first()
    if cohort is None:
        cohort = _create_cohort(programme)
    return _summary(cohort)


def _create_cohort(programme: Programme) -> Cohort:
    # Rows are written directly rather than through the services: seed data must not queue
    # the enrolment, registration and session emails.
    now = timezone.now()
    secretariat = User.objects.get(email=SECRETARIAT)
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    cohort = Cohort.objects.create(
        programme=programme, name=COHORT["name"], description=COHORT["description"]
    )
    people = {
        person.email: person for person in User.objects.filter(email__in=COHORT["participants"])
    }
    # Each participant's team is enrolled, with them as its person in the cohort.
    person_of = dict(
        demo_each(__name__, "cohort", lambda email: _team_of(people, email), part="participants")
    )
    Enrolment.objects.bulk_create(
        Enrolment(cohort=cohort, organisation=team, enrolled_by=secretariat) for team in person_of
    )
    demo_each(
        __name__,
        "sessions",
        lambda record: _create_session(
            record, cohort=cohort, themes=themes, people=people, by=secretariat, now=now
        ),
    )
    _create_board(cohort, themes=themes, person_of=person_of, secretariat=secretariat, now=now)
    return cohort


def _create_board(cohort: Cohort, *, themes, person_of, secretariat: User, now) -> None:
    """The links shared with the cohort and the opportunities its teams posted."""
    teams = {team.name: team for team in Organisation.objects.all()}

    def create_resource(record: dict) -> Resource:
        team = demo_named(teams, record["team"], "team") if record["team"] else None
        resource = Resource.objects.create(
            cohort=cohort,
            organisation=team,
            shared_by=person_of.get(team, secretariat),
            **record["fields"],
        )
        resource.themes.set([demo_named(themes, slug, "theme") for slug in record["themes"]])
        return resource

    def create_opportunity(record: dict) -> Opportunity:
        team = demo_named(teams, record["team"], "team")
        if team not in person_of:
            raise ValueError(f"{team.name} is not enrolled, so cannot post.")
        expires_on = _today_in(team.time_zone, now) + timedelta(days=record["days_on_board"])
        return Opportunity.objects.create(
            cohort=cohort,
            organisation=team,
            posted_by=person_of[team],
            expires_on=expires_on,
            time_zone=team.time_zone,
            expires_at=end_of_day(expires_on, team.time_zone),
            **record["fields"],
        )

    demo_each(__name__, "cohort", create_resource, part="resources")
    demo_each(__name__, "cohort", create_opportunity, part="opportunities")


def _team_of(people: dict[str, User], email: str) -> tuple[Organisation, User]:
    person = demo_named(people, email, "person")
    team = person.organisations.order_by("pk").first()
    if team is None:
        raise ValueError(f"{email} is in no team.")
    return team, person


def _today_in(zone: str, now: datetime) -> date:
    return now.astimezone(ZoneInfo(zone)).date()


def _create_session(
    record: dict, *, cohort: Cohort, themes, people: dict[str, User], by: User, now
) -> Session:
    zone = record["time_zone"]
    today = _today_in(zone, now)
    day = today + timedelta(days=7 * record["week"] + record["weekday"] - today.weekday())
    starts_at = datetime.combine(day, time.fromisoformat(record["starts"]), tzinfo=ZoneInfo(zone))
    held = record["week"] < 0
    session = Session.objects.create(
        cohort=cohort,
        theme=demo_named(themes, record["theme"], "theme"),
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=record["minutes"]),
        reference_time_zone=zone,
        created_by=by,
        **record["fields"],
    )
    # People registered over the fortnight before the session, or since the cohort began.
    for number, email in enumerate(record["registered"]):
        joined = min(starts_at - timedelta(days=14 - number), now - timedelta(days=1 + number))
        Registration.objects.create(
            session=session,
            user=demo_named(people, email, "participant"),
            status=RegistrationStatus.REGISTERED,
            queued_at=joined,
            registered_at=joined,
            attended=(email not in record["absent"]) if held else None,
        )
    for feedback in record["feedback"]:
        Feedback.objects.create(
            session=session,
            user=demo_named(people, feedback["by"], "participant"),
            rating=feedback["rating"],
            worked=feedback["worked"],
            improve=feedback["improve"],
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
