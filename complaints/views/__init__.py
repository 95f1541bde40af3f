"""Complaints views, by concern: the jurists' case pages (``case``), correspondence
(``correspondence``), the public side (``public``) and the secretariat's exports (``exports``).

Audience, declared on each view: ``@caseworker_required`` — jurists and the head;
``@login_not_required`` — the public (the complaint form, the secret status link).

Transition moves share one POST-only view, parametrised by the action in its URL
(core.viewhelpers.transition_post), as the supervision and whistleblower pages do."""

from .case import (
    consent_add,
    detail,
    edit,
    inquiry_add,
    inquiry_remind,
    inquiry_reply,
    intake,
    point_add,
    queue,
    reassign,
    reminder_correct,
    round_add,
    take,
    transition,
    workload,
)
from .correspondence import (
    attachment_add,
    attachment_download,
    case_file,
    incoming_add,
    letter,
    letter_download,
    letter_send,
)
from .exports import department_export
from .public import (
    public_complaint_form,
    public_letter,
    public_message,
    public_send_link,
    public_status,
    public_survey,
)

__all__ = [
    "attachment_add",
    "attachment_download",
    "case_file",
    "consent_add",
    "department_export",
    "detail",
    "edit",
    "incoming_add",
    "inquiry_add",
    "inquiry_remind",
    "inquiry_reply",
    "intake",
    "letter",
    "letter_download",
    "letter_send",
    "point_add",
    "public_complaint_form",
    "public_letter",
    "public_message",
    "public_send_link",
    "public_status",
    "public_survey",
    "queue",
    "reassign",
    "reminder_correct",
    "round_add",
    "take",
    "transition",
    "workload",
]
