"""Two jurists acting on one case at the same moment, on a real PostgreSQL server."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connections
from django_fsm import TransitionNotAllowed

from complaints import services
from complaints.models import CaseEvent, Complaint
from tests.factories import ComplaintFactory

# serialized_rollback: a transactional test empties every table, the roles and departments
# of the data migrations included; this restores them before each test.
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def race(complaint, user, actions):
    """Run each action in its own thread, released together; return (successes, failures)."""
    barrier = threading.Barrier(len(actions))
    successes, failures = [], []

    def worker(action):
        try:
            barrier.wait()
            services.complaint_transition(
                complaint=complaint, action=action, by=user, expected_state=complaint.state
            )
            successes.append(action)
        except (services.ConflictError, TransitionNotAllowed, ValidationError) as exc:
            failures.append((action, str(exc)))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(a,)) for a in actions]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return successes, failures


def test_same_move_twice_at_once_is_applied_once(jurist):
    complaint = ComplaintFactory(state="screening")
    successes, failures = race(complaint, jurist, ["call", "call"])
    assert successes == ["call"]
    assert len(failures) == 1
    assert "ændret af en anden" in failures[0][1]
    assert Complaint.objects.get(pk=complaint.pk).state == "telephone"
    assert CaseEvent.objects.filter(complaint=complaint).count() == 1


def test_two_different_moves_from_the_same_page_one_wins_nothing_lost(jurist):
    complaint = ComplaintFactory(state="screening", department=None, kind="inquiry")
    successes, failures = race(complaint, jurist, ["call", "advise"])
    assert len(successes) == 1 and len(failures) == 1
    assert "ændret af en anden" in failures[0][1]
    events = list(CaseEvent.objects.filter(complaint=complaint).values_list("action", flat=True))
    assert events == successes
    assert (
        Complaint.objects.get(pk=complaint.pk).state
        == {"call": "telephone", "advise": "advised"}[successes[0]]
    )
