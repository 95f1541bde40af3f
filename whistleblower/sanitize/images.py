"""Pictures: what they carry besides pixels is found by walking the file's own structure, and the
copy is always redrawn from the pixels alone — every frame, turned the way the camera meant.

The walk reads the markers and chunks themselves (JPEG segments, PNG chunks, TIFF tags), so a
block no library names — a C2PA manifest in APP11, a ``caBX`` chunk, bytes after the end of the
picture — is still seen. The redraw does not depend on the walk: whatever it missed, a picture
built from pixels has nothing else in it. A colour profile is applied (the copy is sRGB) and
then left out: a display's calibration profile can be named after its owner.
"""

import contextlib
import io
import warnings

from .limits import LimitExceeded, Limits, Uncleanable

# Pillow's format name → how the copy is written.
FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "TIFF": "TIFF", "GIF": "GIF", "BMP": "BMP"}
MULTI_FRAME = {"TIFF", "PNG", "GIF"}  # kept with every frame; a JPEG's extra pictures are not

GPS_IFD, EXIF_IFD = 0x8825, 0x8769
EXIF_TAGS = {
    "camera": {0x010F, 0x0110, 0xA433, 0xA434},  # make, model, lens make, lens model
    "serial": {0xA431, 0xA435},  # body and lens serial numbers
    "taken": {0x0132, 0x9003, 0x9004, 0x9010, 0x9011, 0x9012},  # dates, times and offsets
    "software": {0x0131},
    "author": {0x013B, 0x8298, 0x9C9D, 0xA430},  # artist, copyright, XP author, camera owner
    "computer": {0x013C},  # host computer
    "properties": {0x010D, 0x010E, 0x011D, 0x9C9B, 0x9C9C, 0x9C9E, 0x9C9F, 0x9286},  # names, titles
    "xmp": {0x02BC},
    "iptc": {0x83BB, 0x8649},
    "icc": {0x8773},
}
# A TIFF's tags that only describe its pixels (they say nothing about who made it).
TIFF_STRUCTURE = {
    0x00FE, 0x00FF, 0x0100, 0x0101, 0x0102, 0x0103, 0x0106, 0x0107, 0x0108, 0x0109, 0x010A,
    0x0111, 0x0112, 0x0115, 0x0116, 0x0117, 0x0118, 0x0119, 0x011A, 0x011B, 0x011C, 0x0122,
    0x0123, 0x0124, 0x0125, 0x0128, 0x0129, 0x012D, 0x013D, 0x013E, 0x013F, 0x0140, 0x0141,
    0x0142, 0x0143, 0x0144, 0x0145, 0x0152, 0x0153, 0x0154, 0x0155, 0x015B, 0x0211, 0x0212,
    0x0213, 0x0214,
}  # fmt: skip

# JPEG segments a picture needs; everything else is reported (and never copied).
JPEG_NEEDED = {0xC0, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCC, 0xCD,
               0xCE, 0xCF, 0xDA, 0xDB, 0xDD, 0xDE, 0xDF, 0xEE}  # fmt: skip
# PNG chunks that only describe pixels or colours (never copied either: the copy is redrawn).
PNG_HARMLESS = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"pHYs",
                b"sBIT", b"bKGD", b"hIST", b"sPLT", b"acTL", b"fcTL", b"fdAT", b"cICP", b"mDCv",
                b"cLLi"}  # fmt: skip


def inspect(data: bytes) -> set[str]:
    """What ``data`` carries besides its pixels, by its own structure (kinds, never values)."""
    if data.startswith(b"\xff\xd8"):
        return _inspect_jpeg(data)
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return _inspect_png(data)
    return set()  # TIFF, GIF, BMP: their tags are read by Pillow in ``clean``


