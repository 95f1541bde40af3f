"""The whistleblower scheme's annual account, by calendar year (DOMAIN §5: the law requires a
yearly account), and its PDF for the committee (``wb_annual_report``).

``annual_account`` is the one computation of the account's own figures: what was decided in
the year (investigated and closed, rejected and why) and the unit's anonymised one-line
summaries of those reports. The figures of DOMAIN §6 (reports, matters, themes) are defined in
``stats``; the command takes the themes from there, and a test holds the two counts of reports
and matters equal. This module imports nothing from ``stats`` (nothing imports ``stats``).

Like the statistics (``stats.selectors.Year.has_ended``), nothing of a calendar year is
released, nor even queried, before the year has ended in Copenhagen: a running count would show
colleagues when a report has just come in or has just been rejected.
"""

from datetime import date
from io import BytesIO

from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.formats import date_format
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from core.pdf import BRAND, GREY, GRID, SENDER, escape_markup
from core.periods import Period

from .models import Channel, Matter, RejectionReason, Report, Scope

MARGIN = 22 * mm
INVESTIGATED = "investigated"
REJECTED = "rejected"


def is_released(year: int, today: date | None = None) -> bool:
    """Whether calendar year ``year`` has ended (the whole of it lies before ``today``)."""
    return Period.calendar_year(year).end < (today or timezone.localdate())


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
    aggregates = {"reports": Count("pk", filter=received)}
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
    matters = Matter.objects.filter(period.q("report__received_on")).count()
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


def _number(value) -> str:
    """1050 → "1.050"; a missing figure is a dash."""
    return "–" if value is None else f"{value:,}".replace(",", ".")


def _reports(value: int) -> str:
    """3 → "3 indberetninger", 1 → "1 indberetning"."""
    return f"{_number(value)} indberetning" + ("" if value == 1 else "er")


def _long_date(value: date) -> str:
    return date_format(value, "j. F Y")


def annual_report_pdf(account: dict, *, themes: list[tuple[str, str]], reports_previous_year=None) -> bytes:
    """The calendar year's report to the committee as A4 PDF bytes, in Danish.

    ``account`` is ``annual_account(year)`` (released); ``themes`` are the rows (label, share as
    printed) of the themes table the statistics build (``stats.tables``: the figure is defined
    there); ``reports_previous_year`` the statistics' count for Y−1. Every text from the
    database passes ``escape_markup``: a summary is shown as written, never read as markup."""
    if not account["released"]:
        raise ValueError("The annual account of a calendar year is released only once the year has ended.")
    with translation.override("da"):
        return _build(account, themes, reports_previous_year)


def _styles():
    brand = BRAND
    body = ParagraphStyle(
        "body", parent=getSampleStyleSheet()["Normal"], fontName="Helvetica", fontSize=10.5, leading=15
    )
    return {
        "body": ParagraphStyle("wb_body", parent=body, spaceAfter=6),
        "item": ParagraphStyle("wb_item", parent=body, leftIndent=14, bulletIndent=2, spaceAfter=2),
        "h1": ParagraphStyle(
            "wb_h1",
            parent=body,
            fontName="Helvetica-Bold",
            fontSize=16,
            leading=20,
            textColor=brand,
            spaceBefore=14,
            spaceAfter=8,
        ),
        "h2": ParagraphStyle(
            "wb_h2",
            parent=body,
            fontName="Helvetica-Bold",
            fontSize=12.5,
            leading=16,
            textColor=brand,
            spaceBefore=10,
            spaceAfter=5,
        ),
        "cover_title": ParagraphStyle(
            "wb_ct",
            parent=body,
            fontName="Helvetica-Bold",
            fontSize=30,
            leading=36,
            textColor=brand,
            alignment=TA_CENTER,
        ),
        "cover_sub": ParagraphStyle("wb_cs", parent=body, fontSize=14, leading=20, alignment=TA_CENTER),
        "small": ParagraphStyle(
            "wb_small",
            parent=body,
            fontSize=9,
            leading=12,
            textColor=GREY,
            spaceAfter=4,
        ),
        "cell": ParagraphStyle("wb_cell", parent=body, fontSize=9.5, leading=12),
        "brand": brand,
    }


def _table(rows, s, header=None, widths=(0.72, 0.28)):
    width = A4[0] - 2 * MARGIN
    # Labels wrap, so they are Paragraphs (escaped); values and the header are plain strings,
    # which a Table draws as they are, without parsing.
    data = [[Paragraph(escape_markup(label), s["cell"]), value] for label, value in rows]
    if header:
        data.insert(0, header)
    table = Table(data, colWidths=[width * w for w in widths], hAlign="LEFT")
    style = [
        ("FONT", (0, 0), (-1, -1), "Helvetica", 9.5),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        style += [
            ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9.5),
            ("LINEBELOW", (0, 0), (-1, 0), 1, s["brand"]),
        ]
    table.setStyle(TableStyle(style))
    return table


