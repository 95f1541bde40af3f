"""Office files with everything planted in their parts, and Office files built to cost time or memory."""

import io
import zipfile

from .pictures import jpeg_everything, png_everything
from .planted import ACCOUNT, COMPANY, COMPUTER, DOCUMENT_ID, NAME, OLD_NAME, PATH, USER

# --- Office ------------------------------------------------------------------------------

CT = "http://schemas.openxmlformats.org/package/2006/content-types"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
R_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"


def _zip(parts: dict[str, str | bytes], comment: str = "") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content.encode("utf-8") if isinstance(content, str) else content)
        archive.comment = comment.encode()
    return out.getvalue()


def _rels(*relations: tuple) -> str:
    body = "".join(
        f'<Relationship Id="{rid}" Type="{R_TYPE if not kind.startswith("http") else ""}{kind}" '
        f'Target="{target}"{" TargetMode=" + chr(34) + "External" + chr(34) if external else ""}/>'
        for rid, kind, target, external in relations
    )
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{RELS}">{body}</Relationships>'


def _types(overrides: dict[str, str]) -> str:
    body = "".join(f'<Override PartName="/{name}" ContentType="{kind}"/>' for name, kind in overrides.items())
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="{CT}">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="jpeg" ContentType="image/jpeg"/><Default Extension="png" ContentType="image/png"/>'
        '<Default Extension="bin" ContentType="application/vnd.openxmlformats-officedocument.printerSettings"/>'
        '<Default Extension="xlsx" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"/>'
        f"{body}</Types>"
    )


def _core(prefix: str = "dc") -> str:
    # The author in a CDATA section and under another prefix: a regex for <dc:creator> misses both.
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        f'xmlns:{prefix}="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<{prefix}:creator><![CDATA[{NAME}]]></{prefix}:creator>"
        f"<cp:lastModifiedBy>{NAME}</cp:lastModifiedBy><{prefix}:title>Noter fra {COMPANY}</{prefix}:title>"
        '<dcterms:created xsi:type="dcterms:W3CDTF">2026-03-14T10:11:12Z</dcterms:created>'
        "</cp:coreProperties>"
    )


APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    f"<Template>{USER}-skabelon.dotm</Template><TotalTime>42</TotalTime><Application>Microsoft Office Word</Application>"
    f"<Company>{COMPANY}</Company><Manager>{OLD_NAME}</Manager></Properties>"
)
CUSTOM = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="2" name="Ansvarlig"><vt:lpwstr>{NAME}</vt:lpwstr></property>'
    "</Properties>"
)
CUSTOM_XML = (
    '<?xml version="1.0" encoding="utf-8"?><p:properties xmlns:p="http://schemas.microsoft.com/office/2006/metadata/properties">'
    f"<documentManagement><Ansvarlig><UserInfo><DisplayName>{NAME}</DisplayName><AccountId>{ACCOUNT}</AccountId>"
    "</UserInfo></Ansvarlig></documentManagement></p:properties>"
)
PACKAGE_OVERRIDES = {
    "docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    "docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    "docProps/custom.xml": "application/vnd.openxmlformats-officedocument.custom-properties+xml",
    "customXml/itemProps1.xml": "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
}
PACKAGE_RELS = (
    (
        "rId2",
        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
        "docProps/core.xml",
        False,
    ),
    ("rId3", "/extended-properties", "docProps/app.xml", False),
    ("rId4", "/custom-properties", "docProps/custom.xml", False),
    (
        "rId5",
        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
        "docProps/thumbnail.jpeg",
        False,
    ),
)
CUSTOM_XML_PARTS = {
    "customXml/item1.xml": CUSTOM_XML,
    "customXml/itemProps1.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?><ds:datastoreItem ds:itemID="{11111111-2222-3333-4444-555555555555}" '
        'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"/>'
    ),
    "customXml/_rels/item1.xml.rels": _rels(("rId1", "/customXmlProps", "itemProps1.xml", False)),
}
PRINTER_SETTINGS = f"\\\\{COMPUTER}\\HP LaserJet 400".encode("utf-16-le") + b"\x00" * 64

