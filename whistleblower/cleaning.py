"""Cleaning a report's files in the worker: the request stores the encrypted original and asks
for a cleaning; the worker makes the copy the unit opens.

A reporter who chose anonymity can be identified by what a file carries without their knowing:
a photo's GPS position and camera serial number, a document's author, its folder on the
sender's disk, the names behind its comments. ``report_file_clean`` decrypts the original, has
it cleaned in a child process held to limits (``whistleblower.sanitize``: pictures redrawn from
their pixels, PDFs rebuilt from their pages, Office files part by part) and stores the copy,
encrypted. Until then the file is "being cleaned"; a file that cannot be cleaned, or that hits
a limit, is marked so and only its original can be opened — with a reason, in the access log.

The task carries the file's id only; nothing of a file's name or content reaches a log.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ops.uploads import delete_after_commit

from .crypto import decrypt_bytes, encrypt_bytes
from .models import CleanStatus, ReportFile
from .sanitize import CLEANABLE_TYPES, PLAIN_TYPES
from .sanitize.isolated import clean_isolated
from .sanitize.limits import Limits

log = logging.getLogger(__name__)

# What can be found and taken out (codes → what the unit reads; names of kinds, never values).
REMOVED_LABELS = {
    "gps": _("GPS position"),
    "camera": _("camera make and model"),
    "serial": _("camera serial number"),
    "taken": _("date and time taken"),
    "software": _("software used"),
    "author": _("author"),
    "computer": _("computer name"),
    "xmp": _("XMP metadata"),
    "iptc": _("IPTC data"),
    "comment": _("embedded comment"),
    "exif_other": _("other EXIF data"),
    "properties": _("document properties (title, company, dates)"),
    "comment_authors": _("names and dates of comments and tracked changes"),
    "revisions": _("revision and document ids"),
    "icc": _("colour profile (the colours are converted)"),
    "c2pa": _("content credentials (C2PA)"),
    "trailing": _("data after the end of the picture"),
    "thumbnail": _("preview picture"),
    "other": _("other embedded data"),
    "embedded_files": _("attached files"),
    "scripts": _("scripts and automatic actions"),
    "history": _("earlier versions of the document"),
    "image_metadata": _("the pictures' EXIF and XMP"),
    "paths": _("folder paths and links to the sender's files"),
    "custom_xml": _("data stored with the document (customXml)"),
    "printer": _("printer settings"),
    "macros": _("macros"),
    "signature": _("digital signature (names the signer)"),
}
UNCHECKED_LABELS = {
    "metafile": _("drawings in EMF/WMF format"),
}
# Why no cleaned copy could be made.
PROBLEM_LABELS = {
    "encrypted": _("the file is protected by a password"),
    "damaged": _("the file is damaged or of an unusual kind"),
    "embedded": _("it holds an embedded object or film that cannot be cleaned"),
    "time": _("cleaning it took too long"),
    "memory": _("cleaning it needed too much memory"),
    "size": _("it unpacks to far more than its size (a packed archive)"),
    "pixels": _("the picture has too many pixels"),
    "pages": _("it has too many pages"),
    "output": _("the cleaned copy would be too large"),
    "attempts": _("the cleaning was interrupted several times"),
}
MAX_ATTEMPTS = 3


def labels(codes) -> list[str]:
    known = REMOVED_LABELS | UNCHECKED_LABELS
    return [str(known.get(code, code)) for code in codes]


def problem_label(code: str) -> str:
    return str(PROBLEM_LABELS.get(code, code)) if code else ""


def status_at_upload(content_type: str) -> str:
    """What a new file is until the worker has looked at it."""
    if content_type in CLEANABLE_TYPES:
        return CleanStatus.PENDING
    return CleanStatus.NOTHING_FOUND if content_type in PLAIN_TYPES else CleanStatus.NOT_CLEANABLE


def limits() -> Limits:
    """The limits of one cleaning (``WB_CLEANING_LIMITS`` in the settings overrides any)."""
    return Limits(**getattr(settings, "WB_CLEANING_LIMITS", {}))


def request_cleaning(stored: ReportFile) -> None:
    """After the commit, ask the worker to clean ``stored`` (the sweep catches up if this fails)."""
    if stored.clean_status != CleanStatus.PENDING:
        return

    def enqueue():
        from .tasks import clean_file  # here, not at the top: whistleblower.tasks imports this module

        try:
            clean_file.enqueue(stored.pk)
        except Exception as exc:
            log.warning("Could not enqueue a file cleaning: %s", type(exc).__name__)

    transaction.on_commit(enqueue)


def _lease_seconds() -> int:
    return limits().wall_seconds + 60


def report_file_clean(file_id: int) -> str:
    """Clean one file, if it is still waiting and no other worker has it. Returns a status word
    (no content). Safe to run twice: the result is stored only while the file is pending."""
    now = timezone.now()
    claimed = (
        ReportFile.objects.filter(pk=file_id, clean_status=CleanStatus.PENDING)
        .filter(Q(clean_lease_until__isnull=True) | Q(clean_lease_until__lt=now))
        .update(
            clean_lease_until=now + timedelta(seconds=_lease_seconds()),
            clean_attempts=F("clean_attempts") + 1,
        )
    )
    if not claimed:
        return "skipped"
    stored = ReportFile.objects.only("pk", "blob", "cleaned_blob", "content_type", "clean_attempts").get(
        pk=file_id
    )
    if stored.clean_attempts > MAX_ATTEMPTS:
        # It stopped the worker every time (or the worker was stopped): give up on it.
        _finish(stored, status=CleanStatus.LIMIT, problem="attempts")
        return CleanStatus.LIMIT
    with stored.blob.open("rb") as handle:
        original = decrypt_bytes(handle.read())
    outcome = clean_isolated(original, stored.content_type, limits())
    del original
    new_blob = ""
    if outcome.data is not None:
        new_blob = stored.cleaned_blob.storage.save(
            ReportFile._meta.get_field("cleaned_blob").generate_filename(stored, "file"),
            ContentFile(encrypt_bytes(outcome.data)),
        )
    done = _finish(
        stored,
        status=outcome.status,
        problem=outcome.problem,
        removed=outcome.removed,
        unchecked=outcome.unchecked,
        blob=new_blob,
    )
    log.info(
        "Whistleblower file %s: %s%s (%.1f s CPU, %d MB)",
        file_id,
        outcome.status,
        f" ({outcome.problem})" if outcome.problem else "",
        outcome.cpu_seconds,
        outcome.max_rss_bytes // (1024 * 1024),
    )
    return outcome.status if done else "skipped"


def _finish(stored, *, status, problem="", removed=(), unchecked=(), blob="") -> bool:
    """Record the result while the file is still pending; the old copy (from an earlier
    cleaning) or an unneeded new one is deleted after the commit."""
    old = stored.cleaned_blob.name or ""
    with transaction.atomic():
        done = ReportFile.objects.filter(pk=stored.pk, clean_status=CleanStatus.PENDING).update(
            clean_status=status,
            clean_problem=problem,
            removed=list(removed),
            unchecked=list(unchecked),
            cleaned_blob=blob,
            clean_lease_until=None,
        )
        delete_after_commit([old if done else blob])
    return bool(done)


def clean_pending(batch: int = 20) -> str:
    """The worker's sweep (every minute): files still waiting whose task was lost, or whose
    worker died (its lease ran out)."""
    now = timezone.now()
    waiting = (
        ReportFile.objects.filter(clean_status=CleanStatus.PENDING)
        .filter(Q(clean_lease_until__isnull=True) | Q(clean_lease_until__lt=now))
        .filter(created_at__lt=now - timedelta(minutes=1))
        .order_by("created_at")
        .values_list("pk", flat=True)[:batch]
    )
    for file_id in list(waiting):
        report_file_clean(file_id)
    return "done"
