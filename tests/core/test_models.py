import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core.models import Department

OFFICIAL = [
    ("ØKF", "Økonomiforvaltningen"),
    ("KFF", "Kultur- og Fritidsforvaltningen"),
    ("BUF", "Børne- og Ungdomsforvaltningen"),
    ("SUF", "Sundheds- og Omsorgsforvaltningen"),
    ("BIF", "Beskæftigelses- og Integrationsforvaltningen"),
    ("SOF", "Socialforvaltningen"),
    ("TMF", "Teknik- og Miljøforvaltningen"),
]


@pytest.mark.django_db
def test_migration_creates_the_seven_departments_in_official_order():
    assert list(Department.objects.values_list("code", "name")) == OFFICIAL


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_department_migration_reverses_and_reapplies():
    executor = MigrationExecutor(connection)
    executor.migrate([("core", "0001_initial")])
    state = executor.loader.project_state(("core", "0001_initial"))
    assert state.apps.get_model("core", "Department").objects.count() == 0

    call_command("migrate", verbosity=0)
    assert list(Department.objects.values_list("code", "name")) == OFFICIAL


@pytest.mark.django_db
def test_unit_name_is_unique_within_its_department_only():
    from django.db import IntegrityError, transaction

    from tests.factories import UnitFactory, department

    UnitFactory(name="Borgercenter Handicap", department=department("SOF"))
    UnitFactory(name="Borgercenter Handicap", department=department("BUF"))
    with pytest.raises(IntegrityError), transaction.atomic():
        UnitFactory(name="Borgercenter Handicap", department=department("SOF"))