DOCX_TEXTS = ("Første side om timesedlerne", "indsat tekst", "Tredje side: hvem rettede")


def xlsx_minimal(author: str = NAME) -> bytes:
    """The smallest workbook, with its author: embedded in the Word document below."""
    return _zip(
        {
            "[Content_Types].xml": _types(
                {
                    "xl/workbook.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    "docProps/core.xml": PACKAGE_OVERRIDES["docProps/core.xml"],
                }
            ),
            "_rels/.rels": _rels(("rId1", "/officeDocument", "xl/workbook.xml", False), PACKAGE_RELS[0]),
            "xl/workbook.xml": '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>',
            "docProps/core.xml": _core().replace(NAME, author),
        }
    )


def docx_everything(body_padding: str = "") -> bytes:
    """A Word document as Word, SharePoint and a template leave it. ``body_padding`` goes into
    the body as it is (white space, for the file that once took a server minutes)."""
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" '
        f'xmlns:r="{R_TYPE}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"><w:body>'
        f'<w:p w:rsidR="00A1B2C3" w:rsidRDefault="00A1B2C3" w14:paraId="1A2B3C4D"><w:r><w:t>{DOCX_TEXTS[0]}</w:t></w:r></w:p>'
        f'<w:p><w:ins w:id="1" w:author="{NAME}" w:date="2026-03-14T10:11:00Z"><w:r><w:t>{DOCX_TEXTS[1]}</w:t></w:r></w:ins>'
        f'<w:del w:id="2" w:author="{OLD_NAME}" w:date="2026-03-14T10:12:00Z"><w:r><w:delText>slettet</w:delText></w:r></w:del>'
        '<w:commentRangeStart w:id="0"/><w:r><w:t>Se</w:t></w:r><w:commentRangeEnd w:id="0"/>'
        '<w:r><w:commentReference w:id="0"/></w:r></w:p>'
        '<w:p><w:hyperlink r:id="rId6"><w:r><w:t>kilden</w:t></w:r></w:hyperlink></w:p>'
        '<w:p><w:r><w:drawing><a:blip xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" r:embed="rId5"/></w:drawing></w:r></w:p>'
        f'<w:p><w:r><w:br w:type="page"/></w:r></w:p><w:p><w:r><w:t>{DOCX_TEXTS[2]}</w:t></w:r></w:p>{body_padding}'
        "<!-- gemt af " + NAME + " --></w:body></w:document>"
    )
    settings = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:settings xmlns:w="{W}" xmlns:r="{R_TYPE}" '
        f'xmlns:w15="{W15}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml">'
        '<w:attachedTemplate r:id="rId1"/>'
        f'<w:mailMerge><w:mainDocumentType w:val="formLetters"/><w:connectString w:val="Provider=Microsoft.ACE.OLEDB.12.0;Data Source={PATH}\\kontakter.xlsx"/></w:mailMerge>'
        f'<w:docVars><w:docVar w:name="Sagsbehandler" w:val="{NAME}"/></w:docVars>'
        '<w:rsids><w:rsidRoot w:val="00A1B2C3"/><w:rsid w:val="00A1B2C3"/></w:rsids>'
        f'<w15:docId w15:val="{{{DOCUMENT_ID}}}"/><w14:docId w14:val="7A11C0DE"/></w:settings>'
    )
    parts = {
        "[Content_Types].xml": _types(
            {
                "word/document.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                "word/comments.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml",
                "word/people.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.people+xml",
                "word/settings.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml",
                **PACKAGE_OVERRIDES,
            }
        ),
        "_rels/.rels": _rels(("rId1", "/officeDocument", "word/document.xml", False), *PACKAGE_RELS),
        "docProps/core.xml": _core(prefix="ns0"),
        "docProps/app.xml": APP,
        "docProps/custom.xml": CUSTOM,
        "docProps/thumbnail.jpeg": jpeg_everything(),
        "word/document.xml": document,
        "word/_rels/document.xml.rels": _rels(
            ("rId2", "/comments", "comments.xml", False),
            ("rId3", "http://schemas.microsoft.com/office/2011/relationships/people", "people.xml", False),
            ("rId4", "/settings", "settings.xml", False),
            ("rId5", "/image", "media/image1.jpeg", False),
            ("rId6", "/hyperlink", f"file:///{PATH}\\kilde.docx", True),
            ("rId7", "/customXml", "../customXml/item1.xml", False),
            ("rId8", "/package", "embeddings/Microsoft_Excel_Worksheet.xlsx", False),
            ("rId9", "/printerSettings", "printerSettings/printerSettings1.bin", False),
        ),
        "word/comments.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="{W}">'
            f'<w:comment w:id="0" w:author="{NAME}" w:date="2026-03-14T10:13:00Z" w:initials="AO"><w:p><w:r>'
            "<w:t>Se her</w:t></w:r></w:p></w:comment></w:comments>"
        ),
        "word/people.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w15:people xmlns:w15="{W15}">'
            f'<w15:person w15:author="{NAME}"><w15:presenceInfo w15:providerId="AD" w15:userId="S::{ACCOUNT}::1"/>'
            "</w15:person></w15:people>"
        ),
        "word/settings.xml": settings,
        "word/_rels/settings.xml.rels": _rels(
            (
                "rId1",
                "/attachedTemplate",
                f"file:///C:\\Users\\{USER}\\AppData\\Roaming\\Microsoft\\Skabeloner\\{USER}.dotm",
                True,
            )
        ),
        "word/media/image1.jpeg": jpeg_everything(),
        "word/embeddings/Microsoft_Excel_Worksheet.xlsx": xlsx_minimal(),
        "word/printerSettings/printerSettings1.bin": PRINTER_SETTINGS,
        **CUSTOM_XML_PARTS,
    }
    return _zip(parts, comment=f"{NAME} {COMPUTER}")


