"""Requests for access to the documents of a case (aktindsigt, DOMAIN §9): on a complaint, a
consultation or a supervision alike.

A request is registered with who asks (the party, a party's representative, a third party such
as a journalist), the day it came and its legal basis; its deadline follows from them — 7
working days under offentlighedsloven § 36 and forvaltningsloven, one calendar month for a
data subject's request under GDPR art. 15. When the deadline cannot be met, a deadline letter
(fristbrev) tells the requester why and when to expect the decision. The decision is taken per
document of the case: handed out in full, in part (the passages withheld, with the section of
the act) or withheld (the section). The requester gets the letter of decision — every document
with its decision, the sections, the appeal guidance — and the documents handed out, made
from the case's texts the way the case file's hand-out copy is: every CPR number masked
(``core.redact``), the internal working documents (notes, calls, shuttle contacts) withheld
unless decided otherwise. Both are tagged PDFs (``ops.documents``), kept as sent and listed on
the case; every step is on the case's timeline and the registration and the decision in the
audit log.

Each case app says what its documents are (``core.casetypes``: ``case_types`` on its AppConfig):
core imports no case app.
"""

import functools
import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ops.documents import SENDER, Letter, render_letter, render_pdf

from .audit import audit_record
from .casetypes import case_type
from .formatting import long_date
from .models import AccessDocument, AccessLetter, AccessRequest, CaseNote
from .redact import redact_cpr
from .workdays import add_months, add_working_days
from .workflow import system_text

# offentlighedsloven § 36, stk. 2: a decision as soon as possible and within 7 working days.
ACCESS_WORKING_DAYS = 7
# What an internal working document is withheld under unless decided otherwise.
INTERNAL_SECTION = "offentlighedslovens § 23, stk. 1, nr. 1 (interne dokumenter)"
# The sections a jurist usually withholds under (offered in the form; any text is accepted).
COMMON_SECTIONS = (
    INTERNAL_SECTION,
    "offentlighedslovens § 30, nr. 1 (oplysninger om private forhold)",
    "offentlighedslovens § 33, nr. 5 (private interesser)",
    "offentlighedslovens § 24 (interne faglige vurderinger)",
    "forvaltningslovens § 15 b (andre hensyn)",
    "databeskyttelseslovens § 22 (den registreredes ret til indsigt)",
)

REGISTERED_NOTE = gettext_lazy(
    "Request for access to documents received %(received)s from %(name)s (%(requester)s; %(basis)s). "
    "Deadline: %(due)s."
)
DEADLINE_NOTE = gettext_lazy(
    "Deadline letter sent on the request for access: a decision is expected %(date)s."
)
DECIDED_NOTE = gettext_lazy("Request for access to documents decided: %(decision)s.")
WITHDRAWN_NOTE = gettext_lazy("The request for access to documents was withdrawn.")


@dataclass(frozen=True)
class CaseDocument:
    """One document of a case, as the case app describes it. ``text`` is what the system holds
    of it (a letter's text, a message); ``separate`` a document the system holds only as a file
    or a record (an attachment, a letter to the department) — listed and decided on, handed
    out beside the set; ``internal`` a working document (a note, a call)."""

    key: str
    title: str
    dated: date | None
    text: str = ""
    internal: bool = False
    separate: bool = False


def due_for(basis: str, received_on: date) -> date:
    if basis == AccessRequest.Basis.GDPR_ART15:
        return add_months(received_on, 1)  # GDPR art. 12(3): within one month
    return add_working_days(received_on, ACCESS_WORKING_DAYS)


def _note(access_request: AccessRequest, by, text: str) -> None:
    CaseNote.objects.create(**AccessRequest.for_case(access_request.case), author=by, text=text, system=True)