def clean(data: bytes, limits: Limits) -> tuple[bytes, set[str]]:
    """(the redrawn copy, what was found). Raises LimitExceeded or Uncleanable."""
    from PIL import Image, ImageFile

    Image.MAX_IMAGE_PIXELS = limits.max_pixels
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    structure = inspect(data)
    found: set[str] = set()
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise LimitExceeded("pixels") from None
        except Exception:
            raise Uncleanable("damaged") from None
        fmt = FORMATS.get(image.format or "")
        if fmt is None:
            raise Uncleanable("damaged")
        frames = getattr(image, "n_frames", 1)
        if frames > limits.max_frames:
            raise LimitExceeded("pages")
        kept = frames if fmt in MULTI_FRAME else 1
        if frames > kept:
            found.add("other")  # a JPEG's further pictures (MPF previews, depth maps)
        pages = []
        for index in range(kept):
            image.seek(index)
            width, height = image.size
            if width * height > limits.max_pixels:
                raise LimitExceeded("pixels")
            found |= _tag_findings(image, fmt)
            if image.info.get("comment"):
                found.add("comment")
            if image.info.get("icc_profile"):
                found.add("icc")
            try:
                pages.append(_redraw(image))
            except (Image.DecompressionBombError, Image.DecompressionBombWarning):
                raise LimitExceeded("pixels") from None
            except MemoryError:
                raise LimitExceeded("memory") from None
            except (OSError, ValueError, SyntaxError):
                raise Uncleanable("damaged") from None
    if found:  # the tags name what the EXIF block held; the walk only saw that there was one
        structure.discard("exif_other")
    found |= structure
    out = io.BytesIO()
    first, rest = pages[0], pages[1:]
    options = {"JPEG": {"quality": 92}, "TIFF": {"compression": "tiff_lzw"}}.get(fmt, {})
    if rest:
        options.update(save_all=True, append_images=rest)
    first.save(out, format=fmt, **options)
    return out.getvalue(), found


def _redraw(frame):
    """A new picture with the frame's pixels only: turned upright, colours in sRGB, and no
    ``info`` (EXIF, XMP, text, profile, comment) — a fresh Image object has nothing else."""
    from PIL import Image, ImageCms, ImageOps

    frame.load()
    profile = frame.info.get("icc_profile")
    upright = ImageOps.exif_transpose(frame)  # a new Image (a copy when already upright)
    if (upright.mode == "P" and "transparency" in frame.info) or upright.mode in ("LA", "PA", "La"):
        upright = upright.convert("RGBA")
    if profile and upright.mode in ("RGB", "RGBA", "CMYK"):
        # A broken profile: the pixels stay as they are, the profile goes all the same.
        with contextlib.suppress(ImageCms.PyCMSError, OSError, ValueError):
            upright = ImageCms.profileToProfile(
                upright,
                ImageCms.ImageCmsProfile(io.BytesIO(profile)),
                ImageCms.createProfile("sRGB"),
                outputMode="RGBA" if upright.mode == "RGBA" else "RGB",
            )
    clean = Image.new(upright.mode, upright.size)
    if upright.mode == "P":
        clean.putpalette(upright.getpalette() or [])
    clean.paste(upright)
    return clean


def _tag_findings(image, fmt: str) -> set[str]:
    """EXIF (JPEG, PNG's eXIf) or the TIFF's own tags, with their EXIF and GPS directories."""
    found = set()
    try:
        exif = image.getexif()
    except Exception:
        return {"exif_other"}
    tags = set(exif)
    if fmt == "TIFF":
        tags -= TIFF_STRUCTURE
    try:
        sub = exif.get_ifd(EXIF_IFD) if EXIF_IFD in exif else {}
        gps = exif.get_ifd(GPS_IFD) if GPS_IFD in exif else {}
    except Exception:
        sub, gps = {}, {}
    if gps or GPS_IFD in tags:
        found.add("gps")
    tags = (tags | set(sub)) - {GPS_IFD, EXIF_IFD}
    known = set()
    for code, wanted in EXIF_TAGS.items():
        if tags & wanted:
            found.add(code)
        known |= wanted
    if tags - known:
        found.add("exif_other")
    if fmt != "TIFF":  # in a TIFF the next directory is the next page
        try:
            if exif.get_ifd(-1):  # IFD1: the thumbnail, often of the uncropped picture
                found.add("thumbnail")
        except Exception:
            found.add("thumbnail")
    return found


# --- the structure walks ---------------------------------------------------------------


