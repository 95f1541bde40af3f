"""Faults production must survive (issue 18), on a real PostgreSQL server with real processes:
the mail server down while complaints come in, the worker killed in the middle of a delivery,
and the application's database connections killed under load. (The identity provider down is
in tests/core/test_oidc.py.)"""

import asyncio
import email
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
from aiosmtpd.controller import Controller
from django.db import connection
from django.test import Client
from django.utils import timezone

from complaints.models import CaseEvent, Complaint
from ops import outbox
from ops.models import OutboxMessage
from tests import processes
from tests.factories import department

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Sink:
    """A real SMTP server (aiosmtpd) that keeps what it accepts, by Message-ID. ``hold_first``
    makes it wait before answering the first message's DATA — long enough to kill the sender —
    and, like a server that takes responsibility only with its reply, it keeps nothing whose
    sender has gone before the reply."""

    def __init__(self, port: int, hold_first: float = 0.0):
        self.port, self.hold_first = port, hold_first
        self.received: list[str] = []
        self.first_data = threading.Event()
        self.controller = Controller(self, hostname="127.0.0.1", port=port)

    async def handle_DATA(self, server, session, envelope):
        if self.hold_first and not self.first_data.is_set():
            self.first_data.set()
            await asyncio.sleep(self.hold_first)  # the sender is killed meanwhile
            if server.transport is None or server.transport.is_closing():
                return "451 Sender gone"
        message = email.message_from_bytes(envelope.content)
        self.received.append(message["Message-ID"])
        return "250 Message accepted for delivery"

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


def complaint_form(n: int) -> dict:
    return {
        "complained_first": "yes",
        "requester": "citizen",
        "department": department("SOF").pk,
        "summary": f"Klage nummer {n}: min ansøgning er ikke besvaret.",
        "person_name": f"Borger {n}",
        "contact_email": f"borger{n}@example.invalid",
    }


def test_mail_server_down_while_fifty_complaints_come_in(settings):
    """Every complaint saved and answered with its receipt page; every mail delivered once
    when the server is back."""
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    for n in range(50):
        response = Client(REMOTE_ADDR=f"10.20.{n // 200}.{n % 200 + 1}").post("/klage/", complaint_form(n))
        assert response.status_code == 200 and "Din klage er modtaget" in response.content.decode(), n
    assert Complaint.objects.count() == 50
    assert OutboxMessage.objects.filter(state="pending", attempts=1).count() == 50  # tried once, kept
    OutboxMessage.objects.update(next_attempt_at=timezone.now())  # the backoff has passed
    with Sink(port) as sink:
        assert outbox.deliver_due() == {"sent": 50}
        assert outbox.deliver_due() == {}
    assert len(sink.received) == len(set(sink.received)) == 50
    expected = {outbox.message_id_header(m) for m in OutboxMessage.objects.all()}
    assert set(sink.received) == expected


def start_worker(port: int, *, batch: bool) -> subprocess.Popen:
    env = {"FAULT_SMTP_PORT": str(port), "FAULT_OUTBOX_LEASE_SECONDS": "2"}
    return processes.start_worker("tests.fault_settings", env, batch=batch)


def test_the_worker_killed_in_the_middle_of_a_delivery_loses_nothing_and_sends_nothing_twice():
    from ops.tasks import run_periodic

    messages = [
        OutboxMessage.objects.create(
            subject=f"Nyt i sag {n}",
            body="…",
            recipients=[f"borger{n}@example.invalid"],
            purpose="complainant notice",
        )
        for n in range(5)
    ]
    port = free_port()
    with Sink(port, hold_first=6.0) as sink:
        run_periodic.using(backend="db").enqueue("deliver_outbox")
        worker = start_worker(port, batch=False)
        assert sink.first_data.wait(30), (
            worker.stderr.read1().decode() if worker.poll() is not None else "no mail came"
        )
        worker.send_signal(signal.SIGKILL)  # in the middle of the first message's DATA
        worker.wait(10)
        assert sink.received == []
        stuck = OutboxMessage.objects.filter(state="sending")
        assert stuck.count() == 1  # the one it was sending: claimed, not lost
        time.sleep(2.5)  # its lease runs out
        run_periodic.using(backend="db").enqueue("deliver_outbox")
        again = start_worker(port, batch=True)
        assert again.wait(60) == 0, again.stderr.read().decode()
    assert sorted(sink.received) == sorted(outbox.message_id_header(m) for m in messages)  # each once
    assert set(OutboxMessage.objects.values_list("state", flat=True)) == {"sent"}
    assert sorted(OutboxMessage.objects.values_list("attempts", flat=True)) == [1, 1, 1, 1, 2]


def terminate_other_connections() -> None:
    """What a failover or ``pg_terminate_backend`` does to every other process's connections."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            [connection.settings_dict["NAME"]],
        )


def allow_connections(allowed: bool) -> None:
    """The database refuses new connections (from a session on another database: PostgreSQL
    does not let a database close itself)."""
    import psycopg

    settings_dict = connection.settings_dict
    name = settings_dict["NAME"].replace('"', "")
    with psycopg.connect(
        host=settings_dict["HOST"],
        port=settings_dict["PORT"] or 5432,
        user=settings_dict["USER"],
        dbname="postgres",
        autocommit=True,
    ) as admin:
        admin.execute(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS {"true" if allowed else "false"}')


def sweep_until(condition, worker, seconds=90):
    """Enqueue the outbox's sweep every second, as the scheduler would, until ``condition()``."""
    from ops.tasks import run_periodic

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert worker.poll() is None, "the worker died: " + worker.stderr.read().decode()[-2000:]
        if condition():
            return
        run_periodic.using(backend="db").enqueue("deliver_outbox")
        time.sleep(1)
    raise AssertionError("not done in time")