@transaction.atomic
def access_request_register(*, instance, by, data: dict) -> AccessRequest:
    """Register a request on ``instance`` (a complaint, consultation or supervision)."""
    access_request = AccessRequest(**AccessRequest.for_case(instance), registered_by=by, **data)
    if access_request.received_on and access_request.received_on > timezone.localdate():
        raise ValidationError({"received_on": _("The date received cannot be in the future.")})
    access_request.due_on = due_for(access_request.basis, access_request.received_on)
    access_request.full_clean(exclude=["state"])
    access_request.save()
    _note(
        access_request,
        by,
        system_text(
            REGISTERED_NOTE,
            received=lambda: long_date(access_request.received_on),
            name=access_request.requester_name,
            requester=access_request.get_requester_display,
            basis=access_request.get_basis_display,
            due=lambda: long_date(access_request.due_on),
        ),
    )
    audit_record(actor=by, action="access_request_registered", obj=access_request)
    return access_request


def documents_of(access_request: AccessRequest, *, language: str | None = None) -> list[CaseDocument]:
    """The case's documents as they stand now, in the order of the list of documents; their
    titles in ``language`` (the reader's by default; the documents sent are in Danish)."""
    with translation.override(language or translation.get_language()):
        return case_type(access_request.case_kind).documents(access_request.case)


def default_decision(document: CaseDocument) -> dict:
    """What the form proposes: everything handed out, the internal working documents withheld."""
    if document.internal:
        return {"decision": AccessDocument.Decision.REFUSED, "withheld": "", "section": INTERNAL_SECTION}
    return {"decision": AccessDocument.Decision.FULL, "withheld": "", "section": ""}


def _locked(access_request: AccessRequest) -> AccessRequest:
    locked = AccessRequest.objects.select_for_update().get(pk=access_request.pk)
    if not locked.is_open:
        raise ValidationError(_("The request has already been decided or withdrawn."))
    return locked


def _passages(withheld: str) -> list[str]:
    return [line.strip() for line in withheld.splitlines() if line.strip()]


def withhold(text: str, passages: list[str], section: str) -> str:
    """``text`` with each passage replaced by a mark naming the section it is withheld under."""
    mark = "[" + _("withheld under %(section)s") % {"section": section} + "]"
    for passage in passages:
        text = text.replace(passage, mark)
    return text


def _check(document: CaseDocument, decision: dict) -> dict:
    """One document's decision, validated; errors name the document."""
    choice = decision.get("decision")
    withheld = (decision.get("withheld") or "").strip()
    section = (decision.get("section") or "").strip()
    problems = []
    if choice not in AccessDocument.Decision.values:
        problems.append(_("choose the decision"))
    if choice in (AccessDocument.Decision.PARTIAL, AccessDocument.Decision.REFUSED) and not section:
        problems.append(_("give the section of the act the information is withheld under"))
    if choice == AccessDocument.Decision.PARTIAL:
        passages = _passages(withheld)
        if document.separate or not document.text:
            problems.append(_("the system holds no text of it: hand it out in full or withhold it"))
        elif not passages:
            problems.append(_("write the passages withheld, one per line"))
        else:
            missing = [p for p in passages if p not in document.text]
            if missing:
                problems.append(
                    _("the passage “%(passage)s” is not in the document") % {"passage": missing[0][:80]}
                )
    if problems:
        raise ValidationError(
            _("%(document)s: %(problems)s.")
            % {"document": redact_cpr(document.title), "problems": "; ".join(problems)}
        )
    return {
        "decision": choice,
        "withheld": withheld if choice == AccessDocument.Decision.PARTIAL else "",
        "section": section if choice != AccessDocument.Decision.FULL else "",
    }


def _overall(choices: list[str]) -> str:
    if all(c == AccessDocument.Decision.FULL for c in choices):
        return AccessRequest.Decision.FULL
    if all(c == AccessDocument.Decision.REFUSED for c in choices):
        return AccessRequest.Decision.REFUSED
    return AccessRequest.Decision.PARTIAL


def _keep(
    access_request: AccessRequest, kind: str, title: str, pdf: bytes, by, written: list
) -> AccessLetter:
    letter = AccessLetter(request=access_request, kind=kind, title=title[:300], sent_by=by)
    letter.pdf.save(f"{kind}.pdf", ContentFile(pdf), save=False)
    written.append(letter.pdf)
    letter.save()
    return letter


def _delete_files(files: list) -> None:
    """A letter whose row did not commit leaves no PDF with personal data behind."""
    for file in files:
        file.storage.delete(file.name)