def jpeg_segments(data: bytes):
    """``(marker, start, end)`` of every segment of a JPEG from the start-of-image on: a scan's
    range includes its picture data; ``0xD9`` is the end of image, and ``("trailing", start,
    end)`` is anything after it. Raises Uncleanable for a broken structure."""
    n, i = len(data), 2
    if not data.startswith(b"\xff\xd8"):
        raise Uncleanable("damaged")
    yield 0xD8, 0, 2
    while i < n:
        if data[i] != 0xFF or i + 1 >= n:
            raise Uncleanable("damaged")
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker == 0xD9:  # end of image
            yield 0xD9, i, i + 2
            if data[i + 2 :].strip(b"\x00\xff\r\n\t "):
                yield "trailing", i + 2, n
            return
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            yield marker, i, i + 2
            i += 2
            continue
        if i + 4 > n:
            raise Uncleanable("damaged")
        length = int.from_bytes(data[i + 2 : i + 4], "big")
        if length < 2 or i + 2 + length > n:
            raise Uncleanable("damaged")
        start, i = i, i + 2 + length
        if marker == 0xDA:  # the scan's data runs to the next marker that is not a restart or a 0
            while True:
                i = data.find(b"\xff", i)
                if i < 0 or i + 1 >= n:
                    raise Uncleanable("damaged")  # no end of image
                following = data[i + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
                    i += 1
                    continue
                break
        yield marker, start, i
    raise Uncleanable("damaged")


def _inspect_jpeg(data: bytes) -> set[str]:
    found = set()
    for marker, start, end in jpeg_segments(data):
        payload = data[start + 4 : end]
        if marker == "trailing":
            found.add("trailing")
        elif marker in JPEG_NEEDED or marker in (0xD8, 0xD9) or 0xD0 <= marker <= 0xD7:
            continue
        elif marker == 0xE0:  # APP0: JFIF, with or without a thumbnail
            if payload.startswith(b"JFXX") or (payload.startswith(b"JFIF") and payload[12:14] != b"\x00\x00"):
                found.add("thumbnail")
        elif marker == 0xE1:
            if payload.startswith(b"Exif\x00"):
                found.add("exif_other")  # the details come from the tags (``_tag_findings``)
            elif (
                b"adobe.com/xap" in payload[:64] or b"adobe.com/xmp" in payload[:64] or b"xmpmeta" in payload
            ):
                found.add("xmp")
            else:
                found.add("other")
        elif marker == 0xE2:
            found.add("icc" if payload.startswith(b"ICC_PROFILE") else "other")
        elif marker == 0xEB:  # APP11: JUMBF boxes, where C2PA keeps its manifests
            found.add("c2pa")
        elif marker == 0xED:
            found.add("iptc")
        elif marker == 0xFE:
            found.add("comment")
        else:  # APP3 … APP15 but APP14 (Adobe's colour transform), and anything unknown
            found.add("other")
    return found


def png_chunks(data: bytes):
    """(type, payload) of each chunk, and ``(b"trailing", bytes)`` for anything after IEND."""
    n, i = len(data), 8
    while i + 8 <= n:
        length = int.from_bytes(data[i : i + 4], "big")
        kind = data[i + 4 : i + 8]
        if i + 12 + length > n:
            raise Uncleanable("damaged")
        yield kind, data[i + 8 : i + 8 + length]
        i += 12 + length
        if kind == b"IEND":
            if data[i:].strip(b"\x00"):
                yield b"trailing", data[i:]
            return
    raise Uncleanable("damaged")


def _inspect_png(data: bytes) -> set[str]:
    found = set()
    for kind, payload in png_chunks(data):
        if kind in (b"tEXt", b"zTXt", b"iTXt"):
            found.add("xmp" if payload.startswith(b"XML:com.adobe.xmp") else "properties")
        elif kind in (b"eXIf", b"zxIf"):
            found.add("exif_other")
        elif kind == b"iCCP":
            found.add("icc")
        elif kind == b"tIME":
            found.add("taken")
        elif kind == b"caBX":
            found.add("c2pa")
        elif kind == b"trailing":
            found.add("trailing")
        elif kind not in PNG_HARMLESS:
            found.add("other")
    return found
