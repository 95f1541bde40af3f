"""Hidden information in files is found, named and removed; the original is kept (issue 17)."""

import io
import zipfile

import pytest
from PIL import Image
from pypdf import PdfReader

from tests.files import docx_with_author, jpeg_with_gps, pdf_with_author, plain_png
from whistleblower.cleaning import labels
from whistleblower.sanitize import clean

pytestmark = pytest.mark.django_db


def test_a_photos_gps_position_camera_and_serial_number_are_removed():
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the test file has them
    result = clean(original, "image/jpeg")
    assert result.status == "cleaned"
    assert result.removed == ["camera", "gps", "serial", "taken"]
    assert labels(result.removed) == [
        "kameramærke og -model",
        "GPS-position",
        "kameraets serienummer",
        "dato og tidspunkt for optagelsen",
    ]
    cleaned = Image.open(io.BytesIO(result.data))
    assert dict(cleaned.getexif()) == {} and "exif" not in cleaned.info
    assert cleaned.size == (64, 48) and cleaned.format == "JPEG"


def test_a_pdfs_author_title_and_producer_are_removed():
    result = clean(pdf_with_author(), "application/pdf")
    assert result.status == "cleaned"
    assert result.removed == ["author", "properties", "software"]
    reader = PdfReader(io.BytesIO(result.data))
    assert not reader.metadata or "/Author" not in reader.metadata
    assert "Timesedler for marts" in reader.pages[0].extract_text()  # the content stays


def test_a_word_documents_author_commenter_and_revision_ids_are_removed():
    result = clean(
        docx_with_author(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert result.status == "cleaned"
    assert result.removed == ["author", "comment_authors", "properties", "revisions"]
    with zipfile.ZipFile(io.BytesIO(result.data)) as archive:
        everything = b"".join(archive.read(name) for name in archive.namelist())
        assert b"Timesedler" in archive.read("word/document.xml")  # the text stays
    for trace in (b"Anna Anonym", b"AA", b"rsidR", b"Kommune"):
        assert trace not in everything, trace


def test_a_file_with_nothing_hidden_is_left_as_it_is():
    assert clean(plain_png(), "image/png").status == "nothing_found"
    assert clean(b"Bare tekst.", "text/plain").status == "nothing_found"


def test_what_cannot_be_cleaned_says_so():
    assert clean(b"From: anna@example.invalid\r\n\r\nHej", "message/rfc822").status == "not_cleanable"
    assert clean(b"%PDF-1.4 not really a pdf", "application/pdf").status == "failed"
