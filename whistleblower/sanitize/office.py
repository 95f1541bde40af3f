"""Office files (DOCX, XLSX, PPTX — Open Packaging): rebuilt part by part.

A package is a zip of XML parts tied together by relationship parts (``*.rels``) and listed in
``[Content_Types].xml``. Every part is read with a bounded budget, every XML part parsed (never
searched with regular expressions: a pattern misses a CDATA section or another prefix, and a
backtracking one can be made to run for hours) and written anew, and:

- the document properties go: core (author, last editor, title, dates …) emptied, extended
  (company, manager, template, editing time, program) emptied, custom dropped;
- parts that only carry data about people or machines are dropped with their relationships and
  content types: ``customXml`` (SharePoint's fields name people), printer settings, the
  thumbnail, macros, add-ins, PowerPoint's revision info;
- in every XML part: the names, initials and ids of the people behind comments, tracked changes,
  threaded comments and shared-workbook revisions are blanked, the dates of tracked changes
  removed, Word's revision-session and document ids and PowerPoint's creation ids removed,
  Excel's saved folder path (``absPath``) removed, comments and processing instructions dropped;
- links to local files (``file:///C:/Users/<name>/…``, ``\\\\server\\…``) keep only the file's
  name, and an attached template is unlinked;
- pictures in the package are cleaned as pictures, embedded Office documents and PDFs as
  themselves (nested ``Limits.max_depth`` deep); anything else embedded (an OLE object, a film)
  cannot be cleaned, and the file is reported as such;
- the zip itself is written anew: no comment, no extra fields, one fixed date on every member.

The text of the document, of its comments and of tracked changes stays: that is the content the
reporter chose to send.
"""

import io
import posixpath
import re
import zipfile

from .limits import Budget, LimitExceeded, Limits, Uncleanable

PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
CORE_TYPE = "application/vnd.openxmlformats-package.core-properties+xml"
APP_TYPE = "application/vnd.openxmlformats-officedocument.extended-properties+xml"

EMPTY_CORE = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>'
)
EMPTY_APP = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"/>'
)

