"""What leaves the whistleblower unit's desk as "cleaned" holds nothing of the sender (issue 22):
checked on files as Word, Excel, PowerPoint, a camera and a scanner write them, by scanning every
unpacked byte of the copy (tests.scan, not the cleaner's own parsers), through the real child
process and its limits. And files built to cost a server as much as possible are cut off by a
limit, in bounded memory, while the portal goes on answering."""

import io
import struct
import xml.etree.ElementTree as ET
import zipfile

import pytest
from PIL import Image
from pypdf import PdfReader

from tests import hostile_files as hostile
from tests.scan import leaks
from whistleblower.sanitize import Outcome
from whistleblower.sanitize.isolated import _outcome, clean_isolated
from whistleblower.sanitize.limits import Limits

OFFICE = "application/vnd.openxmlformats-officedocument."
DOCX = OFFICE + "wordprocessingml.document"
XLSX = OFFICE + "spreadsheetml.sheet"
PPTX = OFFICE + "presentationml.presentation"
MB = 1024 * 1024


def _cleaned(data: bytes, content_type: str) -> Outcome:
    # The planted name is really there before (else the test could not fail).
    assert leaks(data, [hostile.NAME]) == [hostile.NAME]
    outcome = clean_isolated(data, content_type)
    assert outcome.status == "cleaned", outcome.problem
    assert leaks(outcome.data, hostile.PLANTED) == []
    return outcome


def test_a_photo_loses_exif_gps_serial_xmp_iptc_c2pa_comment_profile_and_trailing_data():
    original = hostile.jpeg_everything()
    assert set(leaks(original, hostile.PLANTED)) == {
        hostile.NAME,
        hostile.USER,
        hostile.COMPUTER,
        hostile.SERIAL,
        hostile.DOCUMENT_ID,
        hostile.GPS_XMP,
        struct.pack(">II", *hostile.GPS_SECONDS).hex(),  # Pillow writes EXIF big-endian
    }
    outcome = _cleaned(original, "image/jpeg")
    assert {
        "gps",
        "serial",
        "camera",
        "author",
        "computer",
        "xmp",
        "iptc",
        "c2pa",
        "comment",
        "trailing",
        "icc",
    } <= set(outcome.removed)
    copy = Image.open(io.BytesIO(outcome.data))
    assert copy.format == "JPEG" and copy.size == (64, 48)
    assert copy.getpixel((10, 10))[0] > 150  # still the red picture


def test_a_png_loses_its_text_chunks_exif_time_c2pa_and_what_follows_iend():
    outcome = _cleaned(hostile.png_everything(), "image/png")
    assert {"gps", "serial", "author", "properties", "xmp", "taken", "c2pa", "trailing"} <= set(
        outcome.removed
    )
    copy = Image.open(io.BytesIO(outcome.data))
    assert copy.mode == "RGBA" and copy.getpixel((5, 5)) == (0, 90, 200, 255)


def test_a_scanned_tiff_keeps_every_page_in_order_and_loses_its_tags():
    outcome = _cleaned(hostile.tiff_pages(), "image/tiff")
    assert {"author", "computer", "properties", "xmp"} <= set(outcome.removed)
    copy = Image.open(io.BytesIO(outcome.data))
    colours = []
    for page in range(copy.n_frames):
        copy.seek(page)
        colours.append(copy.convert("RGB").getpixel((1, 1)))
    assert colours == list(hostile.TIFF_PAGE_COLOURS)


def test_a_word_made_pdf_loses_info_xmp_note_authors_attachments_scripts_history_and_photo_exif():
    original = hostile.pdf_word_made()
    assert hostile.OLD_NAME in leaks(original, [hostile.OLD_NAME])  # the earlier revision's author
    outcome = _cleaned(original, "application/pdf")
    assert {
        "author",
        "software",
        "xmp",
        "comment_authors",
        "embedded_files",
        "scripts",
        "history",
        "paths",
        "image_metadata",
    } <= set(outcome.removed)
    reader = PdfReader(io.BytesIO(outcome.data))
    assert [page.extract_text().strip() for page in reader.pages] == list(hostile.PDF_PAGE_TEXTS)
    photo = reader.pages[0].images[0].image  # the picture is still there and still decodes
    assert photo.size == (120, 90)
    assert not reader.attachments and "/Info" not in reader.trailer
    note = next(a.get_object() for a in reader.pages[0]["/Annots"] if a.get_object()["/Subtype"] == "/Text")
    assert note["/Contents"] == "Se her: det var ikke mig" and "/T" not in note  # the text stays


