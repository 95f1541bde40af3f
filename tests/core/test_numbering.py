import re
import threading
from datetime import UTC, datetime

import pytest
import time_machine
from django.db import connection, connections, transaction

from core.numbering import next_case_number
from whistleblower.numbering import next_report_reference

pytestmark = pytest.mark.django_db


def test_case_number_has_year_and_seven_digits():
    assert re.fullmatch(r"2023-\d{7}", next_case_number(year=2023))


def test_case_numbers_run_consecutively_within_a_year():
    assert [next_case_number(year=2023) for _ in range(3)] == ["2023-0000001", "2023-0000002", "2023-0000003"]


def test_case_series_restarts_each_year():
    next_case_number(year=2023)
    next_case_number(year=2023)
    assert next_case_number(year=2024) == "2024-0000001"
    assert next_case_number(year=2023) == "2023-0000003"


@time_machine.travel(datetime(2024, 12, 31, 23, 30, tzinfo=UTC))
def test_year_of_creation_is_copenhagen_time():
    # 23:30 UTC on New Year's Eve is already 00:30 on 1 January 2025 in Copenhagen.
    assert next_case_number().startswith("2025-")


def test_whistleblower_series_is_separate_from_the_case_series():
    next_case_number(year=2024)
    next_case_number(year=2024)
    assert next_report_reference(year=2024) == "WB-2024-0001"
    assert next_report_reference(year=2024) == "WB-2024-0002"
    assert next_case_number(year=2024) == "2024-0000003"


def test_rolled_back_creation_gives_its_number_back():
    with pytest.raises(RuntimeError), transaction.atomic():
        next_case_number(year=2023)
        raise RuntimeError("case creation failed")
    assert next_case_number(year=2023) == "2023-0000001"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("allocate", [next_case_number, next_report_reference], ids=["case", "whistleblower"])
def test_fifty_concurrent_allocations_get_fifty_consecutive_numbers(allocate):
    start = threading.Barrier(50)
    results, errors = [], []
    lock = threading.Lock()

    def worker():
        try:
            start.wait()
            with transaction.atomic():
                number = allocate(year=2030)
            with lock:
                results.append(number)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert connection.vendor == "postgresql"
    assert errors == []
    assert len(results) == 50
    numbers = sorted(int(r.rsplit("-", 1)[1]) for r in results)
    assert numbers == list(range(1, 51))
