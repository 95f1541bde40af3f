"""A complaint's file as a PDF (``akt.pdf``): its facts, the numbered list of its documents
(aktliste) and its timeline with notes — for the jurist's overview and for a request for access
to documents (aktindsigt). Read in a fixed number of queries."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from core.access import CaseDocument
from core.formatting import long_date, long_datetime
from core.notes import merged_timeline, notes_of
from core.redact import redact_cpr
from ops.documents import CaseFile, render_case_file

from .models import Complaint, MediationRound, Reminder, WrittenInquiry


def _person(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def documents(complaint: Complaint) -> list[list[str]]:
    """The aktliste: every document received, sent or filed on the case, by date, numbered."""
    department = complaint.department.name if complaint.department_id else _("the department")
    citizen = complaint.person_name or complaint.get_requester_display()
    rows = [
        (
            complaint.received_on,
            0,
            _("%(kind)s received (%(channel)s)")
            % {"kind": complaint.get_kind_display(), "channel": complaint.get_channel_display()},
            _("From %(name)s") % {"name": citizen},
        )
    ]
    for incoming in complaint.incoming.select_related("attachment"):
        what = _("Received (%(channel)s)") % {"channel": incoming.get_channel_display()}
        if incoming.attachment_id:
            what += " · " + _("File: %(name)s") % {"name": incoming.attachment.original_name}
        if incoming.text:
            what += "\n" + incoming.text
        rows.append(
            (
                timezone.localtime(incoming.received_at).date(),
                5,
                what,
                _("From %(name)s") % {"name": incoming.sender},
            )
        )
    for letter in complaint.letters.all():
        to = citizen if letter.recipient == "citizen" else department
        rows.append(
            (timezone.localtime(letter.sent_at).date(), 6, letter.title, _("To %(name)s") % {"name": to})
        )
    # Files that came with a message are listed with it.
    for attachment in complaint.attachments.filter(incoming__isnull=True).select_related("uploaded_by"):
        rows.append(
            (
                timezone.localtime(attachment.uploaded_at).date(),
                1,
                _("File: %(name)s") % {"name": attachment.original_name},
                _("Filed by %(name)s") % {"name": _person(attachment.uploaded_by)}
                if attachment.uploaded_by
                else "",
            )
        )
    inquiries = list(WrittenInquiry.objects.filter(complaint=complaint))
    for inquiry in inquiries:
        rows.append(
            (
                inquiry.sent_on,
                2,
                _("Written inquiry, reply due %(date)s") % {"date": long_date(inquiry.due_on)},
                _("To %(name)s") % {"name": department},
            )
        )
        if inquiry.answered_on:
            rows.append(
                (
                    inquiry.answered_on,
                    4,
                    _("Reply to the written inquiry"),
                    _("From %(name)s") % {"name": department},
                )
            )
    for reminder in Reminder.objects.filter(inquiry__complaint=complaint).select_related("inquiry"):
        rows.append(
            (
                reminder.sent_on,
                3,
                _("Reminder about the written inquiry of %(date)s")
                % {"date": long_date(reminder.inquiry.sent_on)},
                _("To %(name)s") % {"name": department},
            )
        )
    rows.sort(key=lambda row: (row[0], row[1]))
    return [
        [str(number), long_date(day), text, party]
        for number, (day, _order, text, party) in enumerate(rows, 1)
    ]


def timeline(complaint: Complaint, *, internal: bool = True) -> list[list[str]]:
    """Every event, note, call and shuttle contact, in the order they happened. The copy for
    somebody else (``internal=False``) leaves out the notes, calls and the events' internal
    notes (a reassignment's reason, a reopening's) — the case's steps remain."""
    events = complaint.events.select_related("actor")
    notes = notes_of("complaint", complaint) if internal else []
    rows = []
    for item in merged_timeline(events, notes):
        what = str(item.action_label)
        if item.from_state != item.to_state:
            what = f"{item.get_to_state_display()} · {what}"
        who = _person(item.actor)
        note = item.note if internal else ""
        rows.append(
            (item.at, [long_datetime(item.at), what, "\n".join(part for part in (who, note) if part)])
        )
    for contact in MediationRound.objects.filter(complaint=complaint) if internal else []:
        at = timezone.make_aware(dt.datetime.combine(contact.held_on, dt.time.min))
        rows.append(
            (
                at,
                [
                    long_date(contact.held_on),
                    _("Shuttle contact with the %(party)s") % {"party": contact.get_party_display().lower()},
                    contact.summary,
                ],
            )
        )
    rows.sort(key=lambda row: row[0])
    return [row for _at, row in rows]


