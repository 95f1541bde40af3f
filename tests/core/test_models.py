import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

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


@pytest.mark.django_db
def test_department_migration_reverses_and_reapplies():
    """The data migration's own backwards and forwards steps, on the historical models of its
    state. Department's table is the same today as in 0001, so the step runs on today's tables
    instead of unapplying every later migration of every app first (59 s; that walk is
    ``test_every_migration_reverses_to_zero_and_reapplies`` on PostgreSQL)."""
    loader = MigrationLoader(connection)
    step = loader.get_migration("core", "0002_seven_departments").operations[0]
    state = loader.project_state(("core", "0002_seven_departments"))

    step.reverse_code(state.apps, None)
    assert Department.objects.count() == 0

    step.code(state.apps, None)
    assert list(Department.objects.values_list("code", "name")) == OFFICIAL


def test_every_migration_of_ours_can_be_reversed():
    """No data migration or SQL step without its way back (a deploy can be rolled back)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    ours = {"core", "complaints", "supervision", "whistleblower", "stats", "annual_report", "retention"}
    one_way = [
        f"{app}.{name}: {operation.describe()}"
        for (app, name), migration in loader.disk_migrations.items()
        if app in ours
        for operation in migration.operations
        if not operation.reversible
    ]
    assert one_way == []


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_migration_reverses_to_zero_and_reapplies():
    """Every app unapplied down to core's first migration and applied again, on the database
    production runs; the seven departments come back."""
    executor = MigrationExecutor(connection)
    executor.migrate([("core", "0001_initial")])
    state = executor.loader.project_state(("core", "0001_initial"))
    assert state.apps.get_model("core", "Department").objects.count() == 0

    call_command("migrate", verbosity=0)
    assert list(Department.objects.values_list("code", "name")) == OFFICIAL
    assert_moved_models_are_their_new_apps()


MOVED = {  # models that moved apps in a migration (issue 27): (app label, model)
    ("consultations", "consultation"),
    ("ops", "outboxmessage"),
    ("ops", "periodicjob"),
    ("ops", "filedeletion"),
}
CASEWORKERS_ON_CONSULTATIONS = {
    ("consultations", "view_consultation"),
    ("consultations", "add_consultation"),
    ("consultations", "change_consultation"),
}


def assert_moved_models_are_their_new_apps():
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType

    models = {model for _app, model in MOVED}
    assert set(ContentType.objects.filter(model__in=models).values_list("app_label", "model")) == MOVED
    for role in ("jurist", "head"):
        granted = Group.objects.get(name=role).permissions.filter(content_type__model="consultation")
        assert set(granted.values_list("content_type__app_label", "codename")) == CASEWORKERS_ON_CONSULTATIONS


@pytest.mark.django_db
def test_a_model_that_moved_apps_has_one_content_type_and_keeps_what_was_granted_on_it():
    """Consultations left complaints, the outbox, the periodic jobs and the file deletions left
    core: after the migrations each has one content type, in its new app, and the jurists' and
    the head's permissions on consultations (granted in complaints' migration 0002) came along."""
    assert_moved_models_are_their_new_apps()


@pytest.mark.django_db
def test_unit_name_is_unique_within_its_department_only():
    from django.db import IntegrityError, transaction

    from tests.factories import UnitFactory, department

    UnitFactory(name="Borgercenter Handicap", department=department("SOF"))
    UnitFactory(name="Borgercenter Handicap", department=department("BUF"))
    with pytest.raises(IntegrityError), transaction.atomic():
        UnitFactory(name="Borgercenter Handicap", department=department("SOF"))
