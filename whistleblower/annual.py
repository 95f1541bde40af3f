"""The whistleblower scheme's annual account, by calendar year (DOMAIN §5: the law requires a
yearly account), and its PDF for the committee (``wb_annual_report``).

``annual_account`` is the one computation of the account's own figures: what was decided in
the year (investigated and closed, rejected and why) and the unit's anonymised one-line
summaries of those reports. The figures of DOMAIN §6 (reports, matters, themes) are defined in
``stats``; the command takes the themes from there. The counts of reports and matters are
defined once, in ``whistleblower.selectors`` (``reports_received``,
``matters_of_reports_received``), which the statistics aggregate with too; and both release a
year by one rule, ``Period.has_ended``.

Like the statistics, nothing of a calendar year is
released, nor even queried, before the year has ended in Copenhagen: a running count would show
colleagues when a report has just come in or has just been rejected.
"""

from datetime import date

from django.db.models import Count, Q
from django.utils import translation

from core.documents import render_pdf
from core.formatting import long_date, number
from core.periods import Period

from . import selectors
from .models import Channel, Matter, RejectionReason, Report, Scope

INVESTIGATED = "investigated"
REJECTED = "rejected"


def is_released(year: int, today: date | None = None) -> bool:
    """Whether calendar year ``year`` has ended (``Period.has_ended``, the statistics' rule too)."""
    return Period.calendar_year(year).has_ended(today)


def _decided_in(period: Period) -> dict[str, Q]:
    """The two outcomes of the scope decision, decided in ``period``.

    *Investigated* (``undersøgt og afsluttet``): taken within the scheme (``Scope.WITHIN``, set
    by the move to ``investigating``) and closed in the period — the investigation is over,
    the feedback given and the case closed. A report still investigating, or concluded but not
    yet closed, counts in the year it is closed.

    *Rejected* (``afvist``): ``Scope.REJECTED``, decided in the period (``reject`` sets
    ``closed_on`` to the day of the decision).

    Both are keyed on ``closed_on`` and the scope, which the retention purge keeps and an import
    of old metadata carries; a report therefore counts in the year it was decided, not the year
    it was received (a report received in December may be rejected in January)."""
    closed = period.q("closed_on")
    return {
        INVESTIGATED: closed & Q(scope=Scope.WITHIN),
        REJECTED: closed & Q(scope=Scope.REJECTED),
    }


def _distinct_lines(lines) -> list[str]:
    """Each subject once, in the order it first occurs (two reports about the same kind of
    matter give one line in a published list)."""
    seen, kept = set(), []
    for line in lines:
        key = line.casefold()
        if key not in seen:
            seen.add(key)
            kept.append(line)
    return kept


