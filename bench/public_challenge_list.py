"""Benchmark: the public challenge list on PostgreSQL with 10,000 published challenges.

Run it with one command from the project root (PostgreSQL must be running):

    .venv/bin/python bench/public_challenge_list.py

It uses DATABASE_URL when set, else postgres://postgres@127.0.0.1:5432/incubator_bench.
The database is created and migrated if missing, and seeded once (10,000 published
challenges from 300 teams in 30 countries, 8 themes, plus 2,000 unpublished ones that
must never show); later runs reuse it. It only ever writes to a database whose name
ends in _bench. Options:

    --requests N   timed requests per scenario (default 200, after --warmup 20)
    --reseed       drop and rebuild the bench database
    --explain      print EXPLAIN ANALYZE of every query of the target, and of a search
                   without filters (where the GIN index does the work)

It requests /challenges/ through Django's test Client, as a visitor would, and prints
median and p95 milliseconds per request and queries per request for each scenario.
The target scenario (a search word and two filters) must keep p95 under 50 ms; the
script exits with status 1 when it does not.
"""

import argparse
import os
import random
import re
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/incubator_bench"
os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("LOG_LEVEL", "WARNING")

PUBLISHED = 10_000
UNPUBLISHED = 2_000
TEAMS_PER_COUNTRY = 10
TARGET_P95_MS = 50.0
GIN_SCENARIO = "search word only (GIN index)"
SEED = 20270101

COUNTRIES = (  # noqa: SIM905
    "PT FR DE ES IT NL BE SE FI DK EE IE PL GB CA US MX CL BR CO AR JP KR SG AU NZ IN KE ZA MA"
).split()
THEMES = {
    "open-experimentation": "Open experimentation",
    "cultural-transformation": "Cultural transformation",
    "citizen-involvement": "Citizen involvement",
    "evidence-based-policymaking": "Evidence-based policymaking",
    "scaling": "Scaling",
    "digital-inclusion": "Digital inclusion",
    "climate-adaptation": "Climate adaptation",
    "public-health": "Public health",
}
VERBS = (  # noqa: SIM905
    "Reaching Simplifying Speeding-up Measuring Scaling Rethinking Digitising "
    "Co-designing Cutting Improving Funding Sharing Opening Redesigning Automating "
    "Protecting"
).split()
SUBJECTS = (  # noqa: SIM905
    "benefit claims|building permits|school transport|hospital waiting lists|tax returns|"
    "water metering|waste collection|flood warnings|housing allocation|job matching|"
    "court backlogs|public procurement|open data|digital identity|vaccination uptake|"
    "rural broadband|bus timetables|energy retrofits|food inspections|youth unemployment|"
    "elder care|social housing|public libraries|tourism permits|land registry|"
    "birth registration|air quality|heat waves|wildfire prevention|ferry services|"
    "pension advice|childcare places|mental health services|road maintenance|"
    "business licences|customs clearance|fishing quotas|crop insurance|drought relief|"
    "refugee reception"
).split("|")
GROUPS = (  # noqa: SIM905
    "older residents|small businesses|newcomers|farmers|students|"
    "people with disabilities|rural communities|single parents|young people|"
    "civil servants|coastal towns|island communities|informal workers|border regions|"
    "indigenous communities|low-income households"
).split("|")
CAUSES = (  # noqa: SIM905
    "the forms are too long|nobody owns the whole journey|"
    "the data sits in separate registers|staff turnover is high|budgets are annual|"
    "the rules differ by region|trust in government is low|"
    "people do not know the service exists|the offices are far away|"
    "the service only works online|the law predates the internet|"
    "suppliers lock the data in|pilots never scale|evaluation comes too late|"
    "the caseload doubled"
).split("|")
FILLER = (  # noqa: SIM905
    "ministry municipality agency pilot citizens service delivery evidence outcomes "
    "budget procurement regulation partnership platform dashboard survey interviews "
    "workshop prototype rollout coordination stakeholders funding indicators feedback "
    "inclusion accessibility interoperability registry eligibility caseworkers backlog "
    "demand capacity training guidance outreach satisfaction compliance transparency"
).split()


def configure():
    import django

    django.setup()


def database_ensure(reseed: bool) -> None:
    """Create the bench database if it is missing (or rebuild it), then migrate."""
    import psycopg
    from django.conf import settings
    from django.core.management import call_command

    db = settings.DATABASES["default"]
    name = db["NAME"]
    if not name.endswith("_bench"):
        sys.exit(f"the bench writes 12,000 challenges; use a database named *_bench, not {name!r}")
    admin = psycopg.connect(
        dbname="postgres",
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
        autocommit=True,
    )
    with admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and reseed:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")
    call_command("migrate", verbosity=0, interactive=False)


