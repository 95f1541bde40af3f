"""PDF: the copy is a new document built from the pages alone (pikepdf, on qpdf).

What a PDF carries about its maker lives in the catalog (XMP metadata, attached files, scripts,
the outline), in the trailer (``/Info``: author, programs, dates; ``/ID``), in earlier revisions
kept by incremental saving, and on the pages (XMP of a page or a picture, the authors of
comments, application data, thumbnails, JPEG pictures with their EXIF). A new document that
receives copies of the pages has no catalog, trailer or history of the old one; the pages'
objects are then walked and everything of the kinds above is taken off. Streams are copied as
they are, never unpacked: a compressed stream that inflates a thousandfold costs nothing.

What is lost with the rebuild: bookmarks, the form's field tree (filled-in values stay visible
on the page), the structure tags of a tagged PDF. The unit reads the copy; the original stays.
"""

import io

from .images import jpeg_segments
from .limits import LimitExceeded, Limits, Uncleanable

# Taken off every object of the copy.
DROPPED_KEYS = ("/Metadata", "/PieceInfo", "/LastModified", "/AA", "/JS", "/JavaScript",
                "/EmbeddedFiles", "/EF", "/AF", "/Thumb", "/SpiderInfo", "/OpenAction")  # fmt: skip
# Annotations that carry a file, a sound or a film: taken off the page.
FILE_ANNOTATIONS = {"/FileAttachment", "/Sound", "/Movie", "/Screen", "/RichMedia", "/3D"}
# What names or dates the author of a comment.
ANNOTATION_PERSONAL = ("/T", "/M", "/CreationDate", "/NM")
SAFE_LINK_SCHEMES = ("http://", "https://", "mailto:")
JPEG_KEPT = {0xE0, 0xEE}  # JFIF, Adobe's colour transform


def clean(data: bytes, limits: Limits) -> tuple[bytes, set[str]]:
    import pikepdf

    try:
        source = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        raise Uncleanable("encrypted") from None
    except (pikepdf.PdfError, ValueError, RuntimeError):
        raise Uncleanable("damaged") from None
    with source:
        if len(source.pages) > limits.max_pdf_pages:
            raise LimitExceeded("pages")
        found = _document_findings(source, data)
        copy = pikepdf.new()
        with copy:
            copy.pages.extend(source.pages)
            found |= _scrub(copy)
            if "/Info" in copy.trailer:
                del copy.trailer["/Info"]
            out = io.BytesIO()
            copy.save(
                out,
                stream_decode_level=pikepdf.StreamDecodeLevel.none,
                object_stream_mode=pikepdf.ObjectStreamMode.generate,
                deterministic_id=False,  # a new /ID: the old one matches the file on the sender's disk
            )
    return out.getvalue(), found


def _document_findings(source, data: bytes) -> set[str]:
    """What the document as a whole carries (the pages are looked at in ``_scrub``)."""
    found = set()
    info = source.trailer.get("/Info")
    keys = {str(k) for k, v in info.items() if str(v).strip()} if info is not None else set()
    if "/Author" in keys:
        found.add("author")
    if keys & {"/Creator", "/Producer"}:
        found.add("software")
    if keys - {"/Author", "/Creator", "/Producer"}:
        found.add("properties")
    root = source.Root
    if "/Metadata" in root:
        found.add("xmp")
    names = root.get("/Names")
    if names is not None and "/EmbeddedFiles" in names:
        found.add("embedded_files")
    if (names is not None and "/JavaScript" in names) or "/OpenAction" in root or "/AA" in root:
        found.add("scripts")
    if "/AcroForm" in root and "/XFA" in root.AcroForm:
        found.add("other")
    # Incremental saving appends each revision: more than one cross-reference section (a
    # linearized file has two by design) means earlier versions are still in the file.
    linearized = b"/Linearized" in data[:2048]
    if data.count(b"startxref") > (2 if linearized else 1):
        found.add("history")
    return found