XLSX_TEXTS = ("Timeregnskab marts", "Rettet efter aftale")
SML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def xlsx_everything() -> bytes:
    """A workbook as Excel leaves it: its folder (``absPath``), a shared workbook's users and
    revisions, comment authors (classic and threaded), a link to another workbook on the
    sender's disk, a database connection with a user id, printer settings, customXml."""
    workbook = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{SML}" xmlns:r="{R_TYPE}" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15 xr" '
        'xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main" '
        'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision">'
        f'<fileSharing userName="{NAME}"/>'
        '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        '<mc:Choice Requires="x15"><x15ac:absPath xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac" '
        f'url="{PATH}\\"/></mc:Choice></mc:AlternateContent>'
        f'<xr:revisionPtr revIDLastSave="0" documentId="8_{{{DOCUMENT_ID}}}" xr6:coauthVersionLast="47" '
        'xmlns:xr6="http://schemas.microsoft.com/office/spreadsheetml/2016/revision6"/>'
        '<sheets><sheet name="Marts" sheetId="1" r:id="rId1"/></sheets>'
        '<externalReferences><externalReference r:id="rId5"/></externalReferences></workbook>'
    )
    parts = {
        "[Content_Types].xml": _types(
            {
                "xl/workbook.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                "xl/worksheets/sheet1.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
                "xl/sharedStrings.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
                "xl/comments1.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml",
                **PACKAGE_OVERRIDES,
            }
        ),
        "_rels/.rels": _rels(("rId1", "/officeDocument", "xl/workbook.xml", False), *PACKAGE_RELS[:3]),
        "docProps/core.xml": _core(),
        "docProps/app.xml": APP,
        "docProps/custom.xml": CUSTOM,
        "xl/workbook.xml": workbook,
        "xl/_rels/workbook.xml.rels": _rels(
            ("rId1", "/worksheet", "worksheets/sheet1.xml", False),
            ("rId2", "/sharedStrings", "sharedStrings.xml", False),
            (
                "rId3",
                "http://schemas.microsoft.com/office/2017/10/relationships/person",
                "persons/person.xml",
                False,
            ),
            ("rId4", "/revisionHeaders", "revisions/revisionHeaders.xml", False),
            ("rId5", "/externalLink", "externalLinks/externalLink1.xml", False),
            ("rId6", "/connections", "connections.xml", False),
            ("rId7", "/customXml", "../customXml/item1.xml", False),
        ),
        "xl/worksheets/sheet1.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{SML}" xmlns:r="{R_TYPE}" '
            'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" '
            f'xr:uid="{{{DOCUMENT_ID}}}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
            '</row></sheetData><pageSetup paperSize="9" r:id="rId1"/></worksheet>'
        ),
        "xl/worksheets/_rels/sheet1.xml.rels": _rels(
            ("rId1", "/printerSettings", "../printerSettings/printerSettings1.bin", False),
            ("rId2", "/comments", "../comments1.xml", False),
            (
                "rId3",
                "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment",
                "../threadedComments/threadedComment1.xml",
                False,
            ),
        ),
        "xl/sharedStrings.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{SML}" count="2" uniqueCount="2">'
            f"<si><t>{XLSX_TEXTS[0]}</t></si><si><t>{XLSX_TEXTS[1]}</t></si></sst>"
        ),
        "xl/comments1.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><comments xmlns="{SML}"><authors><author>{NAME}</author>'
            '</authors><commentList><comment ref="A1" authorId="0"><text><r><t>Tjek tallet</t></r></text></comment>'
            "</commentList></comments>"
        ),
        "xl/threadedComments/threadedComment1.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><ThreadedComments '
            'xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments">'
            '<threadedComment ref="A1" dT="2026-03-14T10:11:12.00" personId="{00000000-0000-0000-0000-000000000001}" '
            'id="{00000000-0000-0000-0000-000000000002}"><text>Tjek tallet</text></threadedComment></ThreadedComments>'
        ),
        "xl/persons/person.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><personList '
            'xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments">'
            f'<person displayName="{NAME}" id="{{00000000-0000-0000-0000-000000000001}}" userId="{ACCOUNT}" providerId="AD"/>'
            "</personList>"
        ),
        "xl/revisions/revisionHeaders.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><headers xmlns="{SML}" guid="{{0}}">'
            f'<header guid="{{1}}" dateTime="2026-03-14T10:11:12" maxSheetId="2" userName="{NAME}" r:id="rId1" '
            f'xmlns:r="{R_TYPE}"><sheetIdMap count="1"><sheetId val="1"/></sheetIdMap></header></headers>'
        ),
        "xl/revisions/userNames.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><users xmlns="{SML}" count="1">'
            f'<userInfo guid="{{2}}" name="{OLD_NAME}" id="1" dateTime="2026-03-14T10:11:12"/></users>'
        ),
        "xl/externalLinks/externalLink1.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><externalLink xmlns="{SML}" xmlns:r="{R_TYPE}">'
            '<externalBook r:id="rId1"><sheetNames><sheetName val="Ark1"/></sheetNames></externalBook></externalLink>'
        ),
        "xl/externalLinks/_rels/externalLink1.xml.rels": _rels(
            ("rId1", "/externalLinkPath", f"file:///{PATH}\\Budget.xlsx", True)
        ),
        "xl/connections.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><connections xmlns="{SML}">'
            '<connection id="1" name="Timer" type="5" refreshedVersion="8">'
            f'<dbPr connection="Provider=Microsoft.ACE.OLEDB.12.0;User ID={USER};Data Source={PATH}\\timer.accdb" '
            'command="Timer"/></connection></connections>'
        ),
        "xl/printerSettings/printerSettings1.bin": PRINTER_SETTINGS,
        **CUSTOM_XML_PARTS,
    }
    return _zip(parts)


