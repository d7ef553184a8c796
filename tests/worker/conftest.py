"""Worker tests: the outbox against a real Celery worker (with its embedded beat), a
private redis-server and a real SMTP server running in this process.

The worker is another process and must read the rows each test commits, so these tests
need PostgreSQL::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/incubator pytest tests/worker -m worker

Without PostgreSQL or redis-server they are skipped, unless ``REQUIRE_SERVICES=1`` asks
for them to fail instead (CI sets it). The machine's own Redis is never touched: each
test starts its own redis-server on a free port.
"""

import asyncio
import contextlib
import email
import email.policy
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from aiosmtpd.controller import Controller

PROJECT_ROOT = Path(__file__).resolve().parents[2]
WORKER_TESTS = Path(__file__).resolve().parent
REDIS_SERVER = shutil.which("redis-server")

# The worker's beat sweeps the outbox every second and re-queues rows whose first task
# has not run two seconds after they were queued.
SWEEP_SECONDS = 1
SWEEP_GRACE_SECONDS = 2
# Rows claimed by a killed worker are sent by the next one after this lease.
CLAIM_SECONDS = 6
READY_TIMEOUT = 30


def services_required() -> bool:
    return os.environ.get("REQUIRE_SERVICES", "") == "1"


def missing_services() -> list[str]:
    from django.db import connection

    missing = []
    if connection.vendor != "postgresql":
        missing.append(
            f"PostgreSQL (the test database is {connection.vendor}; "
            "set DATABASE_URL=postgres://postgres@127.0.0.1:5432/incubator)"
        )
    if REDIS_SERVER is None:
        missing.append("redis-server on PATH (apt-get install redis-server)")
    return missing


def missing_reason(missing: list[str]) -> str:
    return "worker tests need " + " and ".join(missing)


def pytest_collection_modifyitems(config, items):
    if services_required():
        return
    missing = missing_services()
    if not missing:
        return
    skip = pytest.mark.skip(
        reason=f"{missing_reason(missing)}; set REQUIRE_SERVICES=1 to fail instead"
    )
    for item in items:
        if WORKER_TESTS in Path(item.path).resolve().parents:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _services_present():
    """Reached only when the tests were not skipped: then a missing service is a failure."""
    missing = missing_services()
    if missing:
        pytest.fail(f"REQUIRE_SERVICES=1, and {missing_reason(missing)}", pytrace=False)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition, *, timeout: float, what: str, interval: float = 0.05):
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"still waiting after {timeout}s for {what}")
        time.sleep(interval)


# SMTP ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReceivedMail:
    message_id: str
    to: tuple[str, ...]
    subject: str


class SmtpServer:
    """A real SMTP server (aiosmtpd, in a thread) that records every message it accepts.

    It can refuse chosen recipients with 550 at RCPT, and hold the first message to a
    chosen recipient in DATA, with no answer, until released. A client that goes away
    while its message is held never gets a 250, so that message is not accepted."""

    def __init__(self):
        self._lock = threading.Lock()
        self._accepted: list[ReceivedMail] = []
        self._seen: list[ReceivedMail] = []
        self._refused: set[str] = set()
        self._hold_first: set[str] = set()
        self._release = threading.Event()
        self.holding = threading.Event()
        self.port = free_port()
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)

    def start(self) -> None:
        self._controller.start()

    def stop(self) -> None:
        self._release.set()
        self._controller.stop()

    def refuse(self, address: str) -> None:
        with self._lock:
            self._refused.add(address.lower())

    def hold_first_message_to(self, address: str) -> None:
        with self._lock:
            self._hold_first.add(address.lower())

    def accepted(self, *, to: str | None = None) -> list[ReceivedMail]:
        with self._lock:
            return [mail for mail in self._accepted if to is None or to.lower() in mail.to]

    def seen(self, *, to: str | None = None) -> list[ReceivedMail]:
        """Every message that reached DATA, accepted or not."""
        with self._lock:
            return [mail for mail in self._seen if to is None or to.lower() in mail.to]

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self._refused:
            return "550 5.1.1 Mailbox unknown"
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        mail = ReceivedMail(
            message_id=str(parsed["Message-ID"]),
            to=tuple(address.lower() for address in envelope.rcpt_tos),
            subject=str(parsed["Subject"]),
        )
        with self._lock:
            self._seen.append(mail)
            hold = bool(self._hold_first.intersection(mail.to))
            self._hold_first.difference_update(mail.to)
        if hold:
            self.holding.set()
            # aiosmtpd cancels this coroutine if the client disconnects meanwhile.
            while not self._release.is_set():
                await asyncio.sleep(0.05)
        with self._lock:
            self._accepted.append(mail)
        return "250 2.0.0 Accepted"

    def report(self) -> str:
        with self._lock:
            seen = "\n".join(f"  {mail}" for mail in self._seen) or "  (none)"
            accepted = "\n".join(f"  {mail}" for mail in self._accepted) or "  (none)"
        return f"reached DATA:\n{seen}\naccepted:\n{accepted}"


