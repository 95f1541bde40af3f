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
from stats import formatting as fmt
from stats.selectors import year_figures
from supervision.models import Result
from tests.factories import ComplaintFactory, department
from whistleblower.models import Matter, Report

pytestmark = pytest.mark.django_db

DEPARTMENTS = [
    "Økonomiforvaltningen",
    "Kultur- og Fritidsforvaltningen",
    "Børne- og Ungdomsforvaltningen",
    "Sundheds- og Omsorgsforvaltningen",
    "Beskæftigelses- og Integrationsforvaltningen",
    "Socialforvaltningen",
    "Teknik- og Miljøforvaltningen",
]


def text_of(pdf: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    return re.sub(r"[ \t]+", " ", text)


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


def formatted_values(data, path=""):
    """Every figure of the JSON as the report prints it (Danish formatting)."""
    for key, value in data.items():
        here = f"{path}.{key}" if path else key
        if isinstance(value, dict):
            yield from formatted_values(value, here)
        elif key in ("report_year", "calendar_year") or here.startswith("period"):
            continue
        elif here.startswith("avg_processing_days"):
            yield here, fmt.days(value)
        elif isinstance(value, float) or value is None:
            yield here, fmt.percent(value)
        else:
            yield here, fmt.number(value)


def test_every_figure_appears_formatted_the_danish_way(year_data):
    data = year_figures(2023).data
    assert data["inquiries"]["total"] == 1050
    text = text_of(build_report(2023))
    missing = [(key, shown) for key, shown in formatted_values(data) if shown not in text]
    assert missing == []
    assert "1.050" in text  # thousands with a dot
    assert re.search(r"\d+,\d dage", text)  # a mean with a decimal comma
    assert "Beretningsåret 2023: 1. april 2023 – 31. marts 2024" in text
    for name in DEPARTMENTS:
        assert name in text


def test_contents_page_lists_the_chapters_with_page_numbers(year_data):
    reader = PdfReader(BytesIO(build_report(2023)))
    contents = reader.pages[1].extract_text()
    for chapter in (
        "Indhold",
        "Året i tal",
        "Forvaltningerne",
        "Whistleblowerordningen i 2023",
        "Socialforvaltningen",
    ):
        assert chapter in contents
    # The contents give the page each chapter starts on, and that page carries its number.
    chapter_page = next(
        i for i, page in enumerate(reader.pages) if page.extract_text().count("Forvaltningerne") and i > 1
    )
    assert f"Side {chapter_page + 1}" in reader.pages[chapter_page].extract_text()
    assert f" {chapter_page + 1}" in contents


def test_examples_and_results_are_printed_with_case_numbers(secretariat):
    case = ComplaintFactory(received_on=dt.date(2023, 6, 1))
    edition = services.edition_for_year(2023)
    services.example_add(
        edition=edition,
        by=secretariat,
        case_number=case.case_number,
        heading="Hjemmehjælpen kom ikke",
        narrative="En ældre borger fik ikke hjælp.",
    )
    kept = Result.objects.create(
        department=department("SUF"),
        text="Ny procedure for aflysninger",
        case_number="2023-0000099",
        report_year=2023,
    )
    left_out = Result.objects.create(
        department=department("SOF"),
        text="Ikke med i beretningen",
        case_number="2023-0000098",
        report_year=2023,
    )
    services.results_leave_out(edition=edition, by=secretariat, excluded_ids=[left_out.pk])
    text = text_of(services.edition_pdf(edition))
    assert "Hjemmehjælpen kom ikke" in text and f"({case.case_number})" in text
    assert kept.text in text and left_out.text not in text


def test_a_published_edition_does_not_change_when_data_change(secretariat):
    ComplaintFactory(received_on=dt.date(2023, 6, 1))
    edition = services.edition_for_year(2023)
    services.edition_publish(edition=edition, by=secretariat)
    edition.refresh_from_db()
    before = services.edition_pdf(edition)
    ComplaintFactory(received_on=dt.date(2023, 7, 1))  # a case added afterwards
    edition.refresh_from_db()
    assert services.edition_pdf(edition) == before
    assert re.search(r"Klager og andre henvendelser samt tilsyn\s+1\s", text_of(before))
    assert re.search(r"Klager og andre henvendelser samt tilsyn\s+2\s", text_of(build_report(2023)))
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