@transaction.atomic
def deadline_letter_send(
    *, access_request: AccessRequest, by, reason: str, expected_on: date
) -> AccessLetter:
    """The deadline cannot be met: the requester is told why and when to expect the decision."""
    locked = _locked(access_request)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Write why the deadline cannot be met.")})
    if expected_on < timezone.localdate() or expected_on <= locked.due_on:
        raise ValidationError(
            {"expected_on": _("The expected date is after the deadline and not in the past.")}
        )
    locked.delay_reason, locked.expected_on = reason, expected_on
    locked.save(update_fields=["delay_reason", "expected_on"])
    title, pdf = _deadline_letter(locked, by, reason, expected_on)
    written = []
    try:
        kept = _keep(locked, AccessLetter.Kind.DEADLINE, title, pdf, by, written)
        _note(locked, by, system_text(DEADLINE_NOTE, date=lambda: long_date(expected_on)))
    except Exception:
        _delete_files(written)
        raise
    return kept


@transaction.atomic
def access_request_decide(*, access_request: AccessRequest, by, decisions: dict[str, dict]) -> AccessRequest:
    """Decide on every document of the case (``decisions`` by document key). The documents are
    read again here: if the case gained or lost one since the form was shown, nothing is
    decided and the jurist is asked to look again."""
    locked = _locked(access_request)
    documents = documents_of(locked, language="da")
    if {d.key for d in documents} != set(decisions):
        raise ValidationError(
            _("The case's documents changed while you decided. Look at the list again and decide once more.")
        )
    checked, errors = [], []
    for document in documents:
        try:
            checked.append((document, _check(document, decisions[document.key])))
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    if not documents:
        raise ValidationError(_("The case has no documents to decide on."))
    rows = AccessDocument.objects.bulk_create(
        AccessDocument(
            request=locked,
            key=document.key,
            position=position,
            title=redact_cpr(document.title)[:300],
            dated=document.dated,
            internal=document.internal,
            **decided,
        )
        for position, (document, decided) in enumerate(checked, 1)
    )
    today = timezone.localdate()
    locked.decide(decision=_overall([r.decision for r in rows]), on=today)
    locked.full_clean(exclude=["state"])
    locked.save()
    written = []
    try:
        title, pdf = _decision_pdf(locked, rows, by)
        _keep(
            locked,
            AccessLetter.Kind.DECISION,
            title,
            pdf,
            by,
            written,
        )
        handed_out = [
            (d, r) for (d, _decided), r in zip(checked, rows, strict=True) if r.decision != "refused"
        ]
        if handed_out:
            title, pdf = _handout_pdf(locked, handed_out)
            _keep(locked, AccessLetter.Kind.HANDOUT, title, pdf, by, written)
        _note(locked, by, system_text(DECIDED_NOTE, decision=locked.get_decision_display))
        audit_record(actor=by, action="access_request_decided", obj=locked)
    except Exception:
        _delete_files(written)
        raise
    return locked


@transaction.atomic
def access_request_withdraw(*, access_request: AccessRequest, by) -> AccessRequest:
    locked = _locked(access_request)
    locked.withdraw()
    locked.save()
    _note(locked, by, system_text(WITHDRAWN_NOTE))
    return locked


# --- the documents sent ---------------------------------------------------------------------


def _letter_title(template: str, access_request: AccessRequest) -> str:
    return template % {"number": access_request.case.case_number}


def _recipient(access_request: AccessRequest) -> list[str]:
    lines = [access_request.requester_name, *access_request.requester_address.split(",")]
    return [redact_cpr(line.strip()) for line in lines if line and line.strip()]


def _signature(by) -> list[str]:
    return [_("Kind regards"), by.get_full_name() or by.get_username(), "Borgerrådgiveren"]


APPEAL_GUIDANCE = gettext_lazy(
    "You can complain about this decision to Folketingets Ombudsmand, Gammeltorv 22, 1457 København K "
    "(www.ombudsmanden.dk). The Borgerrådgiver's decisions on access to documents cannot be appealed to "
    "another administrative authority. If your request concerned your own personal data (the General Data "
    "Protection Regulation, article 15), you can also complain to Datatilsynet, Carl Jacobsens Vej 35, "
    "2500 Valby (www.datatilsynet.dk)."
)


