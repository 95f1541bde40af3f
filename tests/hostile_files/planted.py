"""What every hostile file plants, and what must not survive a cleaning (``PLANTED``): a name, a
user folder and account, a computer's name, a company, a camera's serial number, a document id
and GPS coordinates."""

import struct

NAME = "Anna Orsted"
OLD_NAME = "Bent Gammelgaard"
USER = "aorsted"
PATH = r"C:\Users\aorsted\Documents\Fortroligt"
ACCOUNT = "aorsted@kk-example.dk"
COMPUTER = "ANNAS-LAPTOP"
COMPANY = "Vaerkstedet Nord"
SERIAL = "SN-4471-AX9"
DOCUMENT_ID = "7A11C0DE-5EC2-4E7B-9D1F-0A0A0A0A0A0A"
GPS_SECONDS = (3061, 100)  # 30.61" of 55° 40' 30.61" N — Copenhagen City Hall
GPS_XMP = "55,40.5102N"  # the same latitude as XMP writes it
PLANTED = [
    NAME,
    OLD_NAME,
    USER,
    COMPUTER,
    COMPANY,
    SERIAL,
    DOCUMENT_ID,
    GPS_XMP,
    struct.pack(">II", *GPS_SECONDS),
    struct.pack("<II", *GPS_SECONDS),
]

XMP = (
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" '
    'xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">'
    f"<dc:creator><rdf:Seq><rdf:li>{NAME}</rdf:li></rdf:Seq></dc:creator>"
    f"<xmp:CreatorTool>Microsoft Word on {COMPUTER}</xmp:CreatorTool>"
    f"<xmpMM:DocumentID>uuid:{DOCUMENT_ID}</xmpMM:DocumentID>"
    f"<exif:GPSLatitude>{GPS_XMP}</exif:GPSLatitude>"
    '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
)
