"""A PDF as a word processor writes it, with an older revision, metadata, attachments and a script."""

import io
import tempfile

from .pictures import jpeg_everything
from .planted import COMPANY, COMPUTER, NAME, OLD_NAME, PATH, USER, XMP

# --- PDF ---------------------------------------------------------------------------------

PDF_PAGE_TEXTS = ("Side 1: timesedlerne", "Side 2: rettelserne", "Side 3: hvem der rettede")


def pdf_word_made() -> bytes:
    """As Word and Acrobat leave a PDF: three pages (a photo with its EXIF on the first), the
    author and programs in ``/Info`` and in XMP, XMP on a page too, a sticky note with its
    author's name, an attached file, a script, a link into the author's own folder — and an
    incremental update that changed the author, so the older name is still in the file."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.annotations import Link, Text
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, TextStringObject
    from reportlab.pdfgen import canvas

    base = io.BytesIO()
    photo = tempfile.NamedTemporaryFile(suffix=".jpg")  # noqa: SIM115 - closed below
    photo.write(jpeg_everything((120, 90)))
    photo.flush()
    pdf = canvas.Canvas(base)
    pdf.setAuthor(OLD_NAME)
    pdf.setCreator(f"Microsoft® Word for Microsoft 365 ({COMPUTER})")
    pdf.setTitle(f"Noter fra {COMPANY}")
    for number, text in enumerate(PDF_PAGE_TEXTS):
        pdf.drawString(72, 720, text)
        if number == 0:
            pdf.drawImage(photo.name, 72, 500, 120, 90)  # the JPEG as it is, EXIF and all
        pdf.showPage()
    pdf.save()
    photo.close()

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(base.getvalue())))

    def xmp_stream():
        stream = DecodedStreamObject()
        stream.set_data(XMP.encode("utf-8"))
        stream[NameObject("/Type")] = NameObject("/Metadata")
        stream[NameObject("/Subtype")] = NameObject("/XML")
        return writer._add_object(stream)

    writer._root_object[NameObject("/Metadata")] = xmp_stream()
    writer.pages[1][NameObject("/Metadata")] = xmp_stream()
    note = Text(rect=(300, 700, 320, 720), text="Se her: det var ikke mig")
    note[NameObject("/T")] = TextStringObject(NAME)
    writer.add_annotation(page_number=0, annotation=note)
    writer.add_annotation(
        page_number=2,
        annotation=Link(rect=(72, 700, 300, 715), url=f"file:///{PATH.replace(chr(92), '/')}/kilde.pdf"),
    )
    writer.add_attachment("kilde.txt", f"Skrevet af {NAME} på {COMPUTER}".encode())
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject(f"app.alert('{USER}');"),
        }
    )
    first = io.BytesIO()
    writer.write(first)

    update = PdfWriter(io.BytesIO(first.getvalue()), incremental=True)
    update.add_metadata({"/Author": NAME, "/Producer": f"Acrobat on {COMPUTER}"})
    out = io.BytesIO()
    update.write(out)
    return out.getvalue()