def case_file_pdf(complaint: Complaint, *, cpr: str, internal: bool = True, mask_cpr: bool = False) -> bytes:
    """``cpr`` is what the reader may see of the CPR number (in full, masked or nothing);
    ``internal=False`` is the copy for somebody else (see ``timeline``). With ``mask_cpr`` every
    CPR number in any text of the file — a citizen's message, a file's name, a letter's title, a
    note — is masked as well (core.redact), not only the one in the facts."""
    hide = redact_cpr if mask_cpr else (lambda text: text)
    responsible = _person(complaint.responsible) or "—"
    facts = [
        (_("Case number"), complaint.case_number),
        (_("Kind"), complaint.get_kind_display()),
        (_("Person concerned"), complaint.person_name or "—"),
        (_("CPR number"), cpr or "—"),
        (_("Department"), complaint.department.name if complaint.department_id else "—"),
        (_("Received"), long_date(complaint.received_on)),
        (_("State"), complaint.get_state_display()),
        (_("Responsible"), responsible),
    ]
    if complaint.closed_on:
        facts.append((_("Closed"), long_date(complaint.closed_on)))
    return render_case_file(
        CaseFile(
            title=(
                _("The case file of %(number)s")
                if internal
                else _("The case file of %(number)s, copy to hand out")
            )
            % {"number": complaint.case_number},
            reference=complaint.case_number,
            printed=_("Printed %(when)s") % {"when": long_datetime(timezone.now())},
            facts=[(label, hide(value)) for label, value in facts],
            documents_heading=_("List of documents"),
            documents_header=[_("No."), _("Date"), _("Document"), _("From or to")],
            documents=[[hide(cell) for cell in row] for row in documents(complaint)],
            timeline_heading=_("Timeline"),
            timeline_header=[_("When"), _("What"), _("Who and note")],
            timeline=[[hide(cell) for cell in row] for row in timeline(complaint, internal=internal)],
            empty=_("None."),
        )
    )


def access_documents(complaint: Complaint) -> list[CaseDocument]:
    """The complaint's documents for a request for access (core.access), by date: the complaint
    itself, what came in, the letters sent, files, the written inquiries and their replies —
    and the working documents (notes, calls, shuttle contacts), marked internal."""
    department = complaint.department.name if complaint.department_id else _("the department")
    rows = [
        (
            complaint.received_on,
            CaseDocument(
                key="complaint",
                title=_("%(kind)s received (%(channel)s)")
                % {"kind": complaint.get_kind_display(), "channel": complaint.get_channel_display()},
                dated=complaint.received_on,
                text=complaint.summary,
            ),
        )
    ]
    for incoming in complaint.incoming.select_related("attachment"):
        day = timezone.localtime(incoming.received_at).date()
        title = _("Received from %(name)s (%(channel)s)") % {
            "name": incoming.sender,
            "channel": incoming.get_channel_display(),
        }
        if incoming.attachment_id:
            title += " · " + _("File: %(name)s") % {"name": incoming.attachment.original_name}
        rows.append(
            (
                day,
                CaseDocument(
                    key=f"incoming:{incoming.pk}",
                    title=title,
                    dated=day,
                    text=incoming.text,
                    separate=bool(incoming.attachment_id),
                ),
            )
        )
    for letter in complaint.letters.all():
        day = timezone.localtime(letter.sent_at).date()
        rows.append(
            (day, CaseDocument(key=f"letter:{letter.pk}", title=letter.title, dated=day, text=letter.body))
        )
    for attachment in complaint.attachments.filter(incoming__isnull=True):
        day = timezone.localtime(attachment.uploaded_at).date()
        rows.append(
            (
                day,
                CaseDocument(
                    key=f"attachment:{attachment.pk}",
                    title=_("File: %(name)s") % {"name": attachment.original_name},
                    dated=day,
                    separate=True,
                ),
            )
        )
    for inquiry in complaint.inquiries.all():
        title = _("Written inquiry to %(department)s, reply due %(date)s") % {
            "department": department,
            "date": long_date(inquiry.due_on),
        }
        rows.append(
            (inquiry.sent_on, CaseDocument(f"inquiry:{inquiry.pk}", title, inquiry.sent_on, separate=True))
        )
        if inquiry.answered_on:
            title = _("Reply from %(department)s to the written inquiry") % {"department": department}
            rows.append(
                (
                    inquiry.answered_on,
                    CaseDocument(f"reply:{inquiry.pk}", title, inquiry.answered_on, separate=True),
                )
            )
    for note in notes_of("complaint", complaint).filter(system=False):
        day = timezone.localtime(note.occurred_at).date()
        rows.append(
            (day, CaseDocument(f"note:{note.pk}", str(note.action_label), day, text=note.text, internal=True))
        )
    for contact in MediationRound.objects.filter(complaint=complaint):
        title = _("Shuttle contact with the %(party)s") % {"party": contact.get_party_display().lower()}
        rows.append(
            (
                contact.held_on,
                CaseDocument(f"round:{contact.pk}", title, contact.held_on, contact.summary, True),
            )
        )
    rows.sort(key=lambda row: row[0])
    return [document for _day_, document in rows]
