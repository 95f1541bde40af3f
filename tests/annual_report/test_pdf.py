import datetime as dt
import re
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from annual_report import services
from annual_report.pdf import build_report
from tests.factories import ComplaintFactory, department
from whistleblower.models import Matter, Report

pytestmark = pytest.mark.django_db


def text_of(pdf: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    return re.sub(r"[ \t]+", " ", text)


def layout_of(pdf: bytes, pages=slice(None)) -> list[str]:
    """Each page's text as laid out: a table row (or a contents entry) is one line."""
    return [page.extract_text(extraction_mode="layout") for page in PdfReader(BytesIO(pdf)).pages[pages]]


# A figure as printed: "1.050", "0", "19,4 dage", "66,7 %", or "–" for no denominator.
FIGURE = r"\d[\d.]*(?:,\d)?(?: dage| %)?|–"


def shown_for(pages: list[str], label: str) -> list[str]:
    """The figure printed after ``label`` on every line that starts with it, after any
    dot leaders. "Konsultativ bistand" does not pick up "Konsultativ bistand modtaget  0"."""
    pattern = re.compile(rf"^\s*{re.escape(label)}[\s.]*?\s*({FIGURE})\s*$", re.MULTILINE)
    return [value for page in pages for value in pattern.findall(page)]


@pytest.fixture(autouse=True)
def private_root(tmp_path, settings):
    settings.PRIVATE_MEDIA_ROOT = tmp_path


@pytest.fixture
def year_data():
    for i in range(1050):  # enough for a thousands separator: 1.050
        ComplaintFactory(
            department=department(["SOF", "BUF", "TMF"][i % 3]),
            received_on=dt.date(2023, 5, 1),
            closed_on=dt.date(2023, 5, 1) + dt.timedelta(days=i % 40),
            state="closed",
            track=["telephone", "written"][i % 2],
            outcome=["upheld", "not_upheld", "partly_upheld"][i % 3],
            solved="solved",
            satisfaction=["satisfied", "dissatisfied", ""][i % 3],
            discrimination_ground="age" if i % 50 == 0 else "",
        )
    report = Report.objects.create(
        reference="WB-2023-0001", received_on=dt.date(2023, 3, 1), channel="portal"
    )
    Matter.objects.bulk_create(
        Matter(report=report, theme=t) for t in ["work_environment", "finances", "other"]
    )


# What the figures of ``year_data`` must read, worked out by hand from the fixture:
# 1,050 complaints, a third each to SOF, BUF and TMF; every other one by telephone; open for
# i % 40 days (26 full rounds of 0..39 plus 0..9: 20,325 days / 1,050 = 19.36); outcomes in
# turn upheld / not upheld / partly upheld (700 of 1,050 = 66.7 %); all solved; every third
# without a survey answer (700 answers, half satisfied); i % 50 == 0 on grounds of age (an
# "other" ground): 21. One whistleblower report with three matters, a third per theme.
EXPECTED_ROWS = {
    "Klager og andre henvendelser samt tilsyn": "1.050",
    "Konsultativ bistand og undervisning": "0",
    "Økonomiforvaltningen": "0",
    "Kultur- og Fritidsforvaltningen": "0",
    "Børne- og Ungdomsforvaltningen": "350",
    "Sundheds- og Omsorgsforvaltningen": "0",
    "Beskæftigelses- og Integrationsforvaltningen": "0",
    "Socialforvaltningen": "350",
    "Teknik- og Miljøforvaltningen": "350",
    "Vejledning": "0",
    "Videresendt": "0",
    "Afvist": "0",
    "Telefonisk": "525",
    "Skriftlig forelæggelse": "525",
    "Mægling": "0",
    "Tilsyn": "0",
    "Tilsyn af egen drift og inspektioner": "0",
    "Klager og andre henvendelser": "19,4 dage",
    "Løst telefonisk": "525",
    "Konsultativ bistand modtaget": "0",
    "Undervisningsforløb": "0",
    "Medhold eller delvist medhold": "66,7 %",
    "Løst eller delvist løst": "100,0 %",
    "Svar på tilfredshedsundersøgelsen": "700",
    "Tilfreds": "50,0 %",
    "Utilfreds": "50,0 %",
    "Handicap": "0",
    "National, social eller etnisk oprindelse": "0",
    "Køn": "0",
    "Seksuel orientering": "0",
    "I øvrigt": "21",
    "Indberetninger": "1",
    "Forhold": "3",
    "Indberetninger i 2022": "0",
    "Indberetninger 1. januar – 31. marts 2024": "0",
    "Forhold 1. januar – 31. marts 2024": "0",
    "Arbejdsmiljø og sikkerhed": "33,3 %",
    "Lov- og retskrav": "0,0 %",
    "Økonomi": "33,3 %",
    "Andet": "33,3 %",
}


def test_every_figure_appears_formatted_the_danish_way(year_data):
    pdf = build_report(2023)
    pages = layout_of(pdf, slice(2, None))  # after the cover and the contents
    wrong = {
        label: shown_for(pages, label)
        for label, expected in EXPECTED_ROWS.items()
        # A chart's bar, its table in appendix 1 and a department's row agree.
        if set(shown_for(pages, label)) != {expected}
    }
    assert wrong == {}
    # "I alt": all inquiries, all discrimination complaints — once each: the complaints per
    # department are the chart's, not printed again as a table in the appendix (issue 23).
    assert shown_for(pages, "I alt") == ["1.050", "21"]
    # "Konsultativ bistand": the processing time (no consultations to average); the efforts
    # chart says what it counts: the consultations closed.
    assert shown_for(pages, "Konsultativ bistand") == ["–"]
    assert shown_for(pages, "Konsultativ bistand afsluttet") == ["0"]
    text = text_of(pdf)
    assert "Beretningsåret 2023: 1. april 2023 – 31. marts 2024" in text
    # No digital complaints were forwarded: no sentence about them (it is no summand).
    assert "digitale klageformular" not in text


def test_forwarded_digital_complaints_are_a_sentence_below_the_table_not_a_row():
    for _ in range(3):
        ComplaintFactory(
            received_on=dt.date(2023, 5, 1),
            channel="digital_form",
            state="closed",
            track="forwarded",
            closed_on=dt.date(2023, 5, 2),
        )
    text = text_of(build_report(2023))
    assert "Derudover blev 3 klager, der kom via den digitale klageformular" in text
    assert "(ikke medregnet)" not in text


# The entries of the contents when there is no edition: each generated part becomes a chapter,
# then the two appendices. Results, investigations and recommendations are left out: the
# fixture has none.
CONTENTS = [
    "1. Året i tal",
    "2. Whistleblowerordningen",
    "Bilag: Forvaltningerne",
]


def test_contents_page_lists_the_chapters_on_the_pages_they_start(year_data):
    layout = layout_of(build_report(2023))
    contents = layout[1]
    assert contents.lstrip().startswith("Indhold")
    entries = re.findall(r"^\s*(\S.*?)[\s.]*?\s(\d+)\s*$", contents, re.MULTILINE)
    listed = [(entry, page) for entry, page in entries if entry != "Side"]  # the page's own number
    assert [entry for entry, _page in listed] == CONTENTS
    for entry, page in listed:
        lines = [line.strip() for line in layout[int(page) - 1].splitlines()]
        assert entry in lines, entry
        assert (
            "Beretning 2023 · Borgerrådgiveren" in layout[int(page) - 1].splitlines()[0]
        )  # the running head
        assert layout[int(page) - 1].rstrip().endswith(f"Side {page}")


def test_no_text_in_the_body_and_no_chart_label_is_under_9_points(year_data):
    """The real size on the page: the font size scaled by the text matrix and the page's own
    transformation (WeasyPrint draws in CSS pixels, 0.75 pt each). The running head and the
    page number in the margins are left out; every chart label is in the body."""
    reader = PdfReader(BytesIO(build_report(2023)))
    top, bottom = 842 - 20 * 72 / 25.4, 20 * 72 / 25.4
    sizes = []

    def visitor(text, cm, tm, font_dict, font_size):
        y = tm[5] * cm[3] + cm[5]
        if text.strip() and bottom < y < top:
            scale = (abs(tm[0] * cm[0] + tm[1] * cm[2]) * abs(tm[3] * cm[3] + tm[2] * cm[1])) ** 0.5
            sizes.append(round(font_size * scale, 1))

    for page in reader.pages[2:]:
        page.extract_text(visitor_text=visitor)
    assert sizes and min(sizes) >= 9, sorted(sizes)[:5]


def test_a_published_edition_does_not_change_when_data_change(secretariat):
    ComplaintFactory(received_on=dt.date(2023, 6, 1))
    edition = services.edition_for_year(2023)
    services.edition_publish(edition=edition, by=secretariat)
    edition.refresh_from_db()
    before = services.edition_pdf(edition)
    ComplaintFactory(received_on=dt.date(2023, 7, 1))  # a case added afterwards
    edition.refresh_from_db()
    assert services.edition_pdf(edition) == before
    label = "Klager og andre henvendelser samt tilsyn"
    assert shown_for(layout_of(before), label) == ["1"]
    assert shown_for(layout_of(build_report(2023)), label) == ["2"]
    with pytest.raises(ValidationError):
        services.edition_update(edition=edition, by=secretariat, foreword="Ændret")


def test_command_writes_the_pdf(tmp_path, year_data):
    out = tmp_path / "beretning.pdf"
    call_command("beretning_pdf", year=2023, out=str(out))
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("persona_name", ["secretariat", "head"])
def test_staff_page_makes_and_serves_the_pdf(persona_name, request, client_for):
    client = client_for(request.getfixturevalue(persona_name))
    response = client.post(reverse("annual_report:index"), {"year": 2023})
    assert response["Location"] == reverse("annual_report:edition", args=[2023])
    assert client.get(reverse("annual_report:edition", args=[2023])).status_code == 200
    pdf = client.get(reverse("annual_report:pdf", args=[2023]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


@pytest.mark.parametrize("persona_name", ["jurist", "committee", "wb_member", "superuser"])
def test_staff_page_is_refused_to_others(persona_name, request, client_for):
    services.edition_for_year(2023)
    client = client_for(request.getfixturevalue(persona_name))
    assert client.get(reverse("annual_report:edition", args=[2023])).status_code == 403
    assert client.get(reverse("annual_report:pdf", args=[2023])).status_code == 403
