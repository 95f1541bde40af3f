"""What may leave the whistleblower unit, and nothing else: the yearly figures (``statistics_*``,
``reports_received``, ``matters_of_reports_received``, the labels: dates, channel and theme
columns, never a reference, a body or an identity) and the released annual account
(``annual_account``: counts and the unit's anonymised one-line summaries, written to be
published). The statistics and the yearly reports may import this module and no other of the
app (tests/test_import_rules.py); the unit's own reads are in ``whistleblower.selectors``.
"""

from datetime import date

from django.db.models import Count, Q

from core.periods import Period

from .models import Channel, Matter, RejectionReason, Report, Scope, Theme


def statistics_reports():
    """Reports as (received_on, channel) rows, for counting by date and channel."""
    return Report.objects.values("received_on", "channel")


def statistics_matters():
    """Matters as (received_on, theme) rows, for counting by date and theme."""
    return Matter.objects.values("report__received_on", "theme")


# The scheme's two yearly counts, defined once: the statistics (stats.selectors) and the
# annual account (below) both aggregate with these.


def reports_received(period):
    """Reports received in ``period`` (an aggregate over reports)."""
    return Count("received_on", filter=period.q("received_on"))


def matters_of_reports_received(period):
    """The matters of the reports received in ``period`` (an aggregate over matters)."""
    return Count("theme", filter=period.q("report__received_on"))


# --- the annual account (DOMAIN §5: the law requires a yearly account) ---------------------
#
# ``annual_account`` is the one computation of the account's own figures: what was decided in
# the year (investigated and closed, rejected and why) and the unit's anonymised one-line
# summaries of those reports. The figures of DOMAIN §6 (reports, matters, themes) are defined
# in ``stats``. Like the statistics, nothing of a calendar year is released, nor even queried,
# before the year has ended in Copenhagen (``Period.has_ended``): a running count would show
# colleagues when a report has just come in or has just been rejected.

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
    aggregates = {"reports": reports_received(period)}
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
    matters = Matter.objects.aggregate(n=matters_of_reports_received(period))["n"]
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


def channel_labels() -> dict:
    """The names of the ways a report came in."""
    return dict(Channel.choices)


def rejection_reason_labels() -> dict:
    """The names of the reasons a report is rejected."""
    return dict(RejectionReason.choices)


def theme_labels() -> dict:
    """The names of the reports' themes, for the statistics."""
    return dict(Theme.choices)
