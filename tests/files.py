"""Files with hidden information, made in the tests with the same libraries a camera's or an
office program's output is read with: a JPEG with EXIF (GPS position, camera, serial number),
a PDF with an author, and a Word document with an author, a commenter and revision ids."""

import io
import zipfile

GPS_LATITUDE = (55.0, 40.0, 30.61)  # 55° 40' 30.61" — Copenhagen City Hall


def jpeg_with_gps() -> bytes:
    from PIL import Image

    image = Image.new("RGB", (64, 48), (200, 40, 40))
    exif = Image.Exif()
    exif[0x010F] = "Kamerafirma"  # make
    exif[0x0110] = "Model X100"  # model
    exif[0x0132] = "2026:03:14 10:11:12"  # date and time
    exif.get_ifd(0x8769)[0xA431] = "SN-123456789"  # body serial number
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", GPS_LATITUDE, "E", (12.0, 34.0, 56.78)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def plain_png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (10, 10), (0, 0, 255)).save(out, format="PNG")
    return out.getvalue()


def pdf_with_author(text: str = "Timesedler for marts") -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    pdf.setAuthor("Anna Anonym")
    pdf.setTitle("Mine noter")
    pdf.drawString(72, 720, text)
    pdf.save()
    return out.getvalue()


DOCX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
    ),
    "word/document.xml": (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        '<w:p w:rsidR="00A1B2C3"><w:ins w:id="1" w:author="Anna Anonym">'
        "<w:r><w:t>Timesedler</w:t></w:r></w:ins>"
        "</w:p></w:body></w:document>"
    ),
    "word/comments.xml": (
        '<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:comment w:id="0" w:author="Anna Anonym" w:initials="AA"><w:p><w:r><w:t>Se her</w:t></w:r></w:p>'
        "</w:comment></w:comments>"
    ),
    "docProps/core.xml": (
        "<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Anna Anonym</dc:creator>'
        "<cp:lastModifiedBy>Anna Anonym</cp:lastModifiedBy><dc:title>Noter</dc:title></cp:coreProperties>"
    ),
    "docProps/app.xml": "<Properties><Company>Københavns Kommune, Værkstedet</Company></Properties>",
}


def docx_with_author() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in DOCX_PARTS.items():
            archive.writestr(name, text)
    return out.getvalue()
