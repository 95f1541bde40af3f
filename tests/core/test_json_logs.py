"""Production's JSON log lines: one object per line, an exception by its kind and place only —
never its text, which may quote a name, an address or a CPR number."""

import json
import logging
import sys

from ops.logging import JsonFormatter


def test_an_exception_is_logged_by_its_kind_and_place_never_its_text():
    logger = logging.getLogger("tests.json")
    try:
        raise ValueError("Karen Hansen 010190-1234 karen@example.invalid")
    except ValueError:
        record = logger.makeRecord(
            "tests.json",
            logging.ERROR,
            __file__,
            1,
            "Import failed for row %s",
            (7,),
            exc_info=sys.exc_info(),
        )
    line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert "\n" not in line
    assert (entry["level"], entry["logger"], entry["message"], entry["exception"]) == (
        "ERROR",
        "tests.json",
        "Import failed for row 7",
        "ValueError",
    )
    assert entry["where"][-1].endswith("test_an_exception_is_logged_by_its_kind_and_place_never_its_text")
    for secret in ("Karen", "010190", "example.invalid"):
        assert secret not in line
