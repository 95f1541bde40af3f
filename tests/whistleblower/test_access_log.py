"""The unit's access log is append-only in the database too (issue 14, finding 17) — the one
change allowed being the retention purge's clearing of a reason."""

import pytest
from django.db import DatabaseError, connection, transaction

from whistleblower import services
from whistleblower.models import AccessLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(wb_member):
    report, _code = services.report_submit(body="Indhold")
    return services.identity_open(report=report, by=wb_member, reason="Hr. Vidensen skal høres") and (
        AccessLog.objects.get(action="identity_opened")
    )


def test_the_model_refuses_a_change(entry):
    entry.action = "opened"
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()


@pytest.mark.parametrize(
    "change",
    [
        {"action": "opened"},
        {"actor_id": None},
        {"report_id": None},
        {"reason": "en anden begrundelse"},
    ],
)
def test_the_database_refuses_an_update_behind_the_models_back(entry, change):
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLog.objects.filter(pk=entry.pk).update(**change)
    entry.refresh_from_db()
    assert (entry.action, entry.reason) == ("identity_opened", "Hr. Vidensen skal høres")


def test_the_purge_may_clear_a_reason_and_nothing_else(entry):
    AccessLog.objects.filter(pk=entry.pk).update(reason="")
    entry.refresh_from_db()
    assert (entry.action, entry.reason) == ("identity_opened", "")


@pytest.mark.postgres
def test_postgresql_also_refuses_a_delete(entry):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM whistleblower_accesslog")
    assert AccessLog.objects.count() == 1
