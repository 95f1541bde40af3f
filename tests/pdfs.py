"""Reading the PDFs the system makes (reports, letters), for the tests: their text, and any
link out of the document. And the hostile texts the markup tests put into the database."""

import re
from io import BytesIO

from pypdf import PdfReader

UNCLOSED = "<b>unclosed"
LINK = '<a href="https://evil.example/">klik</a>'
IMAGE = '<img src="/etc/passwd"/>'
FONT_NAME = "<font color=red>SOF</font>"
AMPERSAND_NAME = "Sundhed & Omsorg <i>"


def pages_text(pdf: bytes) -> list[str]:
    return [re.sub(r"[ \t]+", " ", page.extract_text()) for page in PdfReader(BytesIO(pdf)).pages]


def pdf_text(pdf: bytes) -> str:
    return "\n".join(pages_text(pdf))


def uri_links(pdf: bytes) -> list[str]:
    """Every link to an address outside the document (a contents' own links stay inside)."""
    found = []
    for page in PdfReader(BytesIO(pdf)).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            if "/URI" in action:
                found.append(str(action["/URI"]))
    return found