@pytest.fixture
def smtp_server():
    server = SmtpServer()
    server.start()
    yield server
    server.stop()
    print(f"----- SMTP server on port {server.port} -----\n{server.report()}")


# Redis -----------------------------------------------------------------------------


class RedisServer:
    """A private redis-server on a free port, without persistence, that a test can stop
    and start again on the same port, or pause and resume."""

    def __init__(self, directory: Path):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._directory = directory
        self._process: subprocess.Popen | None = None

    def start(self) -> None:
        assert self._process is None, "redis-server is already running"
        self._process = subprocess.Popen(
            [
                REDIS_SERVER,
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self._directory),
                "--logfile",
                str(self._directory / "redis.log"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(self._answers, timeout=10, what=f"redis-server on port {self.port}")

    def pause(self) -> None:
        """Freeze the server: connections are still accepted by the kernel, but nothing
        is answered, as with a Redis that hangs or a network that drops packets."""
        self._process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        self._process.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        if self._process is None:
            return
        self.resume()
        self._process.terminate()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait(timeout=10)
        self._process = None

    def _answers(self) -> bool:
        if self._process.poll() is not None:
            raise RuntimeError(f"redis-server exited with {self._process.returncode}")
        try:
            return redis.Redis.from_url(self.url, socket_connect_timeout=0.5).ping()
        except redis.ConnectionError:
            return False


@pytest.fixture
def redis_server(tmp_path):
    directory = tmp_path / "redis"
    directory.mkdir()
    server = RedisServer(directory)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def broker(redis_server):
    """This test process publishes tasks to the private Redis, as the web process does
    in production, instead of running them eagerly."""
    from config.celery import app

    saved = {"task_always_eager": app.conf.task_always_eager, "broker_url": app.conf.broker_url}

    def drop_connection_pools():
        if app._pool is not None:
            app._pool.force_close_all()
            app._pool = None
        if app.amqp._producer_pool is not None:
            app.amqp._producer_pool.force_close_all()
            app.amqp._producer_pool = None

    drop_connection_pools()
    app.conf.task_always_eager = False
    app.conf.broker_url = redis_server.url
    yield redis_server
    drop_connection_pools()
    for key, value in saved.items():
        setattr(app.conf, key, value)


# Celery worker ---------------------------------------------------------------------

SWEEP_SUCCEEDED = re.compile(r"Task incubator\.tasks\.sweep_outbox\[[^\]]+\] succeeded")


class Worker:
    """``celery worker -B`` in its own session, so that its whole process group (the
    worker and its embedded beat) can be killed at once."""

    def __init__(self, *, name: str, env: dict, log_path: Path, schedule_path: Path):
        self.name = name
        self._env = env
        self._log_path = log_path
        self._schedule_path = schedule_path
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        with open(self._log_path, "wb") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "config",
                    "worker",
                    "-B",
                    "--pool=solo",
                    "--loglevel=info",
                    "-n",
                    f"{self.name}@%h",
                    "-s",
                    str(self._schedule_path),
                    "--without-mingle",
                    "--without-gossip",
                    "--without-heartbeat",
                ],
                cwd=PROJECT_ROOT,
                env=self._env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_until_ready(self) -> None:
        def ready():
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"worker {self.name} exited with {self.process.returncode}:\n{self.log()}"
                )
            return f"{self.name}@" in self.log() and " ready." in self.log()

        wait_until(ready, timeout=READY_TIMEOUT, what=f"worker {self.name} to be ready")

    def log(self) -> str:
        return self._log_path.read_text(errors="replace")

    def sweeps_done(self) -> int:
        return len(SWEEP_SUCCEEDED.findall(self.log()))

    def wait_for_sweeps(self, count: int, *, timeout: float = 30) -> None:
        """Wait until the beat has run ``count`` more outbox sweeps, and the worker
        has finished them. The solo worker takes tasks in order, so every task queued
        before them has run too."""
        target = self.sweeps_done() + count
        wait_until(
            lambda: self.sweeps_done() >= target,
            timeout=timeout,
            what=f"{count} more outbox sweeps by worker {self.name}",
        )

    def _signal_group(self, signum: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signum)

    def kill(self) -> None:
        """SIGKILL to the worker and everything it started, as the OOM killer or a lost
        machine would: no warm shutdown, no acknowledgement, no rollback message."""
        self._signal_group(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self._signal_group(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=10)
        # Whatever is left of the group (the embedded beat, a hung worker) goes now.
        self._signal_group(signal.SIGKILL)
        self.process.wait(timeout=10)


def database_url(database: dict) -> str:
    user = quote(database.get("USER") or "", safe="")
    password = quote(database.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else f"{user}@" if user else ""
    host = quote(database.get("HOST") or "127.0.0.1", safe="")
    port = database.get("PORT") or 5432
    return f"postgres://{credentials}{host}:{port}/{quote(database['NAME'], safe='')}"


@pytest.fixture
def start_worker(transactional_db, broker, smtp_server, tmp_path):
    """Start a Celery worker with embedded beat, in production settings, against the
    test database, the private Redis and the SMTP server. Every worker is stopped before
    the database is flushed; its log is printed, and shown when the test fails."""
    from django.conf import settings

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DATABASE_URL": database_url(settings.DATABASES["default"]),
        "REDIS_URL": broker.url,
        "EMAIL_BACKEND": "smtp",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_server.port),
        "EMAIL_HOST_USER": "",
        "EMAIL_HOST_PASSWORD": "",
        "EMAIL_USE_TLS": "false",
        "EMAIL_TIMEOUT": "30",
        "OUTBOX_SWEEP_SECONDS": str(SWEEP_SECONDS),
        "OUTBOX_SWEEP_GRACE_SECONDS": str(SWEEP_GRACE_SECONDS),
        "OUTBOX_CLAIM_SECONDS": str(CLAIM_SECONDS),
        "OUTBOX_MAX_ATTEMPTS": "8",
        "PYTHONUNBUFFERED": "1",
    }
    workers: list[Worker] = []

    def start() -> Worker:
        number = len(workers) + 1
        worker = Worker(
            name=f"outbox-test-{number}",
            env=env,
            log_path=tmp_path / f"worker-{number}.log",
            schedule_path=tmp_path / f"beat-schedule-{number}",
        )
        workers.append(worker)
        worker.start()
        worker.wait_until_ready()
        return worker

    yield start
    for worker in workers:
        worker.stop()
    for worker in workers:
        print(f"----- log of worker {worker.name} -----\n{worker.log()}")


@pytest.fixture
def worker(start_worker):
    return start_worker()
