"""Benchmark: every page people wait for, at 100 to 50,000 challenges, beside a bare view.

One command from the project root (PostgreSQL must be running):

    .venv/bin/python bench/web_pages.py [--sizes 100,1000,10000,50000] [--rounds 30]

For each size it seeds its own database (``incubator_bench_speed_<size>``, seeded once by
bench/web_seed.py and reused; ``--reseed`` rebuilds it): a programme of that many
challenges with reviews, decisions, solutions, matches and showcase consents, and beside
it a programme of 24 challenges. It serves each database with gunicorn under the
production settings (one server per size, started together), then requests every page
of every size in one interleaved run at concurrency 1: round after round, each page
once, in a shuffled order, so that the machine's noise falls on all pages alike.

It prints, per page and size, p50 and p95 milliseconds, the response size, the page's
throughput as a share of the bare view's (``/healthz``: one ``SELECT 1`` through every
middleware) and the growth from the smallest size to the largest; then the 24-challenge
programme's pages at each size. Options: ``--rounds N`` (default 30, after 3 warm-up
rounds), ``--workers N`` (gunicorn workers per server, default 1), ``--database NAME``
(the prefix, default incubator_bench_speed), ``--keep`` (leave the servers running),
``--port N`` (the first of one port per size, default 28300),
``--jit on|off`` (PostgreSQL's JIT for the servers' sessions, else the server's setting).
"""

import argparse
import http.client
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BASE_URL = "postgres://postgres@127.0.0.1:5432/"
SECRET = "bench-only-not-a-secret-" + "x" * 40
JIT = ""
PUBLIC = [
    ("bare view", "/healthz"),
    ("home page", "/"),
    ("public list", "/challenges/"),
    ("list: search", "/challenges/?" + urlencode({"q": "flood"})),
    (
        "list: search + 2 filters",
        "/challenges/?" + urlencode({"q": "flood", "country": "FR", "theme": "scaling"}),
    ),
]
SECRETARIAT = (
    "screening",
    "review assignments",
    "review dashboard",
    "decisions",
    "matching board",
    "programme dashboard",
    "showcase",
)


def environment(database: str) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=BASE_URL + database,
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        LOG_LEVEL="WARNING",
        DEBUG="false",
    )
    if JIT:
        env["PGOPTIONS"] = f"-c jit={JIT}"  # to compare with the server's setting
    env.pop("REDIS_URL", None)  # the cache in memory: nothing here waits for Redis
    return env