# Parts dropped whole, and what finding each is.
DROPPED_PARTS = (
    (re.compile(r"^customXml/"), "custom_xml"),
    (re.compile(r"(^|/)printerSettings/"), "printer"),
    (re.compile(r"^docProps/thumbnail\.[A-Za-z]+$"), "thumbnail"),
    (re.compile(r"(^|/)vbaProject\.bin$|(^|/)vbaData\.xml$"), "macros"),
    (re.compile(r"(^|/)webextensions/"), "other"),
    (re.compile(r"^ppt/revisionInfo\.xml$"), "revisions"),
    (re.compile(r"^\[trash\]/"), "other"),
    (re.compile(r"^_xmlsignatures/"), "signature"),
)
CORE_REL = "/metadata/core-properties"
APP_REL = "/extended-properties"
CUSTOM_REL = "/custom-properties"
# Attributes that hold a person's name or account, on whatever element and with whatever prefix.
PERSON_ATTRIBUTES = {"author", "initials", "userId", "providerId", "userName"}
# Elements whose ``name`` (or ``displayName``) is a person's: PowerPoint's comment authors
# (classic and modern), the users of a shared workbook, Excel's threaded-comment persons.
PERSON_ELEMENTS = {"cmAuthor", "author", "userInfo", "person"}
# Attributes that hold a path or a connection string (with its user id) of a data source.
PATH_ATTRIBUTES = {"connection", "sourceFile", "odcFile"}
# Elements removed wherever they are: Word's revision-session ids, Word's and PowerPoint's
# document and creation ids (the same in every copy of a file), Excel's saved folder path.
ID_ELEMENTS = {"rsids", "rsid", "rsidRoot", "docId", "creationId", "revisionPtr"}
# Excel's saved folder, Word's template and mail-merge source (paths on the sender's disk), and
# Word's document variables (set by templates and macros, often with the user's name).
PATH_ELEMENTS = {"absPath", "attachedTemplate", "mailMerge"}
PROPERTY_ELEMENTS = {"docVars"}
DEFAULT_TEMPLATE = re.compile(r"(Normal|Blank)(\.(dotm|dotx|potx|xltx))?", re.IGNORECASE)
SPREADSHEET_REVISION_NS = "http://schemas.microsoft.com/office/spreadsheetml/"
LOCAL_PATH = re.compile(r"^(file:|[A-Za-z]:[\\/]|\\\\|/)", re.IGNORECASE)
IMAGE_MAGIC = (b"\xff\xd8", b"\x89PNG\r\n\x1a\n", b"II*\x00", b"MM\x00*", b"GIF87a", b"GIF89a", b"BM")
METAFILE_MAGIC = (b"\x01\x00\x00\x00", b"\xd7\xcd\xc6\x9a", b"\x01\x00\x09\x00", b"\x02\x00\x09\x00")
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def clean(data: bytes, limits: Limits, budget: Budget | None = None, depth: int = 0):
    """(the rebuilt package, what was found, what was kept without a check)."""
    budget = budget or Budget(limits, len(data))
    parts = _read(data, limits, budget)
    if "[Content_Types].xml" not in parts:
        raise Uncleanable("damaged")
    found: set[str] = set()
    unchecked: set[str] = set()
    types = _content_types(parts["[Content_Types].xml"])
    core, app, custom = _property_parts(parts, types)
    dropped = set(custom)
    if custom:
        found.add("properties")
    for name in parts:
        for pattern, finding in DROPPED_PARTS:
            if pattern.search(name):
                dropped.add(name)
                found.add(finding)
                break
    for name, content_type in types.items():
        if content_type.endswith("customXmlProperties+xml") and name in parts:
            dropped.add(name)
            found.add("custom_xml")

    cleaned: dict[str, bytes] = {}
    dead_ids: dict[str, set[str]] = {}
    # Relationships first: a dropped part's relationship goes, and the reference to it with it.
    for name, content in parts.items():
        if name in dropped or not name.endswith(".rels"):
            continue
        cleaned[name], source, dead = _clean_rels(name, content, dropped, found)
        if dead:
            dead_ids.setdefault(source, set()).update(dead)
    for name, content in parts.items():
        if name in dropped or name in cleaned:
            continue
        content_type = types.get(name, "")
        if name == "[Content_Types].xml":
            cleaned[name] = _clean_content_types(content, dropped)
        elif name in core:
            found |= _core_findings(content)
            cleaned[name] = EMPTY_CORE
        elif name in app:
            found |= _app_findings(content)
            cleaned[name] = EMPTY_APP
        elif _is_xml(name, content_type):
            cleaned[name] = _clean_xml(
                content, found, dead_ids.get(name, set()), lenient=name.endswith(".vml")
            )
        else:
            cleaned[name] = _clean_binary(name, content, limits, budget, depth, found, unchecked)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        order = ["[Content_Types].xml"] + [n for n in cleaned if n != "[Content_Types].xml"]
        for name in order:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            target.writestr(info, cleaned[name])
    return out.getvalue(), found, unchecked


# --- reading -----------------------------------------------------------------------------


