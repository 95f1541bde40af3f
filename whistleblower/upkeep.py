"""The scheme's upkeep, run by the worker on a schedule (whistleblower.apps) or by hand (the
``wb_*`` commands): the unit's deadline mail, the retention purge of closed reports' content, and
the re-encryption under a new key."""

from datetime import timedelta

from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ops.outbox import queue_mail
from ops.uploads import delete_after_commit

from .crypto import EncryptedTextField, decrypt_bytes, encrypt_bytes
from .models import (
    AccessLog,
    Message,
    Report,
    ReportAction,
    ReportEvent,
    ReportFile,
    ReportPersons,
)
from .services import due_soon


@transaction.atomic
def purge_content(*, today, retention_days: int) -> int:
    """Delete the content of reports closed more than ``retention_days`` ago: the text, the
    messages, the identity and third persons, the files (rows, and the encrypted blobs in the
    private storage once the deletion is committed) and the reasons in the access log. The statistics fields
    stay (dates, channel, matter themes, scope decision, rejection reason), and so do the log
    rows themselves (who opened what, when) and the unit's anonymised ``summary``: it was
    written to be published in the annual account (``published.annual_account``), which must still be
    possible for a year whose reports are already purged. Idempotent."""
    due = Report.objects.filter(
        state__in=["closed", "rejected"],
        closed_on__lt=today - timedelta(days=retention_days),
        content_purged_on__isnull=True,
    )
    ids = list(due.values_list("pk", flat=True))
    if not ids:
        return 0
    Message.objects.filter(report_id__in=ids).delete()
    ReportPersons.objects.filter(report_id__in=ids).delete()
    files = ReportFile.objects.filter(report_id__in=ids)
    blobs = [
        blob.name
        for stored in files.only("blob", "cleaned_blob")
        for blob in (stored.blob, stored.cleaned_blob)
    ]
    files.delete()
    # The one update the access log's trigger allows: clearing a reason.
    AccessLog.objects.filter(report_id__in=ids).exclude(reason="").update(reason="")
    # Not ``summary``: see the docstring.
    Report.objects.filter(pk__in=ids).update(
        subject="",
        proposed_subject="",
        body="",
        where="",
        when="",
        notes="",
        rejection_guidance="",
        passed_to_department="",
        oral_record="",
        receipt_locator=None,
        receipt_hash="",
        content_purged_on=today,
    )
    ReportEvent.objects.bulk_create(
        ReportEvent(report_id=pk, action=ReportAction.CONTENT_PURGED) for pk in ids
    )

    # After the commit (a rolled-back purge leaves the files with their rows), and recorded now:
    # a file the bucket does not delete at once is deleted by the periodic sweep.
    delete_after_commit(blobs)
    return len(ids)


def rotate_encryption() -> dict[str, int]:
    """Re-encrypt every encrypted value and file under the first key of WB_ENCRYPTION_KEY
    (the ORM decrypts with any listed key and encrypts with the first)."""
    counts = {}
    for model in django_apps.get_app_config("whistleblower").get_models():
        fields = [f.name for f in model._meta.fields if isinstance(f, EncryptedTextField)]
        if not fields:
            continue
        n = 0
        for row in model.objects.values("pk", *fields).iterator(chunk_size=500):
            model.objects.filter(pk=row.pop("pk")).update(**row)
            n += 1
        counts[model._meta.label] = n
    for stored in ReportFile.objects.all().iterator(chunk_size=100):
        for blob in (stored.blob, stored.cleaned_blob):
            if not blob:
                continue
            with blob.open("rb") as handle:
                plain = decrypt_bytes(handle.read())
            old_name = blob.name
            blob.save("file", ContentFile(encrypt_bytes(plain)), save=True)
            blob.storage.delete(old_name)
    counts["files"] = ReportFile.objects.count()
    return counts


# --- periodic work (declared in whistleblower.apps; also the wb_* commands) ----------------

DEADLINES_SUBJECT = "Whistleblowerordningen: frister"


def deadlines_remind(today=None) -> dict[str, int]:
    """Mail the unit about acknowledgements due within 2 days and feedback within 14 — counts
    and a link, never content or references. Nothing is sent when nothing is due."""
    counts = due_soon(today or timezone.localdate())
    if not any(counts.values()):
        return {**counts, "recipients": 0}
    recipients = list(
        get_user_model()
        .objects.filter(groups__name="whistleblower_unit", is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if recipients:
        link = settings.PUBLIC_BASE_URL.rstrip("/") + reverse("whistleblower:unit_queue")
        body = (
            f"Kvitteringer, der skal sendes inden 2 dage: {counts['acknowledgements']}\n"
            f"Feedback, der skal gives inden 14 dage: {counts['feedback']}\n\nSe køen: {link}\n"
        )
        queue_mail(
            subject=DEADLINES_SUBJECT,
            body=body,
            recipients=recipients,
            purpose="whistleblower unit deadlines",
            confidential=True,
        )
    return {**counts, "recipients": len(recipients)}


def purge_due() -> int:
    return purge_content(today=timezone.localdate(), retention_days=settings.WB_RETENTION_DAYS)
