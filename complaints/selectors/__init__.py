"""Reads for complaints, by concern: the queue, the workload and the search
(``queue``), one case and its page (``case``), the citizen's status page (``public``) and what
the statistics and exports read (``statistics``: the stats app reads complaints only through
these). Query counts do not grow with the data: lists select their related rows in the same
query and compute "overdue" in the database."""

from .case import (  # noqa: F401
    SHOWN_AS_RECORDS,
    TIMELINE_KINDS,
    case_header,
    case_page_timeline,
    complaint_by_token_or_404,
    complaint_for_user_or_404,
    complaint_timeline,
    is_old,
    reply_guarantee,
)
from .public import (  # noqa: F401
    PUBLIC_EVENTS,
    PUBLIC_OUTCOME,
    PUBLIC_SOLVED,
    PUBLIC_STAGE,
    public_next_step,
    public_outcome,
    public_timeline,
    public_waiting_for_citizen,
)
from .queue import (  # noqa: F401
    NO_DATE,
    OLD_CASE_DAYS,
    SORTS,
    access_requests_awaiting,
    complaint_queue,
    complaints_found,
    complaints_matching,
    earliest,
    imported,
    letter_to_citizen,
    next_reply_due,
    open_access_requests,
    overdue_reply_exists,
    received_in_writing,
    replied_in_time,
    reply_guarantee_missed,
    workload,
)
from .statistics import (  # noqa: F401
    department_export_cases,
    statistics_complaint_points,
    statistics_complaints,
    statistics_labels,
    statistics_shuttle_contacts,
)
