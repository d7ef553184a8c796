"""Benchmark: a fan-out of 10,000 emails through a real Celery worker (two worker
processes) to a local SMTP sink.

Run it with one command from the project root (PostgreSQL and redis-server installed):

    .venv/bin/python bench/outbox_fanout.py

It uses DATABASE_URL when set, else postgres://postgres@127.0.0.1:5432/incubator_outbox_bench
(created and migrated if missing; only a database whose name ends in _bench is written
to). It starts its own redis-server on a free port, an aiosmtpd sink in this process and
``celery worker --concurrency=2`` (two worker processes, DEBUG off as in production),
queues the messages with one call of ``notifications_queue`` (as a fan-out does), and
prints the queueing time, the time until the sink has accepted every message, emails per
second, and duplicates. Options:

    --emails N     how many (default 10,000)

The target is 10,000 emails in 60 s or less; the script exits with status 1 when not.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/incubator_outbox_bench"
TARGET_SECONDS = 60.0
KEY_PREFIX = "bench-fanout"
MESSAGE_ID = re.compile(rb"^Message-ID: *(\S+)", re.MULTILINE | re.IGNORECASE)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, *, timeout: float, what: str, interval: float = 0.05) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            sys.exit(f"gave up after {timeout:.0f}s waiting for {what}")
        time.sleep(interval)


class Sink:
    """An SMTP server that accepts everything and remembers each Message-ID."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.port = free_port()
        self.message_ids: list[bytes] = []
        self._lock = threading.Lock()
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):
        found = MESSAGE_ID.search(envelope.original_content or envelope.content)
        with self._lock:
            self.message_ids.append(found.group(1) if found else b"")
        return "250 2.0.0 Accepted"

    def accepted(self) -> int:
        with self._lock:
            return len(self.message_ids)

    def __enter__(self):
        self._controller.start()
        return self

    def __exit__(self, *exc):
        self._controller.stop()


class Redis:
    def __init__(self, directory: str):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        server = shutil.which("redis-server") or sys.exit("redis-server is not on PATH")
        self._process = subprocess.Popen(
            [
                *(server, "--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--dir", directory),
            ],
            stdout=subprocess.DEVNULL,
        )

    def stop(self):
        self._process.terminate()
        self._process.wait(timeout=10)


def database_ensure() -> None:
    import psycopg
    from django.conf import settings
    from django.core.management import call_command

    db = settings.DATABASES["default"]
    if not db["NAME"].endswith("_bench"):
        sys.exit(f"the bench writes to its database; use one named *_bench, not {db['NAME']!r}")
    with psycopg.connect(
        dbname="postgres",
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
        autocommit=True,
    ) as admin:
        if not admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]
        ).fetchone():
            admin.execute(f'CREATE DATABASE "{db["NAME"]}"')
    call_command("migrate", verbosity=0, interactive=False)


def start_worker(*, redis_url: str, smtp_port: int, log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "REDIS_URL": redis_url,
        "EMAIL_BACKEND": "smtp",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_USE_TLS": "false",
        "LOG_LEVEL": "INFO",
    }
    command = [sys.executable, "-m", "celery", "-A", "config", "worker", "--concurrency=2"]
    command += ["--loglevel=info", "--without-mingle", "--without-gossip", "--without-heartbeat"]
    with open(log, "wb") as out:
        worker = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    wait_for(lambda: " ready." in log.read_text(errors="replace"), timeout=60, what="the worker")
    return worker


def queue(count: int) -> float:
    from incubator.services.outbox import Outgoing, notifications_queue

    started = time.perf_counter()
    notifications_queue(
        messages=[
            Outgoing(
                key=f"{KEY_PREFIX}:{number}",
                template="invitation_accepted",
                context={"invitation": None, "member": None},
                to_email=f"reader-{number}@agency.example",
            )
            for number in range(count)
        ]
    )
    return time.perf_counter() - started


def run(count: int, directory: str) -> float:
    redis = Redis(directory)
    os.environ["REDIS_URL"] = redis.url  # this process publishes to it too
    import django

    django.setup()
    from incubator.models import Notification

    database_ensure()
    Notification.objects.filter(key__startswith=f"{KEY_PREFIX}:").delete()
    try:
        with Sink() as sink:
            worker = start_worker(
                redis_url=redis.url, smtp_port=sink.port, log=Path(directory) / "worker.log"
            )
            try:
                started = time.perf_counter()
                queueing = queue(count)
                wait_for(lambda: sink.accepted() >= count, timeout=900, what="the emails")
                total = time.perf_counter() - started
                time.sleep(1)  # a late duplicate would show up now
            finally:
                os.killpg(worker.pid, signal.SIGTERM)
                worker.wait(timeout=60)
            ids = list(sink.message_ids)
        sent = Notification.objects.filter(key__startswith=f"{KEY_PREFIX}:", status="sent").count()
        print(f"emails:                 {count:,} (sink accepted {len(ids):,}, rows sent {sent:,})")
        print(f"duplicates:             {len(ids) - len(set(ids))}")
        print(f"queueing (one call):    {queueing:.1f} s")
        print(f"sending, after queueing: {total - queueing:.1f} s")
        print(f"total, queue to last:   {total:.1f} s")
        print(f"emails per second:      {count / total:.0f}")
        return total
    finally:
        Notification.objects.filter(key__startswith=f"{KEY_PREFIX}:").delete()
        redis.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--emails", type=int, default=10_000)
    arguments = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("DEBUG", "false")  # as in production: no query log kept
    with tempfile.TemporaryDirectory() as directory:
        total = run(arguments.emails, directory)
    scaled = total * 10_000 / arguments.emails
    print(f"target: 10,000 in ≤ {TARGET_SECONDS:.0f} s; here {scaled:.1f} s per 10,000")
    sys.exit(0 if scaled <= TARGET_SECONDS else 1)


if __name__ == "__main__":
    main()