def annual_account(year: int, today: date | None = None) -> dict:
    """The annual account of calendar year ``year`` as known on ``today`` (default: today in
    Copenhagen). All keys are always present::

        {
            "year": 2023,
            "period": {"start": "2023-01-01", "end": "2023-12-31"},
            "released": True,   # False until 31 December has passed: then every figure is None
            "reports": 105,     # reports received in the year
            "matters": 202,     # the matters of those reports
            "reports_by_channel": {"portal": n, "phone": n, "meeting": n, "letter": n},
            "investigated": {   # within the scheme and closed in the year (see _decided_in)
                "reports": n,
                "summaries": ["…", …],   # the unit's summaries, by day of closing, each once
                "without_summary": n,    # reports with no summary: counted, not listed
            },
            "rejected": {       # rejected in the year
                "reports": n,
                "by_reason": {"outside_scope": n, "unsubstantiated": n, "not_municipal": n,
                              "outside_personal_scope": n, "consent_missing": n},
                "summaries": ["…", …],
                "without_summary": n,
            },
        }

    The counts are computed in the database: three queries (the reports' counts, the matters'
    count, the summaries), whatever the number of reports; none before the year has ended."""
    period = Period.calendar_year(year)
    account = {
        "year": year,
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat()},
        "released": is_released(year, today),
        "reports": None,
        "matters": None,
        "reports_by_channel": None,
        INVESTIGATED: None,
        REJECTED: None,
    }
    if not account["released"]:
        return account

    received = period.q("received_on")
    decided = _decided_in(period)
    no_summary = Q(summary="")
    aggregates = {"reports": selectors.reports_received(period)}
    aggregates.update({f"channel__{c}": Count("pk", filter=received & Q(channel=c)) for c in Channel.values})
    for outcome, condition in decided.items():
        aggregates[outcome] = Count("pk", filter=condition)
        aggregates[f"{outcome}__without_summary"] = Count("pk", filter=condition & no_summary)
    aggregates.update(
        {
            f"reason__{r}": Count("pk", filter=decided[REJECTED] & Q(rejection_reason=r))
            for r in RejectionReason.values
        }
    )
    # Only the rows that can count (received or decided in the year; both columns indexed or
    # small) are read, once.
    row = Report.objects.filter(received | period.q("closed_on")).aggregate(**aggregates)
    matters = Matter.objects.aggregate(n=selectors.matters_of_reports_received(period))["n"]
    # The summary is encrypted, so the lines are read (and decrypted) here; ``summary=""`` is
    # an exact match on the stored value, which is "" for an empty summary.
    lines = (
        Report.objects.filter(decided[INVESTIGATED] | decided[REJECTED])
        .exclude(no_summary)
        .order_by("closed_on", "pk")
        .values_list("scope", "summary")
    )
    summaries = {INVESTIGATED: [], REJECTED: []}
    for scope, summary in lines:
        summaries[INVESTIGATED if scope == Scope.WITHIN else REJECTED].append(summary)

    account.update(
        reports=row["reports"],
        matters=matters,
        reports_by_channel={c: row[f"channel__{c}"] for c in Channel.values},
    )
    account[INVESTIGATED] = {
        "reports": row[INVESTIGATED],
        "summaries": _distinct_lines(summaries[INVESTIGATED]),
        "without_summary": row[f"{INVESTIGATED}__without_summary"],
    }
    account[REJECTED] = {
        "reports": row[REJECTED],
        "by_reason": {r: row[f"reason__{r}"] for r in RejectionReason.values},
        "summaries": _distinct_lines(summaries[REJECTED]),
        "without_summary": row[f"{REJECTED}__without_summary"],
    }
    return account


# --- the PDF for the committee ---------------------------------------------------------------


def _reports(value: int) -> str:
    """3 → "3 indberetninger", 1 → "1 indberetning"."""
    return f"{number(value)} indberetning" + ("" if value == 1 else "er")


def annual_report_pdf(account: dict, *, themes: list[tuple[str, str]], reports_previous_year=None) -> bytes:
    """The calendar year's report to the committee as a tagged PDF (PDF/UA), in Danish, from
    the template ``whistleblower/annual_account.html`` (core.documents).

    ``account`` is ``annual_account(year)`` (released); ``themes`` are the rows (label, share as
    printed) of the themes table the statistics build (``stats.tables``: the figure is defined
    there); ``reports_previous_year`` the statistics' count for Y−1. Every text from the
    database goes through Django's escaping: a summary is shown as written."""
    if not account["released"]:
        raise ValueError("The annual account of a calendar year is released only once the year has ended.")
    with translation.override("da"):
        year = account["year"]
        period = Period.calendar_year(year)
        investigated, rejected = account[INVESTIGATED], account[REJECTED]
        title = f"Whistleblowerordningen – årsrapport {year}"
        context = {
            "document_title": title,
            "sender": title,
            "year": year,
            "previous_year": year - 1,
            "period_text": f"{long_date(period.start)} – {long_date(period.end)}",
            "figures": [
                (f"Indberetninger modtaget i {year}", number(account["reports"])),
                ("Forhold i disse indberetninger", number(account["matters"])),
                (f"Indberetninger modtaget i {year - 1}", number(reports_previous_year)),
                (f"Indberetninger undersøgt og afsluttet i {year}", number(investigated["reports"])),
                (f"Indberetninger afvist i {year}", number(rejected["reports"])),
            ],
            "channels": [
                (str(Channel(c).label), number(n)) for c, n in account["reports_by_channel"].items()
            ],
            "themes": list(themes),
            "investigated": {
                **investigated,
                "text": _reports(investigated["reports"]),
                "without_text": _reports(investigated["without_summary"]),
            },
            "rejected": {
                **rejected,
                "text": _reports(rejected["reports"]),
                "without_text": _reports(rejected["without_summary"]),
                "reasons": [
                    (str(RejectionReason(r).label), number(n)) for r, n in rejected["by_reason"].items()
                ],
            },
        }
        return render_pdf("whistleblower/annual_account.html", context)
