import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from core.audit import audit_record
from core.models import AuditEvent, Department

pytestmark = pytest.mark.django_db


def test_signing_in_and_out_is_audited_without_personal_data(client, jurist):
    client.post(reverse("login"), {"username": "p-jurist", "password": "correct horse battery"})
    client.post(reverse("logout"))
    actions = list(AuditEvent.objects.filter(actor=jurist).order_by("id").values_list("action", flat=True))
    assert actions == ["auth.login", "auth.logout"]


def test_failed_sign_in_leaves_no_row_with_what_was_typed(client):
    client.post(reverse("login"), {"username": "010190-1234", "password": "x"})
    assert not AuditEvent.objects.exists()


def test_audit_event_records_object_reference(jurist):
    sof = Department.objects.get(code="SOF")
    event = audit_record(actor=jurist, action="department.viewed", obj=sof)
    assert (event.object_type, event.object_ref) == ("core.department", str(sof.pk))


def test_model_refuses_to_change_or_delete_an_event(jurist):
    event = audit_record(actor=jurist, action="auth.login")
    event.action = "something.else"
    with pytest.raises(AuditEvent.Immutable):
        event.save()
    with pytest.raises(AuditEvent.Immutable):
        event.delete()


def test_database_refuses_an_update_behind_the_models_back(jurist):
    audit_record(actor=jurist, action="auth.login")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.update(action="tampered")
    assert AuditEvent.objects.get().action == "auth.login"


@pytest.mark.postgres
def test_postgresql_also_refuses_a_delete(jurist):
    audit_record(actor=jurist, action="auth.login")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent")
    assert AuditEvent.objects.count() == 1
