"""The backup and restore drill (issue 18) on a real PostgreSQL server: pg_dump and a tar of
the private files, restored into a fresh database and folder, looked at in child processes."""

import datetime as dt
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from ops.management.commands.restore_drill import compare
from tests.factories import ComplaintFactory, UserFactory
from whistleblower import services as wb_services


def test_the_comparison_names_what_differs():
    """The drill's judgement, on hand-made looks: it must be able to fail."""
    same = {"figures": {"2023": {"a": 1}}, "pages": {"2023-0000001": "x"}, "reports": {}, "unreadable": 0}
    assert compare(same, same) == []
    changed = {**same, "pages": {"2023-0000001": "y"}, "unreadable": 2}
    assert compare(same, changed) == [
        "pages: 2023-0000001",
        "2 whistleblower report(s) unreadable after the restore",
    ]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_restores_to_the_same_system(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    UserFactory(username="drill-jurist", roles=["jurist"])
    for n in range(3):
        ComplaintFactory(
            state="closed",
            track="telephone",
            received_on=dt.date(2023, 5, 1 + n),
            closed_on=dt.date(2023, 6, 1),
            outcome="upheld",
            solved="solved",
        )
    ComplaintFactory(state="received", person_name="Karen Hansen", summary="Min kørestol er ikke leveret.")
    report, _code = wb_services.report_submit(body="Der snydes med timerne.", reporter_name="Anna")
    wb_services.report_file_add(
        report=report, upload=SimpleUploadedFile("bilag.pdf", b"%PDF-1.4\n%%EOF\n"), sender="reporter"
    )
    out = StringIO()
    call_command("restore_drill", stdout=out)
    text = out.getvalue()
    assert "The restored system is the same" in text
    assert "case pages: 4" in text
    assert "whistleblower reports: 1 (1 files)" in text
    assert "with content: 1, unreadable with a wrong key: 1" in text


@pytest.mark.django_db
def test_two_looks_a_minute_apart_see_the_same_case_pages(settings, tmp_path):
    """The drill looks at the old and the restored system one after the other; a case page
    offers "now" as the time of a call, so a minute passing between the two looks must not
    make the systems differ (it once failed the drill under load)."""
    import time_machine

    from ops.management.commands.restore_drill import look_at

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    UserFactory(username="drill-jurist", roles=["jurist"])
    ComplaintFactory(state="received", received_on=dt.date(2026, 11, 2), person_name="Karen Hansen")
    with time_machine.travel(dt.datetime(2026, 12, 5, 9, 11, 59, tzinfo=dt.UTC), tick=False):
        before = look_at("2026-12-05")
    with time_machine.travel(dt.datetime(2026, 12, 5, 9, 12, 1, tzinfo=dt.UTC), tick=False):
        after = look_at("2026-12-05")
    assert before["pages"] and compare(before, after) == []
