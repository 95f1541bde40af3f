"""Text from the database is data, never reportlab markup: not on the cover, in the contents,
the headings, the examples, the results or the department sections (security finding 3)."""

import datetime as dt
import re
from io import BytesIO

import pytest
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from annual_report import services
from core.models import Department
from supervision import services as supervision_services
from tests.factories import ComplaintFactory, department
from tests.pdfs import AMPERSAND_NAME, FONT_NAME, LINK, UNCLOSED, pages_text, pdf_text, uri_links

pytestmark = pytest.mark.django_db

text_of = pdf_text


def contents_page(pdf: bytes) -> str:
    """The contents: the page after the cover, headed "Indhold"."""
    contents = pages_text(pdf)[1]
    assert re.search(r"^Indhold$", contents, re.MULTILINE)
    return contents


def flat_outline(outline) -> list:
    return [e for item in outline for e in (flat_outline(item) if isinstance(item, list) else [item])]


def embedded_images(pdf: bytes) -> int:
    return sum(len(page.images) for page in PdfReader(BytesIO(pdf)).pages)


@pytest.fixture(autouse=True)
def private_root(tmp_path, settings):
    settings.PRIVATE_MEDIA_ROOT = tmp_path


@pytest.fixture
def picture(tmp_path):
    """A real image file on the server: what an <img src=…> would pull into the PDF."""
    path = tmp_path / "secret.png"
    Image.new("RGB", (8, 8), "red").save(path)
    return path


def edition_with(secretariat, *, heading, narrative="En borger fik ikke svar.", foreword=""):
    case = ComplaintFactory(received_on=dt.date(2023, 6, 1))
    edition = services.edition_for_year(2023)
    if foreword:
        services.edition_update(edition=edition, by=secretariat, foreword=foreword)
    services.example_save(
        edition=edition,
        by=secretariat,
        heading=heading,
        category="complaint",
        case_numbers=case.case_number,
        all_departments=False,
        departments=[],
        pull_quote="",
        narrative=narrative,
    )
    edition.refresh_from_db()
    return edition


def test_an_unclosed_tag_in_an_example_heading_is_printed_not_parsed(secretariat):
    edition = edition_with(secretariat, heading=UNCLOSED)
    pdf = services.edition_pdf(edition)
    assert pdf.startswith(b"%PDF")
    assert UNCLOSED in text_of(pdf)


def test_link_markup_makes_no_link(secretariat):
    edition = edition_with(secretariat, heading=f"Se {LINK}", narrative=f"Læs {LINK}", foreword=f"Om {LINK}")
    pdf = services.edition_pdf(edition)
    assert uri_links(pdf) == []
    text = text_of(pdf)
    assert f"Se {LINK}" in text and f"Læs {LINK}" in text and f"Om {LINK}" in text


def test_image_markup_embeds_no_file_from_the_server(secretariat, picture):
    img = f'<img src="{picture}" width="20" height="20"/>'
    passwd = '<img src="/etc/passwd"/>'
    edition = edition_with(secretariat, heading=f"Billede {img}", narrative=passwd, foreword=f"Forord {img}")
    pdf = services.edition_pdf(edition)
    assert embedded_images(pdf) == 0
    # The long path may be broken over two lines: compare without white space.
    flat = re.sub(r"\s", "", text_of(pdf))
    for shown in (f"Billede {img}", f"Forord {img}", passwd):
        assert re.sub(r"\s", "", shown) in flat


def test_the_contents_print_a_chapter_heading_with_markup_literally(secretariat):
    edition = services.edition_for_year(2023)
    services.chapter_save(
        edition=edition,
        by=secretariat,
        chapter=None,
        heading="<i>kursiv</i> & <u>understreget</u>",
        body="## <b>Afsnit & mere\n\nTekst.",
    )
    contents = contents_page(services.edition_pdf(edition))
    assert "1. <i>kursiv</i> & <u>understreget</u>" in contents
    assert "<b>Afsnit & mere" in contents


@pytest.mark.parametrize("name", [FONT_NAME, AMPERSAND_NAME])
def test_a_department_name_with_markup_is_printed_literally(secretariat, name):
    # Department names are kept in the admin; there is no service for them.
    Department.objects.filter(code="SOF").update(name=name)
    ComplaintFactory(department=department("SOF"), received_on=dt.date(2023, 6, 1))
    edition = services.edition_for_year(2023)
    supervision_services.result_add(
        supervision=None,
        by=secretariat,
        department=department("SOF"),
        text="<b>Ny procedure",
        case_number="2023-0000099",
        report_year=2023,
    )
    pdf = services.edition_pdf(edition)
    # A department's section is a bookmark (the contents list chapters and appendices).
    assert name in [entry.title for entry in flat_outline(PdfReader(BytesIO(pdf)).outline)]
    body = "\n".join(pages_text(pdf)[2:])
    assert body.count(name) >= 2  # the department's section heading and its row in the table
    assert f"<b>Ny procedure ({name})" in body


def test_the_edition_title_is_printed_literally_on_the_cover_and_in_the_footer(secretariat):
    edition = services.edition_update(
        edition=services.edition_for_year(2023), by=secretariat, title="<b>Beretning", foreword="Et forord."
    )
    pdf = services.edition_pdf(edition)
    cover = pages_text(pdf)[0].splitlines()
    assert "<b>Beretning 2023" in cover  # the cover's title, a line of its own
    assert "<b>Beretning 2023 · Borgerrådgiveren" in pages_text(pdf)[2]  # the running head


def test_publishing_and_serving_an_edition_with_hostile_text(secretariat, client_for, picture):
    Department.objects.filter(code="SOF").update(name=AMPERSAND_NAME)
    edition_with(
        secretariat,
        heading=UNCLOSED,
        narrative=f'{LINK} <img src="{picture}"/>',
        foreword=f"{LINK} <font size=80>stor</font>",
    )
    client = client_for(secretariat)
    response = client.post(reverse("annual_report:publish", args=[2023]), {"bekraeft": "ja"})
    assert response.status_code == 302
    response = client.get(reverse("annual_report:pdf", args=[2023]))
    assert response.status_code == 200
    text = text_of(response.content)
    assert UNCLOSED in text and AMPERSAND_NAME in text and "<font size=80>stor</font>" in text
    assert uri_links(response.content) == [] and embedded_images(response.content) == 0
