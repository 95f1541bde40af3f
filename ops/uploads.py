"""Uploaded files: private storage, and checks of size, extension and — by the first bytes —
actual content.

A file whose content does not match its extension is refused: a renamed executable must not
land in a case as "bilag.pdf".
"""

import logging
import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, storages
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from .models import FileDeletion

log = logging.getLogger(__name__)

MAX_BYTES = 20 * 1024 * 1024

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Outlook .msg (OLE compound file)
ZIP = b"PK\x03\x04"  # .docx and .xlsx are zip containers

# extension → (content type, check of the first bytes)
ALLOWED = {
    "pdf": ("application/pdf", lambda head: head.startswith(b"%PDF-")),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        lambda head: head.startswith(ZIP),
    ),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        lambda head: head.startswith(ZIP),
    ),
    "jpg": ("image/jpeg", lambda head: head.startswith(b"\xff\xd8\xff")),
    "jpeg": ("image/jpeg", lambda head: head.startswith(b"\xff\xd8\xff")),
    "png": ("image/png", lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
    "tif": ("image/tiff", lambda head: head.startswith((b"II*\x00", b"MM\x00*"))),
    "tiff": ("image/tiff", lambda head: head.startswith((b"II*\x00", b"MM\x00*"))),
    "pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        lambda head: head.startswith(ZIP),
    ),
    "txt": ("text/plain", lambda head: _is_text(head)),
    "eml": ("message/rfc822", lambda head: _is_text(head)),
    "msg": ("application/vnd.ms-outlook", lambda head: head.startswith(OLE)),
}


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut off at the end of the sample is fine.
        return exc.start >= len(head) - 3
    return True


def validate_upload(upload) -> str:
    """Return the file's content type, or raise ValidationError with a Danish message."""
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED:
        raise ValidationError(
            _(
                "The file %(name)s cannot be attached. Allowed types: PDF, Word (docx), Excel (xlsx), JPG, "
                "PNG, text, and e-mails (eml, msg)."
            )
            % {"name": name}
        )
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The file %(name)s is larger than 20 MB.") % {"name": name})
    if upload.size == 0:
        raise ValidationError(_("The file %(name)s is empty.") % {"name": name})
    content_type, looks_right = ALLOWED[extension]
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if not looks_right(head):
        raise ValidationError(_("The content of %(name)s does not match its file type.") % {"name": name})
    return content_type


class PrivateStorage(FileSystemStorage):
    """The local private storage (``PRIVATE_STORAGE=local``, the default for ``make run`` and
    the tests): files under ``PRIVATE_MEDIA_ROOT``, read at use (so the setting can move), with
    no URL: they are only ever streamed through a permission-checked view."""

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public URL.")


def private_storage():
    """The ``private`` storage of ``STORAGES``: a folder on this machine, or the bucket the web
    servers share (``PRIVATE_STORAGE=s3``, ops.s3). Every private file goes through it — by
    name, never by a path on disk. (A callable, so the models' fields name the alias, not a
    backend.)"""
    return storages["private"]


def stored_names(storage, folder: str = ""):
    """Every file's name in a storage, folder by folder (a local folder or a bucket alike)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    prefix = f"{folder}/" if folder else ""
    for name in sorted(files):
        yield f"{prefix}{name}"
    for sub in sorted(folders):
        yield from stored_names(storage, f"{prefix}{sub}")


def delete_after_commit(names) -> None:
    """Delete private files once the transaction that removed their rows commits. The names are
    recorded in that same transaction (``ops.FileDeletion``): a rolled-back deletion keeps its
    files, and a committed one loses them even if the storage or the process fails right after
    — the periodic sweep finishes the work."""
    names = sorted({name for name in names if name})
    if not names:
        return
    FileDeletion.objects.bulk_create([FileDeletion(name=name) for name in names], ignore_conflicts=True)
    transaction.on_commit(lambda: sweep_file_deletions(names))


def sweep_file_deletions(names=None) -> int:
    """Delete the listed files from the private storage and forget each one that is gone;
    the periodic job calls it for all of them. Returns how many are still waiting."""
    storage = private_storage()
    waiting = FileDeletion.objects.order_by("pk")
    if names is not None:
        waiting = waiting.filter(name__in=names)
    left = 0
    for pk, name in waiting.values_list("pk", "name"):
        try:
            storage.delete(name)
            if storage.exists(name):
                raise OSError("the file is still there")
        except Exception as exc:  # the storage's errors vary by backend; none may stop the sweep
            left += 1
            FileDeletion.objects.filter(pk=pk).update(
                attempts=F("attempts") + 1, last_error=type(exc).__name__
            )
            log.warning(
                "A private file could not be deleted yet (%s); the sweep tries again.", type(exc).__name__
            )
            continue
        FileDeletion.objects.filter(pk=pk).delete()
    return left