def _package_is_whole(data: bytes) -> dict[str, bytes]:
    """Every XML part parses (with the standard library) and every internal relationship and
    content-type override points at a part that is there."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    for name, content in parts.items():
        if name.endswith((".xml", ".rels")):
            ET.fromstring(content)
    types = ET.fromstring(parts["[Content_Types].xml"])
    for override in types:
        if override.tag.endswith("Override"):
            assert override.get("PartName").lstrip("/") in parts, override.get("PartName")
    for name, content in parts.items():
        if not name.endswith(".rels"):
            continue
        base = name.replace("_rels/", "").removesuffix(".rels").rsplit("/", 1)[0] if "/" in name[6:] else ""
        for relationship in ET.fromstring(content):
            if relationship.get("TargetMode") == "External":
                continue
            target = relationship.get("Target")
            path = target.lstrip("/") if target.startswith("/") else "/".join(filter(None, [base, target]))
            parts_path = []
            for piece in path.split("/"):
                if piece == "..":
                    parts_path.pop()
                elif piece not in ("", "."):
                    parts_path.append(piece)
            assert "/".join(parts_path) in parts, (name, target)
    return parts


def test_a_word_document_loses_properties_custom_xml_paths_ids_people_printer_and_photo_exif():
    outcome = _cleaned(hostile.docx_everything(), DOCX)
    assert {
        "author",
        "properties",
        "custom_xml",
        "comment_authors",
        "revisions",
        "paths",
        "printer",
        "thumbnail",
        "gps",
        "serial",
    } <= set(outcome.removed)
    parts = _package_is_whole(outcome.data)
    body = parts["word/document.xml"].decode()
    assert all(text in body for text in hostile.DOCX_TEXTS)  # the text and the tracked change stay
    assert not any(name.startswith(("customXml/", "docProps/custom", "docProps/thumbnail")) for name in parts)
    embedded = parts["word/embeddings/Microsoft_Excel_Worksheet.xlsx"]
    assert leaks(embedded, [hostile.NAME]) == []  # the workbook inside was cleaned too
    with zipfile.ZipFile(io.BytesIO(outcome.data)) as archive:
        assert archive.comment == b""
        assert {member.date_time for member in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_a_workbook_loses_its_folder_users_revisions_links_connection_and_comment_authors():
    outcome = _cleaned(hostile.xlsx_everything(), XLSX)
    assert {"author", "comment_authors", "paths", "revisions", "printer", "custom_xml"} <= set(
        outcome.removed
    )
    parts = _package_is_whole(outcome.data)
    strings = parts["xl/sharedStrings.xml"].decode()
    assert all(text in strings for text in hostile.XLSX_TEXTS)
    assert (
        b"pageSetup" in parts["xl/worksheets/sheet1.xml"] and b"r:id" not in parts["xl/worksheets/sheet1.xml"]
    )
    assert b"Budget.xlsx" in parts["xl/externalLinks/_rels/externalLink1.xml.rels"]  # the link keeps its file


def test_a_presentation_loses_comment_authors_revision_info_creation_ids_and_its_pictures_chunks():
    outcome = _cleaned(hostile.pptx_everything(), PPTX)
    assert {"author", "comment_authors", "revisions", "custom_xml", "gps"} <= set(outcome.removed)
    parts = _package_is_whole(outcome.data)
    slide = parts["ppt/slides/slide1.xml"].decode()
    assert hostile.PPTX_TEXTS[0] in slide and "creationId" not in slide
    assert hostile.PPTX_TEXTS[1] not in slide  # an XML comment is not content anybody sees
    assert "ppt/revisionInfo.xml" not in parts


def test_a_file_with_nothing_hidden_is_still_rebuilt_and_says_nothing_was_found():
    from tests.files import plain_png

    original = plain_png()
    outcome = clean_isolated(original, "image/png")
    assert outcome.status == "nothing_found" and outcome.removed == []
    assert outcome.data is not None and Image.open(io.BytesIO(outcome.data)).size == (10, 10)


def test_an_embedded_object_that_cannot_be_cleaned_fails_the_file_plainly():
    with zipfile.ZipFile(io.BytesIO(hostile.docx_everything())) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["word/embeddings/oleObject1.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + hostile.NAME.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, content in parts.items():
            target.writestr(name, content)
    outcome = clean_isolated(out.getvalue(), DOCX)
    assert (outcome.status, outcome.problem, outcome.data) == ("failed", "embedded", None)


# --- files built to cost ---------------------------------------------------------------


def test_megabytes_of_white_space_in_a_word_document_are_cleaned_well_within_the_cpu_limit():
    """Once a backtracking regex took 15 s for 120 KB of white space; 5 MB would have taken
    hours. Parsed, it is linear: the copy is made, and the CPU time the child used is far
    inside its limit (a regression would be stopped by it and answer "time")."""
    original = hostile.docx_white_space(megabytes=5)
    assert len(original) < 100 * 1024
    outcome = clean_isolated(original, DOCX)
    assert outcome.status == "cleaned" and "author" in outcome.removed
    assert outcome.cpu_seconds < Limits().cpu_seconds


def test_a_zip_bomb_is_refused_by_the_unpacking_limit_without_being_inflated():
    bomb = hostile.docx_zip_bomb(megabytes=150)
    assert len(bomb) < 400 * 1024
    outcome = clean_isolated(bomb, DOCX)
    assert (outcome.status, outcome.problem, outcome.data) == ("limit", "size", None)
    assert 0 < outcome.max_rss_bytes < 150 * MB  # refused before the 150 MB were ever in memory


@pytest.mark.parametrize(
    "width,height",
    [(20_000, 20_000), (9_434, 9_434)],  # 400 megapixels; and just under Pillow's own 89.5 MP
    ids=["far-over", "under-pillows-limit"],
)
def test_a_pixel_bomb_is_refused_by_the_pixel_limit_before_it_is_drawn(width, height):
    bomb = hostile.pixel_bomb(width, height)
    assert len(bomb) < 200 * 1024
    outcome = clean_isolated(bomb, "image/png")
    assert (outcome.status, outcome.problem) == ("limit", "pixels")
    assert 0 < outcome.max_rss_bytes < 200 * MB  # one frame of 89 MP alone would be 267 MB


def test_a_picture_that_needs_more_memory_than_allowed_is_stopped_by_the_memory_limit():
    big = io.BytesIO()
    Image.new("RGB", (6000, 4000), (30, 60, 90)).save(big, format="JPEG", quality=50)
    tight = Limits(memory_bytes=200 * MB)
    outcome = clean_isolated(big.getvalue(), "image/jpeg", tight)
    assert (outcome.status, outcome.problem) == ("limit", "memory")
    assert clean_isolated(big.getvalue(), "image/jpeg").status == "nothing_found"  # within the default


def test_a_copy_larger_than_allowed_is_not_passed_on():
    outcome = clean_isolated(hostile.jpeg_everything(), "image/jpeg", Limits(output_bytes=100))
    assert (outcome.status, outcome.problem, outcome.data) == ("limit", "output", None)


@pytest.mark.parametrize(
    "returncode,cpu,problem",
    [(-24, 20.0, "time"), (-9, 21.0, "time"), (-9, 2.0, "memory"), (-25, 1.0, "output"), (-6, 1.0, "memory")],
)
def test_a_child_stopped_by_the_kernel_is_reported_by_the_limit_that_stopped_it(returncode, cpu, problem):
    outcome = _outcome(b"", "", returncode, cpu, Limits())
    assert (outcome.status, outcome.problem) == ("limit", problem)
