"""Benchmark: the library's search on PostgreSQL with 10,000 library entries.

Run it with one command from the project root (PostgreSQL must be running):

    .venv/bin/python bench/library_search.py

It uses DATABASE_URL when set, else postgres://postgres@127.0.0.1:5432/incubator_library_bench.
The round is the one of bench/public_challenge_list.py (10,000 published challenges from
300 teams in 30 countries, 8 themes, 2,000 unpublished ones that must never show), seeded
by its code; the library's index is then written from it by ``library_refresh``, as the
portal writes it. Later runs reuse both. Options:

    --requests N   timed requests per scenario (default 200, after --warmup 20)
    --reseed       drop and rebuild the bench database
    --explain      print EXPLAIN ANALYZE of every query of the target

It requests /library/ through Django's test Client, with the same method as
bench/public_challenge_list.py (its ``measure``), and prints median and p95 milliseconds
per request and queries per request for each scenario. The target (a search word and two
filters) must keep p95 under 50 ms; the script exits with status 1 when it does not.
"""

import argparse
import os
import random
import re
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/incubator_library_bench")

from bench.public_challenge_list import (  # noqa: E402 (the database is chosen first)
    PUBLISHED,
    SEED,
    TARGET_P95_MS,
    configure,
    database_ensure,
    explain,
    measure,
    searches,
)
from bench.public_challenge_list import seed as challenges_seed  # noqa: E402


def seed() -> None:
    from django.db import connection

    from library.index import library_refresh
    from library.models import LibraryEntry

    challenges_seed()
    if LibraryEntry.objects.count() == PUBLISHED:
        print(f"reusing the library's index ({PUBLISHED:,} entries)")
        return
    started = time.perf_counter()
    count = library_refresh()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"wrote {count:,} library entries in {time.perf_counter() - started:.1f} s")


def scenarios() -> list[tuple[str, list[str]]]:
    from django.db.models import Count

    from library.models import LibraryEntry

    rng = random.Random(SEED + 1)
    country = (
        LibraryEntry.objects.values("country")
        .annotate(n=Count("pk"))
        .order_by("-n", "country")
        .first()["country"]
    )
    target, mixed = searches("/library/", country=country, rng=rng)
    return [
        ("search word + country + theme (target)", [target]),
        ("same, 25 different words/countries/themes", mixed),
        ("no filters, first page", ["/library/"]),
        ("search word only (GIN index)", ["/library/?" + urlencode({"q": "flood"})]),
        ("word in half the entries", ["/library/?" + urlencode({"q": "budget"})]),
        ("region + stage", ["/library/?region=europe&stage=evaluation"]),
    ]


def results_of(client, url: str) -> str:
    found = re.search(r'id="results-title">\s*([\d,]+) entr', client.get(url).text)
    return found.group(1) if found else "?"


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
        figures = measure(client, urls, args.requests, args.warmup)
        figures["results"] = results_of(client, urls[0])
        rows.append((name, urls, figures))

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
    if target["p95"] >= TARGET_P95_MS:
        print(f"SLOWER than the target: p95 {target['p95']:.1f} ms >= {TARGET_P95_MS:.0f} ms")
        return 1
    print(f"within the target: p95 {target['p95']:.1f} ms < {TARGET_P95_MS:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
