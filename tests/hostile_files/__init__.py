"""Files a real reporter's programs write, with everything that can name them planted in every
place those programs put it — and files built to cost a server as much as possible. Made here by
code (Pillow, reportlab, pypdf, zipfile), never downloaded.

``PLANTED`` is what must not survive a cleaning: a name (also in an older revision of a PDF), a
user folder and account, a computer's name, a company, a camera's serial number, a document id
and the GPS coordinates as EXIF stores them (rationals, both byte orders)."""

from .office import (  # noqa: F401
    APP,
    CT,
    CUSTOM,
    CUSTOM_XML,
    CUSTOM_XML_PARTS,
    DOCX_TEXTS,
    PACKAGE_OVERRIDES,
    PACKAGE_RELS,
    PPTX_TEXTS,
    PRINTER_SETTINGS,
    R_TYPE,
    RELS,
    SML,
    W15,
    XLSX_TEXTS,
    P,
    W,
    _core,
    _rels,
    _types,
    _zip,
    docx_everything,
    docx_white_space,
    docx_zip_bomb,
    pptx_everything,
    xlsx_everything,
    xlsx_minimal,
)
from .pdf import PDF_PAGE_TEXTS, pdf_word_made  # noqa: F401
from .pictures import (  # noqa: F401
    TIFF_PAGE_COLOURS,
    _exif,
    _png_chunk,
    _segment,
    jpeg_everything,
    pixel_bomb,
    png_everything,
    tiff_pages,
)
from .planted import (  # noqa: F401
    ACCOUNT,
    COMPANY,
    COMPUTER,
    DOCUMENT_ID,
    GPS_SECONDS,
    GPS_XMP,
    NAME,
    OLD_NAME,
    PATH,
    PLANTED,
    SERIAL,
    USER,
    XMP,
)