def _statement(rng: random.Random, subject: str, group: str) -> str:
    sentences = [
        f"{group.capitalize()} struggle with {subject} because {rng.choice(CAUSES)}.",
    ]
    for _ in range(rng.randint(2, 6)):
        other = rng.choice(SUBJECTS)
        words = " ".join(rng.choices(FILLER, k=rng.randint(6, 14)))
        sentences.append(f"Our {other} {words} {rng.choice(CAUSES)}.")
    return " ".join(sentences)


def seed() -> None:
    """10,000 published challenges (and 2,000 others) in a few bulk inserts."""
    from django.db import connection, transaction
    from django.utils import timezone

    from challenges.models import Challenge
    from challenges.search import challenges_search_refresh

    seeded = Challenge.objects.filter(status="selected", published_at__isnull=False)
    if seeded.count() == PUBLISHED:
        print(f"reusing the seeded database ({PUBLISHED:,} published challenges)")
        return
    if Challenge.objects.exists():
        sys.exit("the bench database holds other challenges; run with --reseed")

    rng = random.Random(SEED)
    now = timezone.now()
    started = time.perf_counter()
    with transaction.atomic():
        call, themes = _call_and_themes(now)
        teams = _teams(rng)
        challenges = _challenges(rng, call=call, teams=teams, now=now)
        _themes_given(rng, challenges, themes)
        # The portal's own vector, in one statement for every row.
        challenges_search_refresh(challenges=Challenge.objects.all())
    # What autovacuum does soon after a bulk load in production: sets the visibility map
    # (index-only scans) and moves the GIN index's pending list into the index proper.
    # Without it the planner prices the GIN index too high and reads the whole table.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(
        f"seeded {PUBLISHED:,} published and {UNPUBLISHED:,} unpublished challenges "
        f"in {time.perf_counter() - started:.1f} s"
    )


def _call_and_themes(now):
    from incubator.models import Call, Programme, Theme

    programme = Programme.objects.create(slug="bench-2027", name="Bench incubator 2027")
    call = Call.objects.create(
        programme=programme,
        kind="challenges",
        title="Call for challenges 2027",
        introduction="Tell us about a problem your team is stuck on.",
        opens_at=now - timedelta(days=400),
        closes_at=now - timedelta(days=300),
        deadline_time_zone="Europe/Paris",
    )
    return call, [Theme.objects.create(slug=s, name=n) for s, n in THEMES.items()]


def _teams(rng: random.Random) -> list:
    from incubator.models import Organisation

    return Organisation.objects.bulk_create(
        Organisation(
            name=f"{rng.choice(SUBJECTS).capitalize()} office {country}-{n}",
            country=country,
            level=rng.choice(["national", "regional", "local"]),
            languages=["en"],
            time_zone="UTC",
        )
        for country in COUNTRIES
        for n in range(TEAMS_PER_COUNTRY)
    )


def _challenges(rng: random.Random, *, call, teams: list, now) -> list:
    """The published challenges first, then drafts and declined ones that must not show."""
    from challenges.models import Challenge, LifecycleStage, Sector

    stages, sectors = LifecycleStage.values, Sector.values
    challenges = []
    for n in range(PUBLISHED + UNPUBLISHED):
        subject, group = rng.choice(SUBJECTS), rng.choice(GROUPS)
        published = n < PUBLISHED
        challenges.append(
            Challenge(
                organisation=rng.choice(teams),
                call=call,
                status="selected" if published else rng.choice(["draft", "declined"]),
                title=f"{rng.choice(VERBS).replace('-', ' ')} {subject} for {group}",
                summary=f"{group.capitalize()} and {subject}: {rng.choice(CAUSES)}.",
                problem_statement=_statement(rng, subject, group),
                expertise_sought="Teams that changed " + rng.choice(SUBJECTS) + ".",
                lifecycle_stage=rng.choice(stages),
                sector=rng.choice(sectors),
                languages=["en"],
                submitted_at=now - timedelta(days=320),
                published_at=now - timedelta(minutes=rng.randint(0, 600_000))
                if published
                else None,
            )
        )
    return Challenge.objects.bulk_create(challenges, batch_size=2000)


def _themes_given(rng: random.Random, challenges: list, themes: list) -> None:
    """One to three themes for each challenge."""
    from challenges.models import Challenge

    through = Challenge.themes.through
    through.objects.bulk_create(
        (
            through(challenge_id=challenge.pk, theme_id=theme.pk)
            for challenge in challenges
            for theme in rng.sample(themes, rng.randint(1, 3))
        ),
        batch_size=5000,
    )


