"""Demo whistleblower history (metadata only): calendar years 2019 on; 2022 and 2023 and the
first quarter of 2024 reproduce the published figures."""

import datetime as dt

from .models import Matter, Report

# 2023: 105 reports with 202 matters. Theme counts out of 202 give the published shares
# (65/202 = 32.2 % working environment … 1/202 = 0.5 % environmental hazard).
THEMES_2023 = {
    "work_environment": 65,
    "legal_requirements": 40,
    "finances": 22,
    "neglect": 18,
    "criminal_offences": 16,
    "internal_rules": 14,
    "citizen_service": 11,
    "public_health": 8,
    "data_protection": 5,
    "environmental_hazard": 1,
    "other": 2,
}
PUBLISHED = {2022: (116, None), 2023: (105, 202)}
Q1_2024 = (33, 62)


def _reports(rng, start: dt.date, end: dt.date, n_reports: int, themes: list[str], prefix: str):
    """n_reports reports between start and end sharing the given matters (each gets ≥ 1)."""
    rng.shuffle(themes)
    per_report = [[t] for t in themes[:n_reports]]
    for theme in themes[n_reports:]:
        rng.choice(per_report).append(theme)
    reports = []
    for i, matters in enumerate(per_report):
        received = start + dt.timedelta(days=rng.randint(0, (end - start).days))
        reports.append(
            (
                Report(
                    reference=f"{prefix}{i + 1:04d}",
                    received_on=received,
                    channel=rng.choices(["portal", "phone", "meeting", "letter"], [80, 10, 7, 3])[0],
                    scope="within",
                    closed_on=min(received + dt.timedelta(days=90), dt.date.today()),
                ),
                matters,
            )
        )
    return reports


def seed(*, rng) -> str:
    if Report.objects.filter(reference__startswith="WB-2023-").exists():
        return "whistleblower history already present"
    all_themes = list(THEMES_2023)
    batches = []
    for year in range(2019, dt.date.today().year):
        if year == 2023:
            themes = [t for t, n in THEMES_2023.items() for _ in range(n)]
            n_reports = 105
            end = dt.date(2023, 12, 31)
        elif year == 2024:
            n_reports, n_matters = Q1_2024
            themes = [rng.choice(all_themes) for _ in range(n_matters)]
            batches += _reports(rng, dt.date(2024, 1, 1), dt.date(2024, 3, 31), n_reports, themes, "WB-2024-")
            n_reports = rng.randint(80, 100)
            themes = [rng.choice(all_themes) for _ in range(round(n_reports * 1.9))]
            batches += _reports(
                rng, dt.date(2024, 4, 1), dt.date(2024, 12, 31), n_reports, themes, "WB-2024-1"
            )
            continue
        else:
            n_reports = PUBLISHED.get(year, (rng.randint(70, 110), None))[0]
            themes = [rng.choice(all_themes) for _ in range(round(n_reports * rng.uniform(1.6, 2.0)))]
            end = dt.date(year, 12, 31)
        batches += _reports(rng, dt.date(year, 1, 1), end, n_reports, themes, f"WB-{year}-")
    reports = Report.objects.bulk_create([r for r, _m in batches])
    Matter.objects.bulk_create(
        Matter(report=r, theme=t) for r, (_r, matters) in zip(reports, batches, strict=True) for t in matters
    )
    return f"{len(reports)} historical whistleblower reports (metadata only)"
