"""core's models, by concern: the organisation (``organisation``), what every case kind shares
(``cases``: general problems, follow-ups, deadlines, timelines, case numbers, notes, closing
days), the duties the law puts on every case (``duties``: disqualification, access to documents)
and the platform's records (``platform_records``: audit, outbox, periodic jobs, file deletions,
identities)."""

from .cases import (  # noqa: F401
    CaseNote,
    CaseNumberCounter,
    ClosingDay,
    DeadlineLetter,
    DeadlineReminder,
    FollowUp,
    GeneralProblem,
    NumberCounter,
    TimelineEvent,
)
from .duties import (  # noqa: F401
    AccessDocument,
    AccessLetter,
    AccessRequest,
    CaseLink,
    Disqualification,
    access_letter_path,
)
from .organisation import ContactPerson, Department, Unit  # noqa: F401
from .platform_records import AuditEvent, ExternalIdentity, FileDeletion, OutboxMessage, PeriodicJob  # noqa: F401
