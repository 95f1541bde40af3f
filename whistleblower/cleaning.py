"""Hidden information in uploaded files: found, named and removed (a cleaned copy).

A reporter who chose anonymity can be identified by what a file carries without their knowing:
a photo's GPS position and camera serial number, a document's author, company and editing
history. For every upload the original is kept as sent (encrypted); for the kinds below a
cleaned copy is made, on the server, without network:

- images (JPEG, PNG, TIFF), with Pillow: the picture is redrawn from its pixels alone (turned
  the way the camera meant it first), so no EXIF, XMP, IPTC, comment or text chunk survives;
- PDF, with pypdf: the document information (author, creator, producer, title, dates) and the
  XMP metadata stream are removed;
- Office files (DOCX, XLSX, PPTX): the document properties (core, app, custom) are emptied, the
  authors of comments and tracked changes blanked, and Word's revision ids removed.

``clean`` returns the status, the cleaned bytes and codes for what was removed (names of kinds,
never the values: "GPS position", not the position). Anything else (plain text, e-mails) is
"not cleanable"; a file that fails to parse is "failed" — the unit then sees a warning.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .models import CleanStatus

REMOVED_LABELS = {
    "gps": _("GPS position"),
    "camera": _("camera make and model"),
    "serial": _("camera serial number"),
    "taken": _("date and time taken"),
    "software": _("software used"),
    "author": _("author"),
    "xmp": _("XMP metadata"),
    "iptc": _("IPTC data"),
    "comment": _("embedded comment"),
    "exif_other": _("other EXIF data"),
    "properties": _("document properties (title, company, dates)"),
    "comment_authors": _("authors of comments and tracked changes"),
    "revisions": _("revision ids"),
}

IMAGE_TYPES = {"image/jpeg": "JPEG", "image/png": "PNG", "image/tiff": "TIFF"}
PDF_TYPES = {"application/pdf"}
OFFICE_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
PLAIN_TYPES = {"text/plain"}  # no place for hidden information


@dataclass
class Result:
    status: str
    data: bytes | None = None  # the cleaned copy, when one was made
    removed: list[str] = field(default_factory=list)


def clean(content: bytes, content_type: str) -> Result:
    if content_type in PLAIN_TYPES:
        return Result(CleanStatus.NOTHING_FOUND)
    cleaner = (
        _clean_image
        if content_type in IMAGE_TYPES
        else _clean_pdf
        if content_type in PDF_TYPES
        else _clean_office
        if content_type in OFFICE_TYPES
        else None
    )
    if cleaner is None:
        return Result(CleanStatus.NOT_CLEANABLE)
    try:
        data, removed = cleaner(content, content_type)
    except Exception:  # a damaged or unusual file: the unit is warned
        return Result(CleanStatus.FAILED)
    if not removed:
        return Result(CleanStatus.NOTHING_FOUND)
    return Result(CleanStatus.CLEANED, data, sorted(set(removed)))


def labels(codes) -> list[str]:
    return [str(REMOVED_LABELS.get(code, code)) for code in codes]


# --- images -----------------------------------------------------------------------------

GPS_IFD, EXIF_IFD = 0x8825, 0x8769
CAMERA_TAGS = {0x010F, 0x0110, 0xA433, 0xA434}  # make, model, lens make, lens model
SERIAL_TAGS = {0xA431, 0xA435}  # body serial number, lens serial number
TAKEN_TAGS = {0x0132, 0x9003, 0x9004}
SOFTWARE_TAGS = {0x0131}
AUTHOR_TAGS = {0x013B, 0x8298, 0x9C9D}  # artist, copyright, XP author


def _clean_image(content: bytes, content_type: str) -> tuple[bytes, list[str]]:
    from PIL import Image, ImageOps

    image = Image.open(io.BytesIO(content))
    image.load()
    removed = _image_findings(image)
    if not removed:
        return content, []
    upright = ImageOps.exif_transpose(image)
    clean = Image.frombytes(upright.mode, upright.size, upright.tobytes())
    if upright.mode == "P" and upright.getpalette():
        clean.putpalette(upright.getpalette())
    out = io.BytesIO()
    fmt = IMAGE_TYPES[content_type]
    options = {"quality": 95} if fmt == "JPEG" else {}
    clean.save(out, format=fmt, **options)
    return out.getvalue(), removed


def _image_findings(image) -> list[str]:
    found = []
    exif = image.getexif()
    tags = set(exif)
    sub = exif.get_ifd(EXIF_IFD) if EXIF_IFD in tags else {}
    tags |= set(sub)
    if GPS_IFD in exif and exif.get_ifd(GPS_IFD):
        found.append("gps")
    for code, wanted in (
        ("camera", CAMERA_TAGS),
        ("serial", SERIAL_TAGS),
        ("taken", TAKEN_TAGS),
        ("software", SOFTWARE_TAGS),
        ("author", AUTHOR_TAGS),
    ):
        if tags & wanted:
            found.append(code)
    known = CAMERA_TAGS | SERIAL_TAGS | TAKEN_TAGS | SOFTWARE_TAGS | AUTHOR_TAGS | {GPS_IFD, EXIF_IFD}
    if tags - known:
        found.append("exif_other")
    info = image.info
    if info.get("xmp") or info.get("XML:com.adobe.xmp"):
        found.append("xmp")
    if info.get("photoshop") or any(marker == "APP13" for marker, _data in getattr(image, "applist", [])):
        found.append("iptc")
    if info.get("comment"):
        found.append("comment")
    if getattr(image, "text", None):  # PNG text chunks (author, software, …)
        found.append("properties")
    return found


# --- PDF ---------------------------------------------------------------------------------


def _clean_pdf(content: bytes, content_type: str) -> tuple[bytes, list[str]]:
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(io.BytesIO(content))
    if reader.is_encrypted:
        raise ValueError("an encrypted PDF cannot be cleaned")
    info = {str(k): v for k, v in (reader.metadata or {}).items() if v}
    removed = []
    if "/Author" in info:
        removed.append("author")
    if {"/Creator", "/Producer"} & set(info):
        removed.append("software")
    if set(info) - {"/Author", "/Creator", "/Producer"}:
        removed.append("properties")
    if "/Metadata" in reader.trailer["/Root"]:
        removed.append("xmp")
    if not removed:
        return content, []
    writer = PdfWriter(clone_from=reader)
    writer.metadata = None
    if "/Metadata" in writer._root_object:
        del writer._root_object["/Metadata"]
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), removed


# --- Office (OOXML) ----------------------------------------------------------------------

EMPTY_CORE = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>'
)
EMPTY_CUSTOM = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
    b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"/>'
)
CORE_VALUES = re.compile(rb"<(dc:\w+|cp:\w+|dcterms:\w+)[^>]*>[^<]+</\1>")
CORE_AUTHOR = re.compile(rb"<(dc:creator|cp:lastModifiedBy)[^>]*>[^<]+<")
APP_PERSONAL = re.compile(rb"<(Company|Manager|Template|HyperlinkBase)>([^<]*)</\1>")
XLSX_AUTHOR = re.compile(rb"<author>([^<]*)</author>")
RSID_ATTRS = re.compile(rb'\s+w:rsid\w*="[0-9A-Fa-f]+"')
RSIDS_BLOCK = re.compile(rb"<w:rsids>.*?</w:rsids>", re.S)
# Parts that name people, and the attributes that do it there: comments and tracked changes
# in Word, comment authors in PowerPoint, persons in Excel's threaded comments.
PEOPLE = [
    (re.compile(r"^word/[^/]+\.xml$"), re.compile(rb'\b(w:author|w:initials)="([^"]*)"')),
    (re.compile(r"^word/people\.xml$"), re.compile(rb'\b(w15:author|w15:userId|w15:providerId)="([^"]*)"')),
    (re.compile(r"^ppt/commentAuthors\.xml$"), re.compile(rb'\b(name|initials)="([^"]*)"')),
    (re.compile(r"^xl/persons/[^/]+\.xml$"), re.compile(rb'\b(displayName|userId|providerId)="([^"]*)"')),
]


def _clean_office(content: bytes, content_type: str) -> tuple[bytes, list[str]]:
    removed: set[str] = set()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            name, data = item.filename, source.read(item.filename)
            if name == "docProps/core.xml" and CORE_VALUES.search(data):
                if CORE_AUTHOR.search(data):
                    removed.add("author")
                if _other_core_values(data):
                    removed.add("properties")
                data = EMPTY_CORE
            elif name == "docProps/app.xml" and any(v.strip() for _t, v in APP_PERSONAL.findall(data)):
                removed.add("properties")
                data = APP_PERSONAL.sub(rb"<\1></\1>", data)
            elif name == "docProps/custom.xml" and b"<property" in data:
                removed.add("properties")
                data = EMPTY_CUSTOM
            if re.match(r"^xl/comments\d*\.xml$", name) and any(a.strip() for a in XLSX_AUTHOR.findall(data)):
                removed.add("comment_authors")
                data = XLSX_AUTHOR.sub(b"<author></author>", data)
            for part, attributes in PEOPLE:
                if part.match(name) and any(value for _a, value in attributes.findall(data)):
                    removed.add("comment_authors")
                    data = attributes.sub(rb'\1=""', data)
            if name.startswith("word/") and (RSID_ATTRS.search(data) or RSIDS_BLOCK.search(data)):
                removed.add("revisions")
                data = RSIDS_BLOCK.sub(b"", RSID_ATTRS.sub(b"", data))
            target.writestr(item, data)
    return out.getvalue(), sorted(removed)


def _other_core_values(core: bytes) -> bool:
    """Values in the core properties besides the author's name (title, dates, keywords …)."""
    return any(not tag.startswith((b"dc:creator", b"cp:lastModifiedBy")) for tag in CORE_VALUES.findall(core))
