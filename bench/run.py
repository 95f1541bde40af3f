"""`make bench`: performance of the yearly figures at realistic size.

Seeds (once) 100,000 complaints over five report years plus consultations, supervisions and
whistleblower reports into a separate database (``var/bench.sqlite3``, or ``BENCH_DATABASE_URL``
for PostgreSQL), then times the whole year's computation against the floor: one hand-written
SQL pass with conditional aggregation over the same complaints table. Prints machine-readable
lines at the end. Later issues add their own lines here.
"""

import io
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
(ROOT / "var").mkdir(exist_ok=True)
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
os.environ["DATABASE_URL"] = (
    os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}"
)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from annual_report import content, web  # noqa: E402
from annual_report.pdf import build_report  # noqa: E402
from bench.data import N_COMPLAINTS, YEAR, seed  # noqa: E402
from complaints.models import Complaint  # noqa: E402
from core.models import Department  # noqa: E402
from stats.selectors import year_figures  # noqa: E402

FLOOR_SQL = ""


def floor_sql() -> tuple[str, int]:
    """The floor: ONE hand-written SQL pass over the complaints table computing the same
    complaint figures as year_figures (counted rule, five report years, seven departments,
    tracks, outcomes, solved, satisfaction, discrimination, processing days), with plain
    CASE expressions — what a person would write by hand for these numbers."""
    s, e = date(YEAR, 4, 1), date(YEAR + 1, 3, 31)
    received = f"received_on BETWEEN '{s}' AND '{e}'"
    closed = f"closed_on BETWEEN '{s}' AND '{e}'"
    sums = [f"SUM(CASE WHEN {received} THEN 1 ELSE 0 END)"]
    for yr in range(YEAR - 4, YEAR + 1):
        sums.append(
            f"SUM(CASE WHEN kind = 'complaint' AND received_on BETWEEN '{date(yr, 4, 1)}' "
            f"AND '{date(yr + 1, 3, 31)}' THEN 1 ELSE 0 END)"
        )
    for pk in Department.objects.values_list("pk", flat=True):
        sums.append(
            f"SUM(CASE WHEN kind = 'complaint' AND {received} AND department_id = {pk} THEN 1 ELSE 0 END)"
        )
    for track in ("advice", "forwarded", "rejected", "telephone", "written", "mediation", "supervision"):
        sums.append(f"SUM(CASE WHEN {closed} AND track = '{track}' THEN 1 ELSE 0 END)")
    sums.append(
        f"SUM(CASE WHEN {closed} THEN julianday(closed_on) - julianday(received_on) ELSE 0 END)"
        if connection.vendor == "sqlite"
        else f"SUM(CASE WHEN {closed} THEN closed_on - received_on ELSE 0 END)"
    )
    sums.append(f"SUM(CASE WHEN {closed} THEN 1 ELSE 0 END)")
    for outcome in ("upheld", "partly_upheld", "not_upheld", "not_assessed"):
        sums.append(
            f"SUM(CASE WHEN kind = 'complaint' AND {closed} AND outcome = '{outcome}' THEN 1 ELSE 0 END)"
        )
    for solved in ("solved", "partly_solved", "not_solved"):
        sums.append(
            f"SUM(CASE WHEN {closed} AND track IN ('telephone', 'written', 'mediation', 'supervision') "
            f"AND solved = '{solved}' THEN 1 ELSE 0 END)"
        )
    sums.append(f"SUM(CASE WHEN {closed} AND satisfaction <> '' THEN 1 ELSE 0 END)")
    for answer in ("satisfied", "dissatisfied"):
        sums.append(f"SUM(CASE WHEN {closed} AND satisfaction = '{answer}' THEN 1 ELSE 0 END)")
    for ground in ("disability", "origin", "gender", "sexual_orientation"):
        sums.append(f"SUM(CASE WHEN {received} AND discrimination_ground = '{ground}' THEN 1 ELSE 0 END)")
    sums.append(
        f"SUM(CASE WHEN {received} AND discrimination_ground IN "
        f"('age', 'religion_belief', 'political_opinion', 'other') THEN 1 ELSE 0 END)"
    )
    # Built from constants and dates of this script only; nothing comes from outside.
    sql = (
        f"SELECT {', '.join(sums)} FROM complaints_complaint "  # noqa: S608
        "WHERE kind IN ('complaint', 'inquiry') AND NOT (channel = 'digital_form' AND track = 'forwarded')"
    )
    return sql, len(sums)


def timed(function, repeat=7):
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        function()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def bench_edition():
    """An edition with the demo's chapters and recommendations (every generated part placed),
    so that the PDF timed is the publication, not only the figures."""
    from annual_report import demo
    from annual_report.models import Edition

    edition, created = Edition.objects.get_or_create(year=YEAR, defaults={"foreword": demo.foreword()})
    if created:
        demo.add_structure(edition, None, comments=False)
    return edition


def floor():
    with connection.cursor() as cursor:
        cursor.execute(FLOOR_SQL)
        cursor.fetchone()