def _read(data: bytes, limits: Limits, budget: Budget) -> dict[str, bytes]:
    """Every member, read in pieces against the budget (declared sizes are checked first, and
    not trusted: the bytes really inflated are counted)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise Uncleanable("damaged") from None
    if len(members) > limits.max_members:
        raise LimitExceeded("size")
    declared = sum(m.file_size for m in members)
    if budget.unpacked + declared > budget.allowed():
        raise LimitExceeded("size")
    parts: dict[str, bytes] = {}
    with archive:
        for member in members:
            if member.is_dir():
                continue
            if member.flag_bits & 0x1:
                raise Uncleanable("encrypted")
            name = member.filename
            if name in parts or name.startswith("/") or ".." in name.split("/"):
                raise Uncleanable("damaged")  # two members of one name, or a path out of the package
            chunks = []
            try:
                with archive.open(member) as handle:
                    while chunk := handle.read(1024 * 1024):
                        budget.take(len(chunk))
                        chunks.append(chunk)
            except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, ValueError):
                raise Uncleanable("damaged") from None
            parts[name] = b"".join(chunks)
    return parts


def _parser(lenient: bool = False):
    from lxml import etree

    # No entities, no DTD, no network; comments and processing instructions are dropped (they
    # carry text nobody sees). lxml's default limits (no huge trees) stay on.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
        huge_tree=False,
        recover=lenient,
    )


def _parse(content: bytes, lenient: bool = False):
    from lxml import etree

    try:
        root = etree.fromstring(content, _parser(lenient))
    except etree.XMLSyntaxError:
        raise Uncleanable("damaged") from None
    if root is None:
        raise Uncleanable("damaged")
    return root


def _serialise(root) -> bytes:
    from lxml import etree

    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _local(name) -> str:
    return name.rsplit("}", 1)[-1] if isinstance(name, str) else ""


def _namespace(name) -> str:
    return name[1:].split("}", 1)[0] if isinstance(name, str) and name.startswith("{") else ""


def _is_xml(name: str, content_type: str) -> bool:
    return name.endswith((".xml", ".rels", ".vml")) or content_type.endswith("xml")


# --- the package's own parts ---------------------------------------------------------------


def _content_types(content: bytes) -> dict[str, str]:
    """Part name (without the leading slash) → content type, for the overridden parts."""
    root = _parse(content)
    return {
        element.get("PartName", "").lstrip("/"): element.get("ContentType", "")
        for element in root
        if _local(element.tag) == "Override"
    }


def _property_parts(parts: dict[str, bytes], types: dict[str, str]):
    """The package's core, extended and custom properties — by content type, by the package's
    relationships and by their usual names, so that a file that lists them one way only is
    not cleaned less."""
    found = {"core": set(), "app": set(), "custom": set()}
    for name, content_type in types.items():
        if content_type == CORE_TYPE:
            found["core"].add(name)
        elif content_type == APP_TYPE:
            found["app"].add(name)
        elif content_type.endswith("custom-properties+xml"):
            found["custom"].add(name)
    if "_rels/.rels" in parts:
        for element in _parse(parts["_rels/.rels"]):
            kind, target = element.get("Type", ""), element.get("Target", "").lstrip("/")
            for key, suffix in (("core", CORE_REL), ("app", APP_REL), ("custom", CUSTOM_REL)):
                if kind.endswith(suffix):
                    found[key].add(posixpath.normpath(target))
    for key, usual in (
        ("core", "docProps/core.xml"),
        ("app", "docProps/app.xml"),
        ("custom", "docProps/custom.xml"),
    ):
        found[key].add(usual)
    return tuple({name for name in found[key] if name in parts} for key in ("core", "app", "custom"))


def _clean_content_types(content: bytes, dropped: set[str]) -> bytes:
    root = _parse(content)
    for element in list(root):
        if _local(element.tag) == "Override" and element.get("PartName", "").lstrip("/") in dropped:
            root.remove(element)
    return _serialise(root)


def _source_of(rels_name: str) -> str:
    """``word/_rels/document.xml.rels`` → ``word/document.xml``; ``_rels/.rels`` → ``""``."""
    folder, file = posixpath.split(rels_name)
    return posixpath.join(posixpath.dirname(folder), file[: -len(".rels")]).lstrip("/")


def _clean_rels(name: str, content: bytes, dropped: set[str], found: set[str]):
    root = _parse(content)
    source = _source_of(name)
    base = posixpath.dirname(source)
    dead = set()
    for element in list(root):
        target = element.get("Target", "")
        kind = element.get("Type", "")
        if element.get("TargetMode") == "External":
            if kind.endswith("/attachedTemplate"):
                found.add("paths")
                dead.add(element.get("Id"))
                root.remove(element)
            elif LOCAL_PATH.match(target):
                found.add("paths")
                element.set("Target", re.split(r"[\\/]", target.rstrip("\\/"))[-1])
            continue
        resolved = (
            target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
        )
        if resolved in dropped:
            dead.add(element.get("Id"))
            root.remove(element)
    return _serialise(root), source, dead


def _core_findings(content: bytes) -> set[str]:
    found = set()
    for element in _parse(content):
        if (element.text or "").strip() or len(element):
            found.add("author" if _local(element.tag) in ("creator", "lastModifiedBy") else "properties")
    return found


def _app_findings(content: bytes) -> set[str]:
    found = set()
    for element in _parse(content):
        local, text = _local(element.tag), (element.text or "").strip()
        if not text:
            continue
        if local in ("Application", "AppVersion"):
            found.add("software")
        elif local == "Template":
            if not DEFAULT_TEMPLATE.fullmatch(text):
                found.add("properties")
        elif local in ("Company", "Manager", "HyperlinkBase") or (local == "TotalTime" and text != "0"):
            found.add("properties")
    return found


# --- every XML part ------------------------------------------------------------------------


def _clean_xml(content: bytes, found: set[str], dead_ids: set[str], lenient: bool = False) -> bytes:
    root = _parse(content, lenient)
    doomed = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        local = _local(element.tag)
        if local in ID_ELEMENTS:
            found.add("revisions")
            doomed.append(element)
            continue
        if local in PATH_ELEMENTS or local in PROPERTY_ELEMENTS:
            found.add("paths" if local in PATH_ELEMENTS else "properties")
            doomed.append(element)
            continue
        if local in PERSON_ELEMENTS:
            for attribute in ("name", "displayName"):
                if element.get(attribute, "").strip():
                    found.add("comment_authors")
                    element.set(attribute, "")
            if local == "author" and (element.text or "").strip():  # Excel's comment authors
                found.add("comment_authors")
                element.text = ""
        for attribute in list(element.attrib):
            attribute_local, attribute_ns = _local(attribute), _namespace(attribute)
            value = element.attrib[attribute]
            if attribute_local in PERSON_ATTRIBUTES:
                if value.strip():
                    found.add("comment_authors")
                element.set(attribute, "")
            elif attribute_ns == WORD and (attribute_local == "date" or attribute_local.startswith("rsid")):
                found.add("comment_authors" if attribute_local == "date" else "revisions")
                del element.attrib[attribute]
            elif attribute_local in PATH_ATTRIBUTES and not attribute_ns:
                if value.strip():
                    found.add("paths")
                element.set(attribute, "")
            elif attribute_local == "uid" and attribute_ns.startswith(SPREADSHEET_REVISION_NS):
                found.add("revisions")
                del element.attrib[attribute]
            elif attribute_ns == OFFICE_RELS and value in dead_ids:
                del element.attrib[attribute]
    for element in doomed:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
    return _serialise(root)


# --- pictures and embedded documents --------------------------------------------------------


def _clean_binary(name, content, limits, budget, depth, found, unchecked) -> bytes:
    from . import images, pdf

    if content.startswith(IMAGE_MAGIC):
        data, image_found = images.clean(content, limits)
        found |= image_found
        return data
    if content.startswith(b"PK\x03\x04"):
        if depth >= limits.max_depth:
            raise Uncleanable("embedded")
        data, inner_found, inner_unchecked = clean(content, limits, budget, depth + 1)
        found |= inner_found
        unchecked |= inner_unchecked
        return data
    if content.startswith(b"%PDF-"):
        data, inner_found = pdf.clean(content, limits)
        found |= inner_found
        return data
    if content.startswith(METAFILE_MAGIC) and "/media/" in f"/{name}":
        unchecked.add("metafile")  # EMF/WMF drawings: kept as they are, said so
        return content
    if content.lstrip().startswith((b"<svg", b"<?xml")) and name.endswith(".svg"):
        return _clean_svg(content, found)
    if name.endswith((".fntdata", ".odttf", ".ttf")) or "/fonts/" in f"/{name}":
        return content  # embedded fonts: glyphs only
    raise Uncleanable("embedded")


def _clean_svg(content: bytes, found: set[str]) -> bytes:
    """An SVG drawing: its ``metadata`` and the drawing program's own attributes (Inkscape keeps
    the path it exported to) go."""
    root = _parse(content)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if _local(element.tag) == "metadata":
            found.add("properties")
            root.remove(element)
            continue
        for attribute in list(element.attrib):
            if "inkscape" in _namespace(attribute) or "sodipodi" in _namespace(attribute):
                found.add("paths")
                del element.attrib[attribute]
    return _serialise(root)
