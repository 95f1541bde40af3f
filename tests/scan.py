"""Every byte of a file, unpacked, for the leak checks — written without the cleaner's libraries.

"Renset" is a promise about every byte: a check with the parser that wrote the copy would only
see what that parser sees. ``views`` expands a file into each layer a reader could reach: the
raw bytes, every zip member (nested ones too), every PDF stream inflated (object streams, XMP,
attached files), every compressed PNG chunk. ``leaks`` looks for the planted values there in
every encoding they could take: UTF-8, UTF-16 either way (EXIF's XP tags, PDF strings), Latin-1,
hex (PDF hex strings) and XML character references.
"""

import base64
import io
import re
import struct
import zipfile
import zlib

PDF_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.S)


def views(data: bytes, depth: int = 0) -> list[bytes]:
    found = [data]
    if depth > 4:
        return found
    if data.startswith(b"PK\x03\x04") or b"PK\x05\x06" in data[-1024:]:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                found.append(archive.comment)
                for member in archive.infolist():
                    found.append(member.extra)
                    found.extend(views(archive.read(member), depth + 1))
        except zipfile.BadZipFile:
            pass
    if data.startswith(b"%PDF"):
        for raw in PDF_STREAM.findall(data):
            found.extend(views(_pdf_stream(raw.rstrip(b"\r\n")), depth + 1))
    if data.startswith(b"\x89PNG"):
        found.extend(_png_inflated(data))
    return found


def _pdf_stream(raw: bytes) -> bytes:
    """A stream's content with its Flate and ASCII85 layers taken off, as far as they go."""
    for _layer in range(3):
        try:
            raw = zlib.decompress(raw)
            continue
        except zlib.error:
            pass
        if raw.rstrip().endswith(b"~>"):
            try:
                raw = base64.a85decode(raw.rstrip()[:-2], ignorechars=b" \t\r\n\v")
                continue
            except ValueError:
                pass
        break
    return raw


def _png_inflated(data: bytes) -> list[bytes]:
    out, i = [], 8
    while i + 8 <= len(data):
        (length,) = struct.unpack(">I", data[i : i + 4])
        kind, payload = data[i + 4 : i + 8], data[i + 8 : i + 8 + length]
        i += 12 + length
        if kind in (b"zTXt", b"iCCP", b"iTXt", b"zxIf"):
            start = payload.find(b"\x00") + 1
            for offset in range(start, min(start + 64, len(payload))):
                try:
                    out.append(zlib.decompress(payload[offset:]))
                    break
                except zlib.error:
                    continue
    return out


def encodings(value: str) -> list[bytes]:
    forms = []
    for encoding in ("utf-8", "utf-16-le", "utf-16-be", "latin-1"):
        try:
            forms.append(value.encode(encoding))
        except UnicodeEncodeError:
            continue
    for raw in (value.encode("utf-8"), value.encode("utf-16-be")):
        forms += [raw.hex().encode(), raw.hex().upper().encode()]
    forms.append("".join(f"&#{ord(c)};" for c in value).encode())
    return forms


def leaks(data: bytes, planted: list[str | bytes]) -> list[str]:
    """The planted values (strings, or exact byte patterns) found anywhere in ``data``."""
    layers = views(data)
    found = []
    for value in planted:
        patterns = [value] if isinstance(value, bytes) else encodings(value)
        if any(pattern in layer for layer in layers for pattern in patterns):
            found.append(value if isinstance(value, str) else value.hex())
    return found