def _scrub(pdf) -> set[str]:
    """Take everything personal off the copy's objects; return the kinds found."""
    import pikepdf

    found = set()
    for page in pdf.pages:
        annotations = page.obj.get("/Annots")
        if annotations is None:
            continue
        kept = pikepdf.Array()
        for annotation in annotations:
            subtype = (
                str(annotation.get("/Subtype", "")) if isinstance(annotation, pikepdf.Dictionary) else ""
            )
            if subtype in FILE_ANNOTATIONS:
                found.add("embedded_files")
                continue
            kept.append(annotation)
        page.obj["/Annots"] = kept
    for obj in list(pdf.objects):
        _visit(obj, found, pikepdf)
    return found


def _visit(obj, found: set[str], pikepdf) -> None:
    if isinstance(obj, pikepdf.Array):
        for item in obj:
            if isinstance(item, (pikepdf.Array, pikepdf.Dictionary)) and not item.is_indirect:
                _visit(item, found, pikepdf)
        return
    if not isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
        return
    for key in DROPPED_KEYS:
        if key in obj:
            found.add(_kind_of_key(key))
            del obj[key]
    subtype = str(obj.get("/Subtype", ""))
    if "/Rect" in obj and subtype and subtype not in ("/Widget", "/Link"):  # a comment or a mark
        for key in ANNOTATION_PERSONAL:
            if key in obj:
                if key == "/T" and str(obj[key]).strip():
                    found.add("comment_authors")
                del obj[key]
    action = obj.get("/A")
    if isinstance(action, pikepdf.Dictionary):
        kind = str(action.get("/S", ""))
        uri = str(action.get("/URI", "")) if kind == "/URI" else ""
        if kind in ("/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/GoToE", "/GoToR", "/Rendition"):
            found.add("scripts" if kind in ("/JavaScript", "/Rendition") else "paths")
            del obj["/A"]
        elif kind == "/URI" and not uri.lower().startswith(SAFE_LINK_SCHEMES):
            found.add("paths")  # file:///C:/Users/…: a link into the sender's own disk
            del obj["/A"]
    if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == pikepdf.Name.Image:
        _clean_jpeg_stream(obj, found, pikepdf)
    for key in list(obj.keys()):
        value = obj[key]
        if isinstance(value, (pikepdf.Array, pikepdf.Dictionary)) and not value.is_indirect:
            _visit(value, found, pikepdf)


def _kind_of_key(key: str) -> str:
    return {
        "/Metadata": "xmp",
        "/PieceInfo": "software",
        "/LastModified": "properties",
        "/Thumb": "thumbnail",
        "/EmbeddedFiles": "embedded_files",
        "/EF": "embedded_files",
        "/AF": "embedded_files",
        "/SpiderInfo": "paths",
    }.get(key, "scripts")


def _clean_jpeg_stream(stream, found: set[str], pikepdf) -> None:
    """A JPEG picture in a PDF keeps its file's segments (EXIF with GPS, XMP, comments): the
    stream keeps only what decoding needs."""
    filters = stream.get("/Filter")
    parms = stream.get("/DecodeParms")
    if filters == pikepdf.Name.DCTDecode:
        raw = stream.read_raw_bytes()
    elif isinstance(filters, pikepdf.Array) and len(filters) and list(filters)[-1] == pikepdf.Name.DCTDecode:
        # A JPEG wrapped in ASCII85 or Flate: qpdf unwraps the outer filters (the stream is told
        # it has only those for a moment), and it is written back as a plain JPEG.
        outer = list(filters)[:-1]
        stream.Filter = pikepdf.Array(outer)
        if isinstance(parms, pikepdf.Array) and len(parms) == len(filters):
            stream.DecodeParms = pikepdf.Array(list(parms)[:-1])
            parms = parms[len(parms) - 1]
        elif "/DecodeParms" in stream:
            del stream["/DecodeParms"]
            parms = None
        raw = stream.read_bytes()
    else:
        return
    try:
        segments = list(jpeg_segments(raw))
    except Uncleanable:
        return  # not a JPEG we can walk: left as it is (the viewer could not show it either)
    kept = bytearray()
    for marker, start, end in segments:
        if marker == "trailing" or marker == 0xFE or (0xE1 <= marker <= 0xEF and marker not in JPEG_KEPT):
            continue
        kept += raw[start:end]
    if len(kept) != len(raw):
        found.add("image_metadata")
        stream.write(bytes(kept), filter=pikepdf.Name.DCTDecode, decode_parms=parms)