def searches(path: str, *, country: str, rng: random.Random) -> tuple[str, list[str]]:
    """The target search (a word, the most frequent country, a theme) and 25 others
    mixing words, countries and themes, on the list page at ``path``."""

    def url(word: str, country: str, theme: str) -> str:
        return f"{path}?{urlencode({'q': word, 'country': country, 'theme': theme})}"

    mixed = [
        url(rng.choice(SUBJECTS).split()[-1], rng.choice(COUNTRIES), rng.choice(list(THEMES)))
        for _ in range(25)
    ]
    return url("flood", country, "citizen-involvement"), mixed


def scenarios() -> list[tuple[str, list[str]]]:
    from django.db.models import Count

    from challenges.models import Challenge

    rng = random.Random(SEED + 1)
    # The most frequent country of published challenges keeps the target honest.
    country = (
        Challenge.objects.filter(status="selected")
        .values("organisation__country")
        .annotate(n=Count("pk"))
        .order_by("-n", "organisation__country")
        .first()["organisation__country"]
    )
    target, mixed = searches("/challenges/", country=country, rng=rng)
    return [
        ("search word + country + theme (target)", [target]),
        ("same, 25 different words/countries/themes", mixed),
        ("no filters, first page", ["/challenges/"]),
        (GIN_SCENARIO, ["/challenges/?" + urlencode({"q": "flood"})]),
        ("word in half the challenges", ["/challenges/?" + urlencode({"q": "budget"})]),
        ("region + sector", ["/challenges/?region=europe&sector=health"]),
        ("no filters, page 100", ["/challenges/?page=100"]),
    ]


def measure(client, urls: list[str], requests: int, warmup: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n in range(warmup):
        response = client.get(urls[n % len(urls)])
        assert response.status_code == 200, (urls[n % len(urls)], response.status_code)
    queries = []
    for url in urls:
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        queries.append(len(captured))
    timings = []
    for n in range(requests):
        started = time.perf_counter()
        response = client.get(urls[n % len(urls)])
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    timings.sort()
    return {
        "median": statistics.median(timings),
        "p95": timings[max(0, round(0.95 * len(timings)) - 1)],
        "max": timings[-1],
        "queries": max(queries),
        "results": _result_count(client, urls[0]),
    }


def _result_count(client, url: str) -> str:
    found = re.search(r'id="results-title">\s*([\d,]+) challenge', client.get(url).text)
    return found.group(1) if found else "?"


def explain(client, url: str) -> None:
    """EXPLAIN ANALYZE every query one request of the page makes, as it made them."""
    print(f"\n==== EXPLAIN ANALYZE for {url}")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    for query in captured.captured_queries:
        sql = query["sql"]
        # A queryset read with .iterator() opens a server-side cursor: explain its SELECT.
        sql = re.sub(r"^DECLARE .*? CURSOR (WITH HOLD )?FOR ", "", sql)
        print(f"\n-- {sql[:160]}...")
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            print("\n".join(row[0] for row in cursor.fetchall()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()

    configure()
    from django.db import connection
    from django.test import Client

    if connection.vendor != "postgresql":
        sys.exit("this benchmark needs PostgreSQL: set DATABASE_URL=postgres://...")
    database_ensure(args.reseed)
    seed()

    client = Client()
    rows = []
    for name, urls in scenarios():
        rows.append((name, urls, measure(client, urls, args.requests, args.warmup)))

    print(f"\n{args.requests} requests per scenario after {args.warmup} warm-up, PostgreSQL")
    heads = ("results", "median ms", "p95 ms", "max ms", "queries")
    print(f"{'scenario':44} " + " ".join(f"{head:>9}" for head in heads))
    for name, _urls, r in rows:
        print(
            f"{name:44} {r['results']:>9} {r['median']:>9.1f} {r['p95']:>9.1f} "
            f"{r['max']:>9.1f} {r['queries']:>9}"
        )
    target_url, target = rows[0][1][0], rows[0][2]
    print(f"\ntarget: {target_url}")
    if args.explain:
        explain(client, target_url)
        explain(client, next(urls[0] for name, urls, _r in rows if name == GIN_SCENARIO))
    if target["p95"] >= TARGET_P95_MS:
        print(f"SLOWER than the target: p95 {target['p95']:.1f} ms >= {TARGET_P95_MS:.0f} ms")
        return 1
    print(f"within the target: p95 {target['p95']:.1f} ms < {TARGET_P95_MS:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
