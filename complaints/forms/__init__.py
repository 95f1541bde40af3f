"""Complaints' forms, by concern: shared fields (``fields``), the case and its moves (``case``),
correspondence (``correspondence``), the public side (``public``) and the secretariat's export
(``exports``). Every label and message in Danish through gettext."""

from .case import (  # noqa: F401
    TRANSITION_FORMS,
    CloseForm,
    ComplaintEditForm,
    ConsentForm,
    InquiryForm,
    IntakeForm,
    MediationResultForm,
    MoveNoteForm,
    PointForm,
    QueueFilterForm,
    ReassignForm,
    RejectForm,
    ReopenForm,
    ReplyForm,
    RoundForm,
    transition_form,
)
from .correspondence import AttachmentForm, IncomingForm, LetterSendForm  # noqa: F401
from .exports import DepartmentExportForm  # noqa: F401
from .fields import CHOOSE, YES_NO, CprField, OtherDepartmentsMixin, yes_no_field  # noqa: F401
from .public import CitizenMessageForm, PublicComplaintForm, StatusLinkForm, SurveyForm  # noqa: F401
