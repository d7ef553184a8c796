"""Fill an empty database with a believable round, for the embedded default."""

from dataclasses import dataclass
from datetime import timedelta
from importlib import import_module

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import module_has_submodule
from django.utils.text import slugify

from incubator.demo.round import DESCRIPTIONS, TEAMS, THEMES
from incubator.models import Call, Membership, Organisation, Programme, Role, Theme, User
from incubator.models.programmes import CallKind
from incubator.services.accounts import account_create_verified

DEMO_PASSWORD = "incubator-demo-2027"
DEMO_PROGRAMME = "incubator-2027"
# An app adds its own demo content in this module, with a ``seed()`` that is safe to run
# twice and returns one line to print. Not ``demo``: that is incubator's own data package.
DEMO_SEED_MODULE = "demo_seed"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: str
    note: str


DEMO_MEMBER = DemoAccount("member@demo.incubator.example", "", "team member of the Lisbon agency")
DEMO_ACCOUNTS = [
    DemoAccount(
        "secretariat@demo.incubator.example",
        Role.SECRETARIAT,
        "secretariat; sets up an authenticator app at first visit to secretariat pages",
    ),
    DemoAccount("reviewer@demo.incubator.example", Role.REVIEWER, "advisory-board reviewer"),
    DEMO_MEMBER,
]


@transaction.atomic
def demo_round_seed() -> list[DemoAccount]:
    """Idempotent: running it on a seeded database changes nothing."""
    if Programme.objects.filter(slug=DEMO_PROGRAMME).exists():
        return DEMO_ACCOUNTS
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    for slug, name in THEMES:
        Theme.objects.create(slug=slug, name=name)
    programme = Programme.objects.create(
        slug=DEMO_PROGRAMME,
        name="Innovation Incubator 2027",
        description=(
            "The 2027 round: governments helping governments with problems they are stuck on."
        ),
    )
    Call.objects.create(
        programme=programme,
        kind=CallKind.CHALLENGES,
        title="Call for challenges 2027",
        introduction=(
            "Is your team stuck on a problem that another government may have solved? "
            "Describe it: what you tried, what holds you back, and the help you seek."
        ),
        opens_at=now - timedelta(days=14),
        closes_at=(now + timedelta(days=42)).replace(hour=16),
        deadline_time_zone="Europe/Paris",
    )
    Call.objects.create(
        programme=programme,
        kind=CallKind.SOLUTIONS,
        title="Call for solutions 2027",
        introduction=(
            "Has your team solved something comparable to one of the selected challenges? "
            "Offer your experience, evidence and time."
        ),
        opens_at=now + timedelta(days=70),
        closes_at=(now + timedelta(days=112)).replace(hour=16),
        deadline_time_zone="Europe/Paris",
    )
    organisations = [
        Organisation.objects.create(
            name=name,
            country=country,
            level=level,
            languages=languages,
            time_zone=zone,
            website=f"https://{slugify(name)[:40]}.gov.example",
            description=DESCRIPTIONS[level],
        )
        for name, country, level, languages, zone in TEAMS
    ]
    accounts = [
        account_create_verified(
            email=account.email,
            password=DEMO_PASSWORD,
            display_name=account.email.split("@")[0].capitalize(),
            time_zone=zone,
            language="en",
            roles=(account.role,) if account.role else (),
        )
        for account, zone in zip(
            DEMO_ACCOUNTS, ["Europe/Paris", "America/Toronto", "Europe/Lisbon"], strict=True
        )
    ]
    Membership.objects.create(organisation=organisations[0], user=accounts[-1])
    return DEMO_ACCOUNTS


def demo_apps_seed() -> list[str]:
    """Run each installed app's demo seeder, in INSTALLED_APPS order, after the round.
    Apps are found by looking for the module, never imported by name, so incubator stays
    below the apps that build on it (as Django's admin autodiscovery does)."""
    return [
        import_module(f"{app.name}.{DEMO_SEED_MODULE}").seed()
        for app in apps.get_app_configs()
        if module_has_submodule(app.module, DEMO_SEED_MODULE)
    ]


def demo_summary() -> dict[str, int]:
    return {
        "teams": Organisation.objects.count(),
        "countries": Organisation.objects.values("country").distinct().count(),
        "people": User.objects.count(),
    }
