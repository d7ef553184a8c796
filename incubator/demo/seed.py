"""The demo round's own ground: themes, the 2027 programme and its two calls, the
government teams, and everyone in the demo. The apps' seeders (settings.DEMO_SEEDERS)
build on it.

Files: ``themes.json`` (slug, name and its French version name_fr); ``teams.json``
(each team's organisation fields, and a description for each level of government);
``round.json`` (the programme, and its calls with their opening and closing as days from
the hour of seeding, "utc_hour" setting the time of day; each name, description, title
and introduction with its French version beside it, ``…_fr``); ``people.json`` (the demo
accounts, which sign in with ``password``; the people, who never sign in; ``member``,
the demo's team member)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from incubator.demo.data import demo_data, demo_each, demo_named
from incubator.models import Call, Membership, Organisation, Programme, Role, RoleGrant, Theme, User
from incubator.selectors.pages import terms_version_current
from incubator.services.accounts import account_create_verified
from incubator.services.pages import terms_accept


@dataclass(frozen=True)
class DemoAccount:
    email: str
    name: str
    time_zone: str
    language: str
    roles: list[str]
    team: str | None
    note: str  # what the account is for, printed by seed_demo


_PEOPLE = demo_data(__name__, "people")
DEMO_PASSWORD: str = _PEOPLE["password"]
DEMO_ACCOUNTS = demo_each(__name__, "people", lambda record: DemoAccount(**record), part="accounts")
DEMO_MEMBER = next(account for account in DEMO_ACCOUNTS if account.email == _PEOPLE["member"])
DEMO_PROGRAMME: str = demo_data(__name__, "round")["programme"]["slug"]


@transaction.atomic
def seed() -> str:
    """Idempotent: once the programme exists the round is left as it is. People missing
    from a database an older demo seeded (the board, the cohort) are added."""
    if not Programme.objects.filter(slug=DEMO_PROGRAMME).exists():
        now = timezone.now().replace(minute=0, second=0, microsecond=0)
        demo_each(__name__, "themes", lambda record: Theme.objects.create(**record))
        _create_round(now)
        _create_teams()
        demo_each(__name__, "people", _create_account, part="accounts")
    demo_each(__name__, "people", _add_person, part="people")
    return (
        f"Demo round ready: {Organisation.objects.count()} government teams in "
        f"{Organisation.objects.values('country').distinct().count()} countries, "
        f"{User.objects.count()} accounts."
    )


def _create_round(now: datetime) -> None:
    round_ = demo_data(__name__, "round")
    programme = Programme.objects.create(**round_["programme"])

    def create_call(record: dict) -> Call:
        call = dict(record)
        opens, closes = call.pop("opens"), call.pop("closes")
        return Call.objects.create(
            programme=programme,
            opens_at=_after(now, **opens),
            closes_at=_after(now, **closes),
            **call,
        )

    demo_each(__name__, "round", create_call, part="calls")


def _after(now: datetime, *, days: int, utc_hour: int | None = None) -> datetime:
    moment = now + timedelta(days=days)
    return moment if utc_hour is None else moment.replace(hour=utc_hour)


def _create_teams() -> None:
    descriptions = demo_data(__name__, "teams")["descriptions"]
    demo_each(
        __name__,
        "teams",
        lambda record: Organisation.objects.create(
            description=demo_named(descriptions, record["level"], "level"), **record
        ),
        part="teams",
    )


def _roles(names: list[str]) -> tuple[str, ...]:
    roles = {role.value: role for role in Role}
    return tuple(demo_named(roles, name, "role") for name in names)


def _team(name: str) -> Organisation:
    team = Organisation.objects.filter(name=name).first()
    if team is None:
        raise ValueError(f"there is no team {name!r}")
    return team


def _create_account(record: dict) -> User:
    account = DemoAccount(**record)
    user = account_create_verified(
        email=account.email,
        password=DEMO_PASSWORD,
        display_name=account.name,
        time_zone=account.time_zone,
        language=account.language,
        roles=_roles(account.roles),
    )
    # The demo accounts have accepted the terms, as everyone does on signing up.
    terms_accept(user=user, version=terms_version_current())
    if account.team:
        Membership.objects.create(organisation=_team(account.team), user=user)
    return user


def _add_person(record: dict) -> User:
    person = User.objects.filter(email=record["email"]).first()
    if person is None:
        # The people of the demo never sign in: no password, no email address to confirm.
        # Their roles are written directly: nobody granted them, so there is nothing to audit.
        person = User.objects.create_user(
            email=record["email"],
            password=None,
            display_name=record["name"],
            time_zone=record["time_zone"],
        )
        RoleGrant.objects.bulk_create(
            RoleGrant(user=person, role=role) for role in _roles(record["roles"])
        )
    if record["team"]:
        Membership.objects.get_or_create(organisation=_team(record["team"]), user=person)
    return person
