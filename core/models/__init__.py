"""core's models, by concern: the organisation (``organisation``), what every case kind shares
(``cases``: general problems, follow-ups, deadlines, timelines, case numbers, notes, closing
days), the duties the law puts on every case (``duties``: disqualification, access to documents)
and the organisation's records (``records``: the audit log, sign-in identities). The platform's
records (outbox, periodic jobs, file deletions) are in ``ops.models``."""

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
from .records import AuditEvent, ExternalIdentity  # noqa: F401
