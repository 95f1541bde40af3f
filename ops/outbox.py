"""Durable outgoing e-mail: the outbox.

``queue_mail`` writes the message in the same transaction as the action that causes it: if the
action rolls back, no mail; if it commits, the mail is kept until delivered, whatever the mail
server does. A worker delivers it (``deliver``): first right after the commit (a task is
enqueued then), afterwards by the periodic sweep, with backoff. A message that keeps failing
is marked failed — the secretariat sees it on its outbox page and can send it again — and the
``mail_failed`` signal lets the app it belongs to say so on its case.

Delivery is claimed with a conditional update (pending → sending, with a lease), so two workers
never send the same message at once; a worker that dies while sending leaves the message in
"sending" until its lease runs out, and the sweep then gives it back. The message's id is its
``Message-ID`` on every attempt: a copy the server accepted just before the worker died is the
same message to the receiving side, not a new one. Nothing about a message reaches the log but
its purpose and the kind of error — never an address, a subject or an error's text.
"""

import contextlib
import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import OutboxMessage

log = logging.getLogger(__name__)

State = OutboxMessage.State
# Minutes to wait after the 1st, 2nd, … failed attempt; after the last, the message has failed.
BACKOFF_MINUTES = (1, 5, 15, 60, 180, 360)
MAX_ATTEMPTS = len(BACKOFF_MINUTES) + 1
# How long a worker may take over one message before another may try it.
LEASE = timedelta(seconds=getattr(settings, "OUTBOX_LEASE_SECONDS", 300))
BATCH = 200

# Sent with ``message`` when a message has failed for good.
mail_failed = Signal()


def queue_mail(
    *,
    subject: str,
    body: str,
    recipients: list[str],
    purpose: str,
    confidential: bool = False,
    related: str = "",
) -> OutboxMessage:
    """Put a message in the outbox (in the caller's transaction) and ask a worker to send it as
    soon as the transaction commits."""
    message = OutboxMessage.objects.create(
        subject=subject,
        body=body,
        recipients=list(recipients),
        purpose=purpose,
        confidential=confidential,
        related=related,
    )
    transaction.on_commit(lambda: _enqueue_delivery(message.pk))
    return message


def _enqueue_delivery(message_id) -> None:
    from .tasks import deliver_message  # here, not at the top: ops.tasks imports this module

    try:
        deliver_message.enqueue(str(message_id))
    except Exception as exc:
        log.warning("Could not enqueue an e-mail delivery: %s", type(exc).__name__)


def message_id_header(message: OutboxMessage) -> str:
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].rstrip(">").strip() or "localhost"
    return f"<{message.pk}@{domain}>"


def deliver(message_id, *, connection=None) -> str:
    """One attempt at one message, if it is due and nobody else is sending it. Returns the
    message's state afterwards (or "skipped")."""
    now = timezone.now()
    claimed = OutboxMessage.objects.filter(
        pk=message_id, state=State.PENDING, next_attempt_at__lte=now
    ).update(state=State.SENDING, lease_until=now + LEASE, attempts=F("attempts") + 1)
    if not claimed:
        return "skipped"
    message = OutboxMessage.objects.get(pk=message_id)
    email = EmailMessage(
        message.subject,
        message.body,
        None,
        message.recipients,
        headers={"Message-ID": message_id_header(message)},
        connection=connection,
    )
    try:
        email.send(fail_silently=False)
    except Exception as exc:
        return _failed_attempt(message, exc)
    OutboxMessage.objects.filter(pk=message.pk).update(
        state=State.SENT, sent_at=timezone.now(), lease_until=None, last_error=""
    )
    return State.SENT