N_IMPORT = int(os.environ.get("BENCH_IMPORT_ROWS", "100000"))
IMPORT_HEADERS = [
    "case_number",
    "kind",
    "requester",
    "channel",
    "department",
    "received_on",
    "closed_on",
    "track",
    "outcome",
    "solved",
    "department_admitted_error",
    "legality_error",
    "discrimination_ground",
    "themes",
    "satisfaction",
]


def import_rows():
    rng = random.Random(2)  # noqa: S311 - deterministic benchmark data
    codes = list(Department.objects.values_list("code", flat=True))
    rows = []
    for i in range(N_IMPORT):
        received = date(2015, 4, 1) + timedelta(days=rng.randrange(300))
        closed = received + timedelta(days=rng.randint(1, 60))
        track = rng.choice(["telephone", "written", "advice"])
        rows.append(
            [
                f"2015-{i + 1:07d}",
                "complaint",
                "citizen",
                "phone",
                rng.choice(codes),
                received.isoformat(),
                closed.isoformat(),
                track,
                "upheld",
                "solved" if track != "advice" else "",
                "yes",
                "no",
                "",
                rng.choice(["delay", "guidance", "delay;access"]),
                "",
            ]
        )
    return rows


def bench_import():
    """import_data's rate against a plain bulk_create of the same rows (the floor)."""
    import tablib

    from complaints.resources import ComplaintResource
    from core.importing import run_import

    rows = import_rows()
    Complaint.objects.filter(case_number__startswith="2015-").delete()
    t0 = time.perf_counter()
    summary = run_import(ComplaintResource(), tablib.Dataset(*rows, headers=IMPORT_HEADERS), dry_run=False)
    import_seconds = time.perf_counter() - t0
    assert summary.ok and summary.new == N_IMPORT, summary.errors[:3]
    Complaint.objects.filter(case_number__startswith="2015-").delete()
    departments = {d.code: d for d in Department.objects.all()}
    t0 = time.perf_counter()
    Complaint.objects.bulk_create(
        [
            Complaint(
                case_number=r[0],
                kind=r[1],
                requester=r[2],
                channel=r[3],
                department=departments[r[4]],
                received_on=date.fromisoformat(r[5]),
                closed_on=date.fromisoformat(r[6]),
                track=r[7],
                state="advised" if r[7] == "advice" else "closed",
                outcome=r[8],
                solved=r[9],
                department_admitted_error=True,
                legality_error=False,
                public_token=f"b{r[0]}",
            )
            for r in rows
        ],
        batch_size=1000,
    )
    bulk_seconds = time.perf_counter() - t0
    Complaint.objects.filter(case_number__startswith="2015-").delete()
    import_rate, bulk_rate = N_IMPORT / import_seconds, N_IMPORT / bulk_seconds
    print(
        f"import_data: {N_IMPORT} rows in {import_seconds:.1f} s (validated; themes and timeline rows); "
        f"bulk_create: {bulk_seconds:.1f} s"
    )
    print(f"import_rows_per_s={import_rate:.0f}")
    print(f"bulk_rows_per_s={bulk_rate:.0f}")
    print(f"import_ratio={import_rate / bulk_rate:.2f}")


def main():
    global FLOOR_SQL
    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    seeded = seed()
    if seeded:
        print(f"seeded {N_COMPLAINTS} complaints in {time.perf_counter() - t0:.1f} s")
    print(f"database: {connection.vendor}, complaints: {Complaint.objects.count()}")
    FLOOR_SQL, n_figures = floor_sql()
    year_figures(YEAR)  # warm up caches
    floor()
    stats_seconds = timed(lambda: year_figures(YEAR))
    floor_seconds = timed(floor)
    with CaptureQueriesContext(connection) as ctx:
        year_figures(YEAR)
    print(
        f"year_figures({YEAR}): {stats_seconds * 1000:.1f} ms in {len(ctx.captured_queries)} queries; "
        f"hand-written SQL floor ({n_figures} figures in one pass): {floor_seconds * 1000:.1f} ms"
    )
    print(f"stats_seconds={stats_seconds:.4f}")
    print(f"stats_floor_seconds={floor_seconds:.4f}")
    print(f"stats_ratio={stats_seconds / floor_seconds:.2f}")
    print(f"stats_queries={len(ctx.captured_queries)}")
    edition = bench_edition()
    from django.core.cache import cache

    def cold_pdf():
        cache.clear()  # the PDF is kept under its HTML's hash: time the layout, not the cache
        return build_report(YEAR, edition)

    pdf_seconds = timed(cold_pdf, repeat=3)
    pages = len(PdfReader(io.BytesIO(build_report(YEAR, edition))).pages)
    print(f"pdf_seconds={pdf_seconds:.3f} (tagged PDF/UA, {pages} pages, laid out by WeasyPrint)")
    cached = timed(lambda: build_report(YEAR, edition), repeat=3)
    print(f"pdf_cached_seconds={cached:.3f} (the same HTML again)")
    web_seconds = timed(lambda: web.files(content.build(YEAR, edition)), repeat=3)
    print(f"web_edition_seconds={web_seconds:.3f}")
    bench_import()


if __name__ == "__main__":
    main()
