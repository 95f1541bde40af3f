"""Complaints and other inquiries (henvendelser) (DOMAIN §3).

The workflow lives on the model as django-fsm transitions that only set fields; the one entry
point that runs them (locking, permission, timeline, e-mail) is
``complaints.services.complaint_transition``.

By concern: ``codes`` (the codes, CPR numbers, the reply guarantee, the moves' guards),
``complaint`` (the complaint, its points, timeline and written inquiries), ``correspondence``
(mediation rounds, attachments, what comes in, letters). Consultations are an app of their own
(``consultations``)."""

from ops.uploads import private_storage  # noqa: F401  (migration 0001 names it here)

from .codes import (  # noqa: F401
    BOTH_CONSENTS,
    CLOSURE_COMPLETE,
    CLOSURE_FIELD_LABELS,
    CPR_RE,
    FINAL_STATES,
    HAS_DEPARTMENT,
    HAS_DEPARTMENT_STRICT,
    HAS_POINTS,
    HAS_REJECTION_REASON,
    INFORMATION_REPLY_WORKING_DAYS,
    MEDIATION_ENDED,
    MEDIATION_NOT_RUNNING,
    MEDIATION_RUNNING,
    NOT_ABOUT_A_DECISION,
    OPEN_STATES,
    REPLY_GUARANTEE_WORKING_DAYS,
    STEPS,
    WRITTEN_CHANNELS,
    Assessment,
    Channel,
    Consequence,
    DiscriminationGround,
    Kind,
    MediationResult,
    Outcome,
    RejectionReason,
    Requester,
    Satisfaction,
    Solved,
    State,
    Theme,
    Track,
    can_handle,
    information_reply_by,
    mask_cpr,
    new_public_token,
    normalise_cpr,
    reply_due,
)
from .complaint import CaseAction, CaseEvent, Complaint, ComplaintPoint, Reminder, WrittenInquiry  # noqa: F401
from .correspondence import (  # noqa: F401
    Attachment,
    Incoming,
    IncomingChannel,
    LetterRecipient,
    LetterTemplate,
    MediationParty,
    MediationRound,
    OutgoingLetter,
    attachment_path,
    letter_path,
)
