"""Outgoing e-mail, sent once the action that causes it is committed.

A failing mail server must never turn a saved action into an error page: the action stands,
the failure is logged and the caller may record it (e.g. on the case's timeline). The log
line names the purpose and the kind of error only — never the address, the subject or the
error's text, which for SMTP often quotes the address.
"""

import logging
from collections.abc import Callable

from django.core.mail import send_mail
from django.db import transaction

log = logging.getLogger(__name__)


def send_now(*, subject: str, body: str, recipients: list[str], purpose: str) -> bool:
    """Send one message; False (and a log line without personal data) if it failed."""
    try:
        send_mail(subject, body, None, recipients, fail_silently=False)
    except Exception as exc:
        log.warning("E-mail not sent (%s): %s", purpose, type(exc).__name__)
        return False
    return True


def send_after_commit(
    *,
    subject: str,
    body: str,
    recipients: list[str],
    purpose: str,
    on_failure: Callable[[], None] | None = None,
) -> None:
    """Send after the surrounding transaction commits (nothing is sent if it rolls back)."""

    def deliver():
        if not send_now(subject=subject, body=body, recipients=recipients, purpose=purpose) and on_failure:
            on_failure()

    transaction.on_commit(deliver)