def test_the_worker_survives_its_connections_killed_and_the_database_refusing_them():
    """The same worker process carries on after its connections are terminated in the middle of
    a delivery, and after the database refused connections for several seconds: every message is
    delivered, each once, except the one interrupted after the server's 250, at most twice with
    the same Message-ID."""
    messages = [
        OutboxMessage.objects.create(
            subject=f"Nyt i sag {n}",
            body="…",
            recipients=[f"borger{n}@example.invalid"],
            purpose="complainant notice",
        )
        for n in range(3)
    ]
    port = free_port()

    def all_sent():
        return set(OutboxMessage.objects.values_list("state", flat=True)) == {"sent"}

    with Sink(port, hold_first=4.0) as sink:
        worker = start_worker(port, batch=False)
        try:
            from ops.tasks import run_periodic

            run_periodic.using(backend="db").enqueue("deliver_outbox")
            assert sink.first_data.wait(60), "no mail came"
            terminate_other_connections()  # while the server holds the first message's DATA
            sweep_until(all_sent, worker)

            allow_connections(False)
            try:
                terminate_other_connections()
                time.sleep(5)  # the outage: the worker keeps trying, with backoff
            finally:
                allow_connections(True)
            later = OutboxMessage.objects.create(
                subject="Nyt i sag 9",
                body="…",
                recipients=["borger9@example.invalid"],
                purpose="complainant notice",
            )
            sweep_until(all_sent, worker)
            assert worker.poll() is None  # the same process, not a restarted one
        finally:
            worker.terminate()
            worker.wait(20)
    expected = [outbox.message_id_header(m) for m in [*messages, later]]
    assert set(sink.received) == set(expected)
    twice = [mid for mid in expected if sink.received.count(mid) > 1]
    assert len(twice) <= 1 and all(sink.received.count(mid) <= 2 for mid in expected), sink.received


# --- database connections killed under load -------------------------------------------------


def prod_env() -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "SECRET_KEY": "faults-only-3q9v!x7k$m2p#r8w@t5z^b1n&c4h*j6f(l0s)d=g+y_e-a",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": processes.test_database_url(),
        "WB_ENCRYPTION_KEY": "ZmF1bHRzLW9ubHktd2hpc3RsZWJsb3dlci1rZXktMzI=",
        "LOG_FORMAT": "plain",
        "PYTHONPATH": str(ROOT),
    }


class Citizen(threading.Thread):
    """Files complaints one after the other from its own address, as a browser would (the form
    page first, for the CSRF token)."""

    HEADERS = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}

    def __init__(self, index, port, count, results):
        super().__init__(daemon=True)
        self.index, self.port, self.count, self.results = index, port, count, results

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=30, source_address=(f"127.0.1.{self.index + 1}", 0)
        )
        try:
            conn.request(method, path, body=body, headers={**self.HEADERS, **(headers or {})})
            response = conn.getresponse()
            return response.status, response.read().decode(), response.getheader("Set-Cookie") or ""
        finally:
            conn.close()

    def file_one(self, n):
        status, page, cookies = self.request("GET", "/klage/?complained_first=yes")
        if status != 200:
            return status, page
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        cookie = re.search(r"(csrftoken=[^;]+)", cookies)[1]
        body = urlencode({**complaint_form(n), "csrfmiddlewaretoken": token})
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie,
            "Origin": "https://127.0.0.1",
            "Referer": "https://127.0.0.1/klage/?complained_first=yes",
        }
        status, page, _ = self.request("POST", "/klage/", body, headers)
        return status, page

    def run(self):
        for n in range(self.count):
            try:
                self.results.append(self.file_one(self.index * 100 + n))
            except (OSError, http.client.HTTPException) as exc:
                self.results.append((0, type(exc).__name__))


def test_database_connections_killed_under_load(tmp_path):
    env = prod_env()
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )
    run("createcachetable")
    run("collectstatic", "--no-input", "-v", "0")
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            *("-c", "gunicorn.conf.py", "config.wsgi"),
            *("--workers", "2", "--bind", f"127.0.0.1:{port}"),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "gunicorn.log").open("w"),
    )
    try:
        for _ in range(100):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/healthz", headers=Citizen.HEADERS)
                if conn.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.2)
        results: list = []
        citizens = [Citizen(i, port, 8, results) for i in range(6)]
        for citizen in citizens:
            citizen.start()
        time.sleep(1.5)
        with connection.cursor() as cursor:  # every connection of the application but ours
            cursor.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            killed = cursor.fetchone()[0]
        for citizen in citizens:
            citizen.join(120)
        # After the fault, without restarting anything: the next complaints go through.
        after = Citizen(7, port, 3, [])
        after.run()
    finally:
        server.terminate()
        server.wait(30)
    assert killed >= 1
    statuses = [status for status, _page in results]
    assert set(statuses) <= {200, 500}, statuses
    for status, page in results:
        if status == 500:
            assert "Der opstod en fejl" in page  # the Danish error page
    assert statuses.count(200) >= 1
    assert [status for status, _page in after.results] == [200, 200, 200]
    # No half-written case: every complaint has its registration on the timeline, and every
    # receipt page names a case that exists.
    created = set(CaseEvent.objects.filter(action="created").values_list("complaint_id", flat=True))
    assert set(Complaint.objects.values_list("pk", flat=True)) == created
    shown = {re.search(r"\d{4}-\d{7}", page)[0] for status, page in results + after.results if status == 200}
    assert shown <= set(Complaint.objects.values_list("case_number", flat=True))