def database_ready(database: str, size: int, reseed: bool) -> dict:
    """Create (or rebuild) the size's database, seed it once, return its pages."""
    import psycopg

    if "bench" not in database:
        sys.exit(f"the bench writes {size:,} challenges; use a *bench* database, not {database}")
    with psycopg.connect(BASE_URL + "postgres", autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database])
        exists = exists.fetchone()
        if exists and reseed:
            admin.execute(f'DROP DATABASE "{database}" WITH (FORCE)')
        if reseed or not exists:
            admin.execute(f'CREATE DATABASE "{database}"')
    started = time.perf_counter()
    out = subprocess.run(
        [PYTHON, str(ROOT / "bench" / "web_seed.py"), str(size)],
        env=environment(database) | {"DJANGO_SETTINGS_MODULE": "config.settings.base"},
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    print(f"{database}: ready in {time.perf_counter() - started:.1f} s", flush=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def serve(database: str, port: int, workers: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "config.wsgi",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--worker-class=sync",
            "--log-level=warning",
        ],
        env=environment(database),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            fetch(port, "/healthz", "")
            return server
        except OSError:
            time.sleep(0.2)
    os.killpg(server.pid, signal.SIGTERM)
    sys.exit(f"gunicorn on {port} did not answer")


def collectstatic() -> None:
    """The production storage needs its manifest, as the Dockerfile builds it."""
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"],
        env=environment("unused_bench"),
        cwd=ROOT,
        check=True,
    )


CONNECTIONS: dict[int, http.client.HTTPConnection] = {}


def fetch(port: int, path: str, session: str) -> tuple[int, int, float]:
    """One request on a kept-alive connection: status, bytes, milliseconds."""
    connection = CONNECTIONS.get(port) or http.client.HTTPConnection("127.0.0.1", port)
    CONNECTIONS[port] = connection
    headers = {"Cookie": f"sessionid={session}", "Accept-Language": "en"} if session else {}
    started = time.perf_counter()
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read()
    except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
        CONNECTIONS.pop(port).close()  # gunicorn's sync workers close kept-alive sockets
        return fetch(port, path, session)
    except OSError:
        CONNECTIONS.pop(port).close()
        raise
    if response.getheader("Connection", "").lower() == "close":
        CONNECTIONS.pop(port).close()
    return response.status, len(body), (time.perf_counter() - started) * 1000


def targets(size: int, port: int, found: dict) -> list[tuple]:
    """(size, port, page name, path, session) for every page of one size."""
    last = found["public_pages"]
    public = [
        *PUBLIC,
        ("list: page 50", f"/challenges/?page={min(50, last)}"),
        ("challenge page", found["big"]["challenge"]),
    ]
    rows = [(size, port, name, path, "") for name, path in public]
    for programme in ("big", "small"):
        tag = "" if programme == "big" else " (24)"
        rows += [
            (size, port, name + tag, found[programme][name], found["session"])
            for name in SECRETARIAT
        ]
    return rows


def measure(rows: list[tuple], rounds: int, warmup: int) -> dict:
    timings = {row[:3]: [] for row in rows}
    weights = {}
    rng = random.Random(1)
    for n in range(warmup + rounds):
        order = rows[:]
        rng.shuffle(order)
        for size, port, name, path, session in order:
            status, length, ms = fetch(port, path, session)
            if status != 200:
                sys.exit(f"{size} {name}: {path} answered {status}")
            if n >= warmup:
                timings[size, port, name].append(ms)
            weights[size, name] = length
    return {key: (sorted(values), weights[key[0], key[2]]) for key, values in timings.items()}


def p(values: list[float], q: float) -> float:
    return values[min(len(values) - 1, max(0, round(q * len(values)) - 1))]


def report(results: dict, sizes: list[int]) -> None:
    names = list(dict.fromkeys(key[2] for key in results))
    by = {(key[0], key[2]): value for key, value in results.items()}
    print("\np50 / p95 ms, KB, share of the bare view's throughput at concurrency 1")
    print(f"{'page':32}" + "".join(f"{size:>27,}" for size in sizes) + f"{'growth':>9}")
    for name in names:
        line = f"{name:32}"
        for size in sizes:
            values, length = by[size, name]
            bare = statistics.median(by[size, "bare view"][0])
            share = bare / statistics.median(values)
            line += (
                f"{statistics.median(values):8.1f} /{p(values, 0.95):7.1f}"
                f"{length / 1024:6.0f}K{share:5.0%}"
            )
        first, last = (statistics.median(by[s, name][0]) for s in (sizes[0], sizes[-1]))
        print(line + f"{last / first:8.2f}×")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000,50000")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--database", default="incubator_bench_speed")
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--port", type=int, default=28300, help="first of one port per size")
    parser.add_argument("--jit", choices=["on", "off"], help="PostgreSQL JIT for the servers")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    global JIT
    JIT = args.jit or ""

    collectstatic()
    rows, servers = [], []
    try:
        for n, size in enumerate(sizes):
            database = f"{args.database}_{size}"
            found = database_ready(database, size, args.reseed)
            servers.append(serve(database, args.port + n, args.workers))
            rows += targets(size, args.port + n, found)
        results = measure(rows, args.rounds, args.warmup)
    finally:
        for server in servers if not args.keep else []:
            os.killpg(server.pid, signal.SIGTERM)
    print(
        f"\n{args.rounds} interleaved rounds after {args.warmup} warm-up, gunicorn ×{args.workers}"
    )
    report(results, sizes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
