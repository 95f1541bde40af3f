"""Pictures with everything planted (EXIF with GPS, XMP, comments, trailing data), TIFF pages, and
a picture built to cost memory."""

import io
import struct
import zlib

from .planted import COMPUTER, NAME, PATH, SERIAL, XMP

# --- pictures ----------------------------------------------------------------------------


def _exif(*, with_gps: bool = True):
    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "Kamerafirma"
    exif[0x0110] = "Model X100"
    exif[0x0132] = "2026:03:14 10:11:12"
    exif[0x013B] = NAME  # artist
    exif[0x013C] = COMPUTER  # host computer
    exif[0x010E] = f"Billede fra {PATH}"  # image description
    exif[0x9C9D] = NAME.encode("utf-16-le") + b"\x00\x00"  # XP author, as Windows writes it
    exif.get_ifd(0x8769)[0xA431] = SERIAL
    exif.get_ifd(0x8769)[0xA430] = NAME  # camera owner
    if with_gps:
        gps = exif.get_ifd(0x8825)
        gps[1], gps[2], gps[3], gps[4] = "N", (55.0, 40.0, 30.61), "E", (12.0, 34.0, 56.78)
    return exif


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes((0xFF, marker)) + struct.pack(">H", len(payload) + 2) + payload


def jpeg_everything(size=(64, 48), color=(200, 40, 40)) -> bytes:
    """EXIF (GPS, serial, artist, XP author, host computer), XMP, a comment, an ICC profile,
    IPTC (APP13), a C2PA manifest box (APP11) and data after the end of the picture."""
    from PIL import Image, ImageCms

    out = io.BytesIO()
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    Image.new("RGB", size, color).save(
        out,
        format="JPEG",
        exif=_exif(),
        xmp=XMP.encode("utf-8"),
        comment=f"Taget af {NAME}",
        icc_profile=srgb,
    )
    data = out.getvalue()
    iptc = b"Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x10\x1c\x02\x50\x00\x0b" + NAME.encode()
    jumbf = b"JP\x00\x01\x00\x00\x00\x01\x00\x00\x00\x40jumb\x00\x00\x00\x18jumdc2pa" + NAME.encode()
    extra = _segment(0xED, iptc) + _segment(0xEB, jumbf)
    return data[:2] + extra + data[2:] + f"trailer:{NAME}:{COMPUTER}".encode()


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def png_everything() -> bytes:
    """Text chunks (plain, compressed, international with XMP), EXIF (eXIf), a time stamp,
    a C2PA chunk (caBX) and data after IEND."""
    from PIL import Image, PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", NAME)
    info.add_text("Comment", f"Gemt i {PATH}", zip=True)
    info.add_itxt("XML:com.adobe.xmp", XMP, zip=False)
    out = io.BytesIO()
    Image.new("RGBA", (40, 30), (0, 90, 200, 255)).save(out, format="PNG", pnginfo=info, exif=_exif())
    data = out.getvalue()
    iend = data.rindex(b"IEND") - 4
    extra = _png_chunk(b"tIME", b"\x07\xea\x03\x0e\x0a\x0b\x0c") + _png_chunk(
        b"caBX", f"c2pa {NAME}".encode()
    )
    return data[:iend] + extra + data[iend:] + f"{COMPUTER}".encode()


TIFF_PAGE_COLOURS = ((255, 0, 0), (0, 255, 0), (0, 0, 255))


def tiff_pages() -> bytes:
    """Three pages (red, green, blue), each with an artist, a host computer, a document name,
    XMP and EXIF with GPS."""
    from PIL import Image

    pages = [Image.new("RGB", (30, 20), colour) for colour in TIFF_PAGE_COLOURS]
    tags = _exif()
    tags[315] = NAME  # artist
    tags[316] = COMPUTER  # host computer
    tags[269] = PATH  # document name
    tags[305] = "Scanner Suite 4"
    tags[700] = XMP.encode("utf-8")
    out = io.BytesIO()
    pages[0].save(out, format="TIFF", save_all=True, append_images=pages[1:], exif=tags)
    return out.getvalue()


def pixel_bomb(width: int = 20_000, height: int = 20_000) -> bytes:
    """A PNG whose header declares ``width`` × ``height`` pixels: a few bytes on the wire,
    gigabytes once drawn."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    row = b"\x00" + b"\x00" * (width * 3)
    compressor = zlib.compressobj(9)
    idat = compressor.compress(row * 16) + compressor.flush()  # the first rows only
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )
