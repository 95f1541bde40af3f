"""Complaints for the statistics tests, made the way the hand-worked datasets need them."""

import datetime as dt

from tests.factories import ComplaintFactory, department

D = dt.date
FINAL_STATE = {"advice": "advised", "forwarded": "forwarded", "rejected": "rejected"}


def case(received, closed=None, track="", kind="complaint", channel="phone", dep="SOF", **extra):
    state = FINAL_STATE.get(track, "closed") if closed else "telephone"
    return ComplaintFactory(
        kind=kind,
        channel=channel,
        department=department(dep) if dep else None,
        received_on=received,
        closed_on=closed,
        track=track,
        state=state,
        **extra,
    )
