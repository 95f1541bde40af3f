"""What a case of each kind is made of, for the retention schedule: the case's model, the rows
that belong to it (and the path from each to the case), its documents, and — model by model —
which text fields hold personal data or free text and go when the case is deleted.

Everything else stays: dates, codes, states, departments, themes, counts, the case number and
the staff who handled it — what the yearly figures are computed from, so every published figure
of every year is the same after the deletion (tests/retention). A test checks that every text
field of these models is named here, as going or as staying, so that a field added later is
decided on, not forgotten."""

from dataclasses import dataclass

from complaints.models import (
    Attachment,
    CaseEvent,
    Complaint,
    ComplaintPoint,
    Incoming,
    MediationRound,
    OutgoingLetter,
    Reminder,
    WrittenInquiry,
)
from consultations.models import Consultation
from core.models import AccessDocument, AccessLetter, AccessRequest, CaseNote, Disqualification
from supervision.models import (
    Finding,
    HearingReminder,
    HearingRound,
    Recommendation,
    Result,
    Supervision,
    SupervisionEvent,
)

from .models import CaseKind


@dataclass(frozen=True)
class Part:
    model: type
    to_case: str  # the lookup from the row to its case, e.g. "request__complaint"


@dataclass(frozen=True)
class Document:
    """A stored file of the case: the row's model, its file field and how to title it."""

    model: type
    to_case: str
    file_field: str
    title_field: str
    date_field: str


@dataclass(frozen=True)
class Kind:
    kind: str
    model: type
    parts: tuple[Part, ...]
    documents: tuple[Document, ...]


def _access(to_case: str) -> tuple[Part, ...]:
    return (
        Part(CaseNote, to_case),
        Part(Disqualification, to_case),
        Part(AccessRequest, to_case),
        Part(AccessDocument, f"request__{to_case}"),
        Part(AccessLetter, f"request__{to_case}"),
    )


def _access_letters(to_case: str) -> Document:
    return Document(AccessLetter, f"request__{to_case}", "pdf", "title", "sent_at")


KINDS = {
    CaseKind.COMPLAINT: Kind(
        CaseKind.COMPLAINT,
        Complaint,
        (
            Part(ComplaintPoint, "complaint"),
            Part(CaseEvent, "complaint"),
            Part(WrittenInquiry, "complaint"),
            Part(Reminder, "inquiry__complaint"),
            Part(MediationRound, "complaint"),
            Part(Attachment, "complaint"),
            Part(Incoming, "complaint"),
            Part(OutgoingLetter, "complaint"),
            *_access("complaint"),
        ),
        (
            Document(OutgoingLetter, "complaint", "pdf", "title", "sent_at"),
            Document(Attachment, "complaint", "file", "original_name", "uploaded_at"),
            _access_letters("complaint"),
        ),
    ),
    CaseKind.CONSULTATION: Kind(
        CaseKind.CONSULTATION, Consultation, _access("consultation"), (_access_letters("consultation"),)
    ),
    CaseKind.SUPERVISION: Kind(
        CaseKind.SUPERVISION,
        Supervision,
        (
            Part(SupervisionEvent, "supervision"),
            Part(HearingRound, "supervision"),
            Part(HearingReminder, "hearing_round__supervision"),
            Part(Recommendation, "supervision"),
            Part(Finding, "supervision"),
            Part(Result, "supervision"),
            *_access("supervision"),
        ),
        (_access_letters("supervision"),),
    ),
}

# The text fields that go (emptied; files are deleted from the storage too).
PERSONAL = {
    Complaint: (
        "person_name",
        "person_cpr",
        "contact_email",
        "contact_phone",
        "contact_address",
        "representative_name",
        "representative_role",
        "summary",
        "it_system",
        "department_explanation",
        "follow_up_reason",
        "submission_key",
    ),
    Consultation: ("topic", "follow_up_reason"),
    Supervision: ("title", "summary", "it_system", "department_explanation", "follow_up_reason"),
    ComplaintPoint: ("description",),
    CaseEvent: ("note",),
    SupervisionEvent: ("note",),
    MediationRound: ("summary",),
    Attachment: ("original_name",),
    Incoming: ("sender", "text"),
    OutgoingLetter: ("title", "body"),
    CaseNote: ("contact_name", "text"),
    Disqualification: ("reason",),
    AccessRequest: ("requester_name", "requester_address", "delay_reason"),
    AccessDocument: ("title", "withheld"),
    AccessLetter: ("title",),
    HearingRound: ("questions",),
    Recommendation: ("text", "department_answer"),
    Finding: ("note",),
}

# The text fields that stay, and why: codes and numbers, not anybody's words. (Fields with
# choices are codes and stay without being named.) ``Result.text`` is a supervision's result
# as selected for the published yearly report: already public, and part of that report.
KEPT = {
    Complaint: ("case_number", "public_token"),
    Consultation: ("case_number",),
    Supervision: ("case_number",),
    CaseEvent: ("action",),
    SupervisionEvent: ("action",),
    Attachment: ("content_type",),
    AccessDocument: ("key", "section"),
    Result: ("text", "case_number"),
}

FILE_FIELDS = {OutgoingLetter: ("pdf",), Attachment: ("file",), AccessLetter: ("pdf",)}

# Not in the archive package: the status link's secret and the public form's one-time key
# (working secrets, of no use to the archive; the status link is changed at the deletion).
NOT_ARCHIVED = {Complaint: ("public_token", "submission_key")}

# Rows that point at a case but are records of their own, not parts of it: a supervision opened
# from a complaint is a case with its own period; the report's examples and results are what an
# edition published.
SEPARATE = {
    ("supervision.Supervision", "source_complaint"),
    ("annual_report.Edition", "excluded_results"),
    *(("annual_report.Example", name) for name in ("complaints", "consultations", "supervisions")),
    *(("annual_report.EditionResult", name) for name in ("complaints", "consultations", "supervisions")),
}

# The kind of a case object (the schedule covers these models).
MODEL_KIND = {spec.model: kind for kind, spec in KINDS.items()}