def smtp_code(exc: Exception) -> int | None:
    """The SMTP reply code of a refusal, where the server gave one (for several recipients,
    the mildest: a message is refused for good only if every recipient is)."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused) and exc.recipients:
        return min(code for code, _reply in exc.recipients.values())
    code = getattr(exc, "smtp_code", None)
    return code if isinstance(code, int) else None


def _failed_attempt(message: OutboxMessage, exc: Exception) -> str:
    code = smtp_code(exc)
    kind = (type(exc).__name__ + (f" {code}" if code else ""))[:100]
    # 5xx: the server refuses for good (an unknown recipient, a rejected message): trying again
    # for ten hours changes nothing, and the secretariat should see it on /udbakke/ now.
    permanent = code is not None and 500 <= code < 600
    if message.attempts >= MAX_ATTEMPTS or permanent:
        OutboxMessage.objects.filter(pk=message.pk).update(
            state=State.FAILED, lease_until=None, last_error=kind
        )
        log.warning(
            "E-mail failed for good (%s) after %d attempts: %s", message.purpose, message.attempts, kind
        )
        message.refresh_from_db()
        mail_failed.send(sender=OutboxMessage, message=message)
        return State.FAILED
    wait = timedelta(minutes=BACKOFF_MINUTES[message.attempts - 1])
    OutboxMessage.objects.filter(pk=message.pk).update(
        state=State.PENDING, lease_until=None, next_attempt_at=timezone.now() + wait, last_error=kind
    )
    log.warning("E-mail not sent yet (%s), attempt %d: %s", message.purpose, message.attempts, kind)
    return State.PENDING


def deliver_due() -> dict[str, int]:
    """The periodic sweep: give back messages whose sender died, then try every due one."""
    now = timezone.now()
    OutboxMessage.objects.filter(state=State.SENDING, lease_until__lt=now).update(
        state=State.PENDING, lease_until=None
    )
    due = list(
        OutboxMessage.objects.filter(state=State.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:BATCH]
    )
    counts: dict[str, int] = {}
    if not due:
        return counts
    connection = get_connection()
    try:
        for pk in due:
            outcome = deliver(pk, connection=connection)
            counts[outcome] = counts.get(outcome, 0) + 1
            if outcome != State.SENT:
                _close(connection)  # a broken connection is opened afresh for the next one
    finally:
        _close(connection)
    return counts


def _close(connection) -> None:
    with contextlib.suppress(Exception):  # closing a broken connection
        connection.close()


def retry(message: OutboxMessage) -> None:
    """The secretariat sends a failed message again (from the beginning of the backoff)."""
    OutboxMessage.objects.filter(pk=message.pk, state=State.FAILED).update(
        state=State.PENDING, attempts=0, next_attempt_at=timezone.now(), last_error=""
    )
    transaction.on_commit(lambda: _enqueue_delivery(message.pk))


def backlog() -> dict[str, int]:
    """For the health check: messages waiting longer than a quarter of an hour, and failed ones."""
    late = timezone.now() - timedelta(minutes=15)
    return {
        "late": OutboxMessage.objects.filter(
            Q(state=State.PENDING) | Q(state=State.SENDING), created_at__lt=late
        ).count(),
        "failed": OutboxMessage.objects.filter(state=State.FAILED).count(),
    }


def prune(*, keep_days: int) -> int:
    """Delete sent messages older than ``keep_days`` (their bodies hold status links)."""
    deleted, _ = OutboxMessage.objects.filter(
        state=State.SENT, sent_at__lt=timezone.now() - timedelta(days=keep_days)
    ).delete()
    return deleted


def mask_address(address: str) -> str:
    """``karen.hansen@hansen-familien.dk`` → ``k***@h***.dk``: enough to tell messages apart.
    The domain is masked too (all but its last part): a personal domain names the person."""
    local, _, domain = address.partition("@")
    if not domain:
        return "***"
    *names, top = domain.split(".")
    masked = [f"{name[:1]}***" for name in names if name]
    return f"{local[:1]}***@{'.'.join([*masked, top])}"


PURPOSE_LABELS = {
    "complainant notice": _("Notice to a complainant"),
    "complainant letter": _("Notice of a letter to a complainant"),
    "caseworker notice": _("Notice to a caseworker"),
    "reply reminders": _("Reminder to a jurist"),
    "whistleblower unit notice": _("The whistleblower unit (content hidden)"),
    "whistleblower unit deadlines": _("The whistleblower unit (content hidden)"),
}


def purpose_label(purpose: str) -> str:
    """The purpose in the reader's language (a purpose without a label is "Other e-mail", never
    the code)."""
    return str(PURPOSE_LABELS.get(purpose, _("Other e-mail")))
