"""The whistleblower scheme (DOMAIN §5) — segregated: nothing here is visible outside the unit. By
concern: the report, its codes and its workflow (``report``), what is kept about it
(``records``: the reporter's identity and third persons, messages, the timeline, the access log,
the matters) and its files (``files``, with the unit's enrolment codes). The retention purge
keeps the metadata the yearly statistics count (dates, channel, matter themes, scope decision)
and the unit's anonymised summary for the annual account (``Report.summary``)."""

from .files import CleanStatus, EnrolmentCode, ReportFile, report_file_path  # noqa: F401
from .records import (  # noqa: F401
    AccessAction,
    AccessLog,
    Matter,
    Message,
    MessageKind,
    ReportAction,
    ReportEvent,
    ReportPersons,
    Sender,
)
from .report import (  # noqa: F401
    ACK_DAYS,
    ACK_WANTED_DONE,
    FEEDBACK_MONTHS,
    HAS_MATTERS,
    HAS_REJECTION,
    OPEN_STATES,
    SUMMARY_MAX_LENGTH,
    WANTS_ACK,
    Channel,
    RejectionReason,
    Report,
    ReportNumberCounter,
    Scope,
    State,
    Theme,
    add_months,
    is_unit_member,
)
