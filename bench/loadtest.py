"""`make loadtest`: gunicorn (2 workers, production settings, with the task worker and the
scheduler running beside it) on PostgreSQL seeded with 100,000
complaints; 20 concurrent clients for 60 s on loopback, each mixing the jurist's queue, a case
page, the statistics dashboard, a citizen's status page and a whistleblower's follow-up with
the receipt code. Prints p50/p95/p99 and errors per page, then `p95_ms_max=` (the worst
page's p95) and `errors=`; writes the result to docs/loadtest.md.

Environment: LOADTEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/borger_load;
the database is created if missing and keeps its data between runs), LOADTEST_CLIENTS (20),
LOADTEST_SECONDS (60), LOADTEST_PORT (8765), LOADTEST_THINK_MS (250-750).

Each client pauses a random 250–750 ms between its requests (the time a person takes to look
at a page before the next click is far longer; this keeps 20 clients at ~30 requests/s). With
no pause at all (LOADTEST_THINK_MS=0) 20 clients simply saturate two workers, and the latency
measures the queue, not the pages: that run is the capacity figure, reported beside this one.
"""

import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.databases import ensure_database

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DATABASE_URL = os.environ.get("LOADTEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/borger_load")
CLIENTS = int(os.environ.get("LOADTEST_CLIENTS", "20"))
SECONDS = float(os.environ.get("LOADTEST_SECONDS", "60"))
PORT = int(os.environ.get("LOADTEST_PORT", "8765"))
THINK_MS = [float(v) for v in os.environ.get("LOADTEST_THINK_MS", "250-750").split("-")] * 2
WORKERS = 2
ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "config.settings.prod",
    "SECRET_KEY": "loadtest-only-3q9v!x7k$m2p#r8w@t5z^b1n&c4h*j6f(l0s)d=g+y_e-a",
    "ALLOWED_HOSTS": "127.0.0.1",
    "DATABASE_URL": DATABASE_URL,
    "WB_ENCRYPTION_KEY": "bG9hZHRlc3Qtb25seS13aGlzdGxlYmxvd2VyLWtleS0=",
    "PYTHONPATH": str(ROOT),
}


