"""Benchmark data shared by `make bench` and `make loadtest`: 100,000 complaints over five
report years plus consultations, supervisions and whistleblower metadata, bulk-created.
Django must be set up by the caller (either script picks its own settings)."""

import os
import random
from datetime import date, timedelta

from complaints.models import Complaint, reply_due
from consultations.models import Consultation
from core.models import Department
from core.workdays import WorkingCalendar
from supervision.models import Supervision
from whistleblower.models import Matter, Report

N_COMPLAINTS = int(os.environ.get("BENCH_COMPLAINTS", "100000"))
YEAR = 2023
TRACKS = ["advice", "forwarded", "rejected", "telephone", "telephone", "written", "mediation", "supervision"]
FINAL = {"advice": "advised", "forwarded": "forwarded", "rejected": "rejected"}


def seed():
    if Complaint.objects.count() >= N_COMPLAINTS:
        return False
    Complaint.objects.all().delete()
    rng = random.Random(1)  # noqa: S311 - deterministic benchmark data
    departments = list(Department.objects.all())
    start = date(YEAR - 4, 4, 1)
    span = (date(YEAR + 1, 3, 31) - start).days
    batch = []
    calendar = WorkingCalendar.load()
    for i in range(N_COMPLAINTS):
        received = start + timedelta(days=rng.randrange(span))
        closed = received + timedelta(days=rng.randint(1, 60)) if rng.random() < 0.9 else None
        track = rng.choice(TRACKS) if closed else ""
        kind = rng.choice(["complaint"] * 4 + ["inquiry"])
        channel = rng.choice(["phone", "email", "digital_form", "letter"])
        batch.append(
            Complaint(
                case_number=f"{received.year}-{i + 1:07d}",
                kind=kind,
                channel=channel,
                department=rng.choice(departments),
                received_on=received,
                reply_due_on=reply_due(received, channel, calendar),
                closed_on=closed,
                track=track,
                state=FINAL.get(track, "closed") if closed else "telephone",
                outcome=rng.choice(["upheld", "partly_upheld", "not_upheld", "not_assessed"])
                if closed
                else "",
                solved=rng.choice(["solved", "partly_solved", "not_solved"]) if closed else "",
                satisfaction=rng.choice(["", "", "satisfied", "neutral", "dissatisfied"]) if closed else "",
                discrimination_ground=rng.choice(
                    [""] * 30 + ["disability", "origin", "gender", "age", "other"]
                ),
                public_token=f"bench{i}",
            )
        )
        if len(batch) == 5000:
            Complaint.objects.bulk_create(batch)
            batch = []
    Complaint.objects.bulk_create(batch)
    Consultation.objects.bulk_create(
        Consultation(
            case_number=f"{YEAR}-{9000000 + i:07d}",
            kind=rng.choice(["consultation"] * 9 + ["teaching"]),
            channel="line",
            topic="x",
            received_on=start + timedelta(days=rng.randrange(span)),
            state="open",
        )
        for i in range(5000)
    )
    Supervision.objects.bulk_create(
        Supervision(
            case_number=f"{YEAR}-{9500000 + i:07d}",
            kind=rng.choice(["own_initiative_case", "inspection"]),
            title="x",
            opened_on=start + timedelta(days=rng.randrange(span)),
        )
        for i in range(500)
    )
    reports = Report.objects.bulk_create(
        Report(
            reference=f"WB-B-{i}", received_on=start + timedelta(days=rng.randrange(span)), channel="portal"
        )
        for i in range(2000)
    )
    Matter.objects.bulk_create(
        Matter(report=r, theme=rng.choice(["work_environment", "finances", "other"]))
        for r in reports
        for _ in range(rng.randint(1, 3))
    )
    return True
