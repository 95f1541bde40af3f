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


# --- accessibility: tagged PDF/UA -----------------------------------------------------------


def pdf_ua_problems(pdf: bytes, tmp_path) -> list[str]:
    """What keeps ``pdf`` from being an accessible tagged PDF (PDF/UA-1), as read by two
    independent checks: the ``pdfua`` package's machine-checkable rules (errors only), and a
    reading of the structure tree here with pikepdf — the document language, "marked", the
    title shown by the viewer, every figure with its alternative text, every table with header
    cells whose scope (a column's or a row's) is stated, headings without a skipped level, every
    font embedded. Empty when all hold."""
    import pikepdf
    from pdfua import Severity, validate

    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    problems = [
        f"pdfua {f.rule_id}: {f.message}"
        for f in validate(str(path)).findings
        if f.severity == Severity.ERROR
    ]
    with pikepdf.open(BytesIO(pdf)) as document:
        root = document.Root
        if not str(root.get("/Lang", "")).strip():
            problems.append("no /Lang")
        if not root.get("/MarkInfo", {}).get("/Marked", False):
            problems.append("not /Marked")
        if not root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False):
            problems.append("the title is not shown (DisplayDocTitle)")
        with document.open_metadata() as meta:
            if not (meta.get("dc:title") or "").strip():
                problems.append("no title in the metadata")
            if meta.get("pdfuaid:part") != "1":
                problems.append("not identified as PDF/UA-1")
        tree = root.get("/StructTreeRoot")
        if tree is None:
            return [*problems, "no structure tree"]
        headings, elements = [], []

        def walk(element):
            kids = element.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    elements.append(kid)
                    walk(kid)

        walk(tree)
        for element in elements:
            kind = str(element.S)[1:]
            if kind == "Figure" and not str(element.get("/Alt", "")).strip():
                problems.append("a Figure without /Alt")
            if kind == "Table" and not any(str(e.S) == "/TH" for e in _descendants(element)):
                problems.append("a Table without TH")
            if kind == "TH" and "/Scope" not in (element.get("/A") or {}):
                problems.append("a TH without /Scope")
            if kind in ("H1", "H2", "H3", "H4", "H5", "H6"):
                headings.append(int(kind[1]))
        for before, after in zip([0, *headings], headings, strict=False):
            if after > before + 1:
                problems.append(f"heading H{after} follows H{before}")
                break
        for page in document.pages:
            for font in _fonts(page, pikepdf):
                descriptor = font.get("/FontDescriptor")
                if descriptor is None or not any(
                    k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
                ):
                    problems.append(f"font {font.get('/BaseFont')} is not embedded")
    return sorted(set(problems))


def _descendants(element):
    import pikepdf

    kids = element.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from _descendants(kid)


def _fonts(page, pikepdf):
    fonts = page.get("/Resources", {}).get("/Font", {})
    for name in fonts:
        font = fonts[name]
        if font.get("/Subtype") == pikepdf.Name.Type0:
            yield from font.get("/DescendantFonts", [])
        else:
            yield font


def structure_headings(pdf: bytes) -> list[str]:
    """The document's headings (H1–H6) in reading order, as the structure tree has them."""
    import pikepdf

    found = []
    with pikepdf.open(BytesIO(pdf)) as document:
        tree = document.Root.get("/StructTreeRoot")
        for element in _descendants(tree) if tree is not None else []:
            if str(element.S) in ("/H1", "/H2", "/H3", "/H4", "/H5", "/H6"):
                found.append(str(element.S)[1:])
    return found


def embedded_fonts(pdf: bytes) -> set[str]:
    """The fonts' names, without their subset prefix ("ABCDEF+Dokument" → "Dokument")."""
    import pikepdf

    with pikepdf.open(BytesIO(pdf)) as document:
        return {
            str(font.get("/BaseFont", "")).lstrip("/").split("+")[-1]
            for page in document.pages
            for font in _fonts(page, pikepdf)
        }