PPTX_TEXTS = ("Dias et: overblik", "Noter til oplaegget")
P = "http://schemas.openxmlformats.org/presentationml/2006/main"


def pptx_everything() -> bytes:
    """A presentation with modern and classic comment authors, revision info, a slide's
    creation id, a picture with its text chunks, and the package properties."""
    parts = {
        "[Content_Types].xml": _types(
            {
                "ppt/presentation.xml": "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
                "ppt/slides/slide1.xml": "application/vnd.openxmlformats-officedocument.presentationml.slide+xml",
                "ppt/authors.xml": "application/vnd.ms-powerpoint.authors+xml",
                "ppt/commentAuthors.xml": "application/vnd.openxmlformats-officedocument.presentationml.commentAuthors+xml",
                "ppt/revisionInfo.xml": "application/vnd.ms-powerpoint.revisioninfo+xml",
                **PACKAGE_OVERRIDES,
            }
        ),
        "_rels/.rels": _rels(("rId1", "/officeDocument", "ppt/presentation.xml", False), *PACKAGE_RELS[:3]),
        "docProps/core.xml": _core(),
        "docProps/app.xml": APP,
        "docProps/custom.xml": CUSTOM,
        "ppt/presentation.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:presentation xmlns:p="{P}" xmlns:r="{R_TYPE}">'
            '<p:sldIdLst><p:sldId id="256" r:id="rId2"/></p:sldIdLst></p:presentation>'
        ),
        "ppt/_rels/presentation.xml.rels": _rels(
            ("rId2", "/slide", "slides/slide1.xml", False),
            (
                "rId3",
                "http://schemas.microsoft.com/office/2018/10/relationships/authors",
                "authors.xml",
                False,
            ),
            ("rId4", "/commentAuthors", "commentAuthors.xml", False),
            (
                "rId5",
                "http://schemas.microsoft.com/office/2015/10/relationships/revisionInfo",
                "revisionInfo.xml",
                False,
            ),
            ("rId6", "/customXml", "../customXml/item1.xml", False),
        ),
        "ppt/slides/slide1.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:sld xmlns:p="{P}" xmlns:r="{R_TYPE}" '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r>'
            f"<a:t>{PPTX_TEXTS[0]}</a:t></a:r></a:p></p:txBody></p:sp>"
            '<p:pic><p:blipFill><a:blip r:embed="rId2"/></p:blipFill></p:pic></p:spTree></p:cSld>'
            '<p:extLst><p:ext uri="{BB962C8B-B14F-4D97-AF65-F5344CB8AC3E}"><p14:creationId '
            'xmlns:p14="http://schemas.microsoft.com/office/powerpoint/2010/main" val="3442127731"/></p:ext></p:extLst>'
            f"<!-- {PPTX_TEXTS[1]} --></p:sld>"
        ),
        "ppt/slides/_rels/slide1.xml.rels": _rels(("rId2", "/image", "../media/image1.png", False)),
        "ppt/media/image1.png": png_everything(),
        "ppt/authors.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p188:authorLst '
            'xmlns:p188="http://schemas.microsoft.com/office/powerpoint/2018/8/main">'
            f'<p188:author id="{{00000000-0000-0000-0000-000000000003}}" name="{NAME}" initials="AO" userId="{ACCOUNT}" '
            'providerId="AD"/></p188:authorLst>'
        ),
        "ppt/commentAuthors.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:cmAuthorLst xmlns:p="{P}">'
            f'<p:cmAuthor id="1" name="{OLD_NAME}" initials="BG" lastIdx="1" clrIdx="0"/></p:cmAuthorLst>'
        ),
        "ppt/revisionInfo.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p1510:revInfo '
            'xmlns:p1510="http://schemas.microsoft.com/office/powerpoint/2015/10/main"><p1510:revLst>'
            f'<p1510:client id="{{{DOCUMENT_ID}}}" v="2" dt="2026-03-14T10:11:12.000"/></p1510:revLst></p1510:revInfo>'
        ),
        **CUSTOM_XML_PARTS,
    }
    return _zip(parts)


# --- built to cost -----------------------------------------------------------------------


def docx_white_space(megabytes: int = 5) -> bytes:
    """A Word document with megabytes of white space in its body: a few kilobytes zipped."""
    return docx_everything(body_padding=" " * (megabytes * 1024 * 1024))


def docx_zip_bomb(megabytes: int = 150) -> bytes:
    """A Word document with a part of zeros that inflates to ``megabytes`` (about 1:1000)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with zipfile.ZipFile(io.BytesIO(docx_everything())) as source:
            for item in source.infolist():
                archive.writestr(item.filename, source.read(item))
        with archive.open("word/media/padding.bin", "w") as handle:
            block = b"\x00" * (1024 * 1024)
            for _ in range(megabytes):
                handle.write(block)
    return out.getvalue()