def _in_danish(function):
    """The documents sent are in Danish, whatever language the jurist reads the system in."""

    @functools.wraps(function)
    def wrapped(*args, **kwargs):
        with translation.override("da"):
            return function(*args, **kwargs)

    return wrapped


@_in_danish
def _deadline_letter(access_request: AccessRequest, by, reason: str, expected_on: date) -> tuple[str, bytes]:
    title = _letter_title(_("Your request for access to documents in case %(number)s"), access_request)
    number = access_request.case.case_number
    letter = Letter(
        title=title,
        date_text=long_date(timezone.localdate()),
        reference=number,
        recipient=_recipient(access_request),
        paragraphs=[
            _(
                "We received your request for access to the documents of case %(number)s on %(received)s. "
                "We cannot decide on it within the deadline of %(due)s."
            )
            % {
                "number": number,
                "received": long_date(access_request.received_on),
                "due": long_date(access_request.due_on),
            },
            _("The reason: %(reason)s") % {"reason": redact_cpr(reason)},
            _("You can expect our decision by %(date)s.") % {"date": long_date(expected_on)},
        ],
        signature=_signature(by),
    )
    return title, render_letter(letter)


@_in_danish
def _decision_pdf(access_request: AccessRequest, rows: list[AccessDocument], by) -> tuple[str, bytes]:
    decision_text = {
        AccessRequest.Decision.FULL: _("You are given access to all the documents of the case."),
        AccessRequest.Decision.PARTIAL: _(
            "You are given access to the documents of the case, with the exceptions listed below."
        ),
        AccessRequest.Decision.REFUSED: _("You are not given access to the documents of the case."),
    }[access_request.decision]
    context = {
        "title": _letter_title(
            _("Decision on your request for access to documents in case %(number)s"), access_request
        ),
        "date_text": long_date(access_request.decided_on),
        "reference": access_request.case.case_number,
        "recipient": _recipient(access_request),
        "intro": _(
            "On %(received)s you asked for access to the documents of case %(number)s under %(basis)s."
        )
        % {
            "received": long_date(access_request.received_on),
            "number": access_request.case.case_number,
            "basis": access_request.get_basis_display().lower(),
        },
        "decision_text": decision_text,
        "rows": [
            {
                "number": row.position,
                "date": long_date(row.dated),
                "title": row.title,
                "decision": row.get_decision_display(),
                "section": row.section,
                "withheld_count": len(_passages(row.withheld)),
            }
            for row in rows
        ],
        "has_exceptions": any(row.decision != AccessDocument.Decision.FULL for row in rows),
        "appeal": str(APPEAL_GUIDANCE),
        "signature": _signature(by),
    }
    return context["title"], render_pdf(
        "documents/access_decision.html",
        {
            "letter": context,
            "document_title": context["title"],
            "sender": SENDER,
            "reference": context["reference"],
        },
    )


@_in_danish
def _handout_pdf(
    access_request: AccessRequest, handed_out: list[tuple[CaseDocument, AccessDocument]]
) -> tuple[str, bytes]:
    title = _letter_title(_("Documents handed out from case %(number)s"), access_request)
    documents = []
    for document, row in handed_out:
        text = document.text
        if row.decision == AccessDocument.Decision.PARTIAL:
            text = withhold(text, _passages(row.withheld), row.section)
        documents.append(
            {
                "number": row.position,
                "title": row.title,
                "date": long_date(row.dated),
                "paragraphs": [redact_cpr(p.strip()) for p in re.split(r"\n\s*\n", text) if p.strip()],
                "separate": document.separate,
                "partial": row.decision == AccessDocument.Decision.PARTIAL,
                "section": row.section,
            }
        )
    return title, render_pdf(
        "documents/access_handout.html",
        {
            "handout": {
                "title": title,
                "intro": _(
                    "The documents of case %(number)s you have been given access to by our decision of "
                    "%(date)s. CPR numbers are shown with the last four digits replaced by asterisks."
                )
                % {"number": access_request.case.case_number, "date": long_date(access_request.decided_on)},
                "documents": documents,
            },
            "document_title": title,
            "sender": SENDER,
            "reference": access_request.case.case_number,
        },
    )
