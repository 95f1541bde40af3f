"""Whistleblower views, by audience: the public portal (``portal``), the unit's second factor and
members (``members``) and the unit's work on reports (``unit``).

The public portal (``@portal_page``): no sign-in, no session, no CSRF cookie — the receipt
code in the form body is the reporter's only credential. The unit's pages
(``@unit_member_required``): members of ``whistleblower_unit`` with a verified TOTP second
factor; everybody else gets 404."""

from .members import second_factor, unit_member_add, unit_member_code, unit_member_remove, unit_members
from .portal import portal, portal_follow_up, portal_report
from .unit import (
    unit_disclose,
    unit_file,
    unit_file_original,
    unit_identity,
    unit_message,
    unit_notes,
    unit_oral,
    unit_queue,
    unit_record_approved,
    unit_report,
    unit_summary,
    unit_transition,
)

__all__ = [
    "portal",
    "portal_follow_up",
    "portal_report",
    "second_factor",
    "unit_disclose",
    "unit_file",
    "unit_file_original",
    "unit_identity",
    "unit_member_add",
    "unit_member_code",
    "unit_member_remove",
    "unit_members",
    "unit_message",
    "unit_notes",
    "unit_oral",
    "unit_queue",
    "unit_record_approved",
    "unit_report",
    "unit_summary",
    "unit_transition",
]