def prepare() -> None:
    """(In a subprocess with production settings.) Seed once; print what the clients need."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from bench.data import seed
    from complaints.models import Complaint
    from core.roles import Role
    from tests.factories import UserFactory
    from whistleblower import services as wb_services

    seed()
    from django.contrib.auth import get_user_model

    jurist = get_user_model().objects.filter(username="load-jurist").first() or UserFactory(
        username="load-jurist", roles=[Role.JURIST]
    )
    session = SessionStore()
    session[SESSION_KEY] = str(jurist.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = jurist.get_session_auth_hash()
    session.create()
    _report, code = wb_services.report_submit(body="Belastningstest: en indberetning med en kvitteringskode.")
    case = Complaint.objects.filter(state="telephone").order_by("-received_on").first()
    print(
        json.dumps(
            {
                "session": session.session_key,
                "cookie": settings.SESSION_COOKIE_NAME,
                "case": case.pk,
                "token": case.public_token,
                "code": code,
            }
        )
    )


def run(*args) -> str:
    # Our own interpreter and manage.py, with fixed arguments.
    return subprocess.run(args, env=ENV, cwd=ROOT, check=True, capture_output=True, text=True).stdout  # noqa: S603


class Client(threading.Thread):
    def __init__(self, index, pages, deadline, results, errors):
        super().__init__(daemon=True)
        self.rng = random.Random(index)  # noqa: S311 - a load mix, not security
        # Twenty people, twenty addresses (all of 127.0.0.0/8 is loopback): the per-client
        # throttles see what they would see in real use.
        self.source = (f"127.0.0.{index + 2}", 0)
        self.pages, self.deadline, self.results, self.errors = pages, deadline, results, errors
        self.statuses = []

    def connect(self):
        return http.client.HTTPConnection("127.0.0.1", PORT, timeout=30, source_address=self.source)

    def run(self):
        conn = self.connect()
        names = list(self.pages)
        while time.monotonic() < self.deadline:
            name = self.rng.choice(names)
            method, path, body, headers = self.pages[name]
            start = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
                if not ok:
                    self.statuses.append(response.status)
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = self.connect()
            elapsed = (time.perf_counter() - start) * 1000
            if time.monotonic() <= self.deadline:
                self.results[name].append(elapsed)
                if not ok:
                    self.errors[name] += 1
            time.sleep(self.rng.uniform(THINK_MS[0], THINK_MS[1]) / 1000)
        conn.close()


def percentile(values, q):
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def main() -> None:
    ensure_database(DATABASE_URL)
    run(PYTHON, "manage.py", "migrate", "--no-input", "-v", "0")
    run(PYTHON, "manage.py", "createcachetable")
    run(PYTHON, "manage.py", "collectstatic", "--no-input", "-v", "0")
    print("seeding (first run only) …", flush=True)
    given = json.loads(run(PYTHON, str(Path(__file__)), "--prepare").strip().splitlines()[-1])
    # Behind the TLS proxy in production: the proxy says https, and the session rides in a cookie.
    common = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}
    staff = {**common, "Cookie": f"{given['cookie']}={given['session']}"}
    form = {**common, "Content-Type": "application/x-www-form-urlencoded"}
    pages = {
        "queue": ("GET", "/sager/", None, staff),
        "case": ("GET", f"/sager/{given['case']}/", None, staff),
        "dashboard": ("GET", "/statistik/?year=2023", None, staff),
        "status": ("GET", f"/min-sag/{given['token']}/", None, common),
        "follow_up": ("POST", "/whistleblower/opfoelgning/", f"code={given['code']}", form),
    }
    try:  # something else on the port would be measured instead of this server
        http.client.HTTPConnection("127.0.0.1", PORT, timeout=1).connect()
        raise SystemExit(f"port {PORT} is in use; set LOADTEST_PORT")
    except OSError:
        pass
    log = open(ROOT / "var" / "loadtest-gunicorn.log", "w")  # noqa: SIM115 - closed below
    # The task worker and the scheduler run beside the web server, as in production.
    background = [
        subprocess.Popen(  # noqa: S603 - our own manage.py with fixed arguments
            [PYTHON, "manage.py", *command], env=ENV, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT
        )
        for command in (("run_worker", "--no-reload"), ("run_scheduler",))
    ]
    server = subprocess.Popen(  # noqa: S603 - the venv's gunicorn with fixed arguments
        [
            str(Path(PYTHON).parent / "gunicorn"),
            *("-c", "gunicorn.conf.py", "config.wsgi"),
            *("--workers", str(WORKERS), "--bind", f"127.0.0.1:{PORT}"),
        ],
        env=ENV,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(100):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
                conn.request("GET", "/healthz", headers=common)
                if conn.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit("gunicorn did not start; see var/loadtest-gunicorn.log")
        # Warm up every page once per worker (imports, connections, caches), unmeasured.
        for _ in range(WORKERS * 2):
            for method, path, body, headers in pages.values():
                conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
                conn.request(method, path, body=body, headers=headers)
                status = conn.getresponse().status
                if status != 200:
                    raise SystemExit(
                        f"{path} answered {status} before the test; see var/loadtest-gunicorn.log"
                    )
        results = {name: [] for name in pages}
        errors = dict.fromkeys(pages, 0)
        deadline = time.monotonic() + SECONDS
        clients = [Client(i, pages, deadline, results, errors) for i in range(CLIENTS)]
        for client in clients:
            client.start()
        for client in clients:
            client.join(SECONDS + 60)
    finally:
        for process in (server, *background):
            process.terminate()
        for process in (server, *background):
            process.wait(30)
        log.close()

    lines = [
        f"make loadtest — {time.strftime('%Y-%m-%d %H:%M')}, {CLIENTS} clients, {SECONDS:.0f} s, "
        f"pause {THINK_MS[0]:.0f}–{THINK_MS[1]:.0f} ms, gunicorn {WORKERS} workers, PostgreSQL, "
        f"{os.cpu_count()} CPUs",
        f"{'page':<10} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>6}",
    ]
    worst = 0.0
    for name, values in results.items():
        p50, p95, p99 = (percentile(values, q) for q in (50, 95, 99))
        worst = max(worst, p95)
        lines.append(f"{name:<10} {len(values):>8} {p50:>8.1f} {p95:>8.1f} {p99:>8.1f} {errors[name]:>6}")
    total = sum(len(v) for v in results.values())
    unexpected = sorted({status for client in clients for status in client.statuses})
    if unexpected:
        lines.append(f"statuses other than 200: {unexpected}")
    lines += [
        f"throughput={total / SECONDS:.1f}/s",
        f"p95_ms_max={worst:.1f}",
        f"errors={sum(errors.values())}",
    ]
    print("\n".join(lines))
    # The run replaces the figures; the "## Notes" section below them is kept.
    report = ROOT / "docs" / "loadtest.md"
    report.parent.mkdir(exist_ok=True)
    notes = report.read_text(encoding="utf-8").partition("\n## Notes\n")[2] if report.exists() else ""
    report.write_text(
        "# Last load test\n\nTarget: p95 ≤ 100 ms on every page, 0 errors.\n\n```\n"
        + "\n".join(lines)
        + "\n```\n"
        + (f"\n## Notes\n{notes}" if notes else ""),
        encoding="utf-8",
    )


if __name__ == "__main__":
    if "--prepare" in sys.argv:
        prepare()
    else:
        main()