def _subjects(part: dict, s, *, empty: str) -> list:
    """The summaries as a list, one line each, then how many reports have none."""
    flowables = [Paragraph(escape_markup(line), s["item"], bulletText="•") for line in part["summaries"]]
    if not flowables:
        flowables.append(Paragraph(escape_markup(empty), s["body"]))
    if part["without_summary"]:
        flowables.append(
            Paragraph(
                escape_markup(f"Uden resumé: {_reports(part['without_summary'])}."),
                s["small"],
            )
        )
    return flowables


def _build(account: dict, themes, reports_previous_year) -> bytes:
    s = _styles()
    year = account["year"]
    period = Period.calendar_year(year)
    title = f"Whistleblowerordningen – årsrapport {year}"
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=20 * mm,
        bottomMargin=MARGIN,
        title=title,
        author="Borgerrådgiveren, Københavns Kommune",
        subject=title,
        creator="Borgerrådgiverens sagssystem",
    )

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.setFillColor(GREY)
        canvas.drawString(MARGIN, 12 * mm, title)
        canvas.drawRightString(A4[0] - MARGIN, 12 * mm, f"Side {doc.page}")
        canvas.restoreState()

    def para(text, style):
        return Paragraph(escape_markup(text), s[style])

    investigated, rejected = account[INVESTIGATED], account[REJECTED]
    story = [
        Spacer(1, 65 * mm),
        para("Whistleblowerordningen", "cover_title"),
        Spacer(1, 6 * mm),
        para(f"Årsrapport {year}", "cover_title"),
        Spacer(1, 10 * mm),
        para("Borgerrådgiveren · Københavns Kommune", "cover_sub"),
        Spacer(1, 4 * mm),
        para(f"Kalenderåret {year}: {_long_date(period.start)} – {_long_date(period.end)}", "cover_sub"),
        Spacer(1, 4 * mm),
        para("Til Borgerrådgiverudvalget", "cover_sub"),
        Spacer(1, 60 * mm),
        para(SENDER, "small"),
        PageBreak(),
        para(f"Indberetninger i {year}", "h1"),
        para(
            "Opgørelsen følger kalenderåret, som loven om beskyttelse af whistleblowere kræver. "
            "En indberetning kan angå flere forhold; hvert forhold får et tema ved den umiddelbare "
            "visitering.",
            "body",
        ),
        _table(
            [
                (f"Indberetninger modtaget i {year}", _number(account["reports"])),
                ("Forhold i disse indberetninger", _number(account["matters"])),
                (f"Indberetninger modtaget i {year - 1}", _number(reports_previous_year)),
                (f"Indberetninger undersøgt og afsluttet i {year}", _number(investigated["reports"])),
                (f"Indberetninger afvist i {year}", _number(rejected["reports"])),
            ],
            s,
        ),
        para("Indberetninger efter kanal", "h2"),
        _table(
            [(str(Channel(c).label), _number(n)) for c, n in account["reports_by_channel"].items()],
            s,
            header=["Kanal", "Indberetninger"],
        ),
        KeepTogether(
            [
                para(f"Forhold fordelt på temaer i {year}", "h2"),
                _table(list(themes), s, header=["Tema", "Andel af forholdene"]),
            ]
        ),
        PageBreak(),
        para(f"Undersøgte og afsluttede sager i {year}", "h1"),
        para(
            f"Whistleblowerenheden undersøgte og afsluttede {_reports(investigated['reports'])} "
            f"i {year}, blandt andet om:",
            "body",
        ),
        *_subjects(investigated, s, empty="Ingen resuméer er skrevet."),
        para(f"Afviste sager i {year}", "h1"),
        para(
            f"Whistleblowerenheden afviste {_reports(rejected['reports'])} i {year}. "
            "En afvisning følges altid af vejledning om andre muligheder.",
            "body",
        ),
        _table(
            [(str(RejectionReason(r).label), _number(n)) for r, n in rejected["by_reason"].items()],
            s,
            header=["Begrundelse for afvisningen", "Indberetninger"],
        ),
        Spacer(1, 4 * mm),
        para("Afviste sager drejede sig blandt andet om:", "body"),
        *_subjects(rejected, s, empty="Ingen resuméer er skrevet."),
        Spacer(1, 6 * mm),
        para(
            "Undersøgte sager tælles i det år, de afsluttes, og afviste sager i det år, de afvises "
            "— ikke i det år, indberetningen kom. Resuméerne er whistleblowerenhedens egne, "
            "anonymiserede; hvert emne nævnes én gang.",
            "small",
        ),
    ]
    doc.build(story, onLaterPages=footer)
    return buffer.getvalue()
