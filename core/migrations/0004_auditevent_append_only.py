"""The database itself refuses to change an audit event (second line behind the model).

PostgreSQL also refuses DELETE; on SQLite only UPDATE is refused, because Django's test
teardown empties SQLite tables with DELETE (PostgreSQL's uses TRUNCATE, which the trigger
does not see). Purging old audit rows is a deliberate DBA task, outside the application.
"""

from django.db import migrations

from core.dbtriggers import vendor_sql

PG_FORWARD = [
    """
CREATE FUNCTION core_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'core_auditevent is append-only';
END;
$$ LANGUAGE plpgsql
""",
    """
CREATE TRIGGER core_auditevent_no_update BEFORE UPDATE OR DELETE ON core_auditevent
    FOR EACH ROW EXECUTE FUNCTION core_auditevent_append_only()
""",
]
PG_REVERSE = [
    "DROP TRIGGER IF EXISTS core_auditevent_no_update ON core_auditevent",
    "DROP FUNCTION IF EXISTS core_auditevent_append_only()",
]
SQLITE_FORWARD = ["""
CREATE TRIGGER core_auditevent_no_update BEFORE UPDATE ON core_auditevent
BEGIN
    SELECT RAISE(ABORT, 'core_auditevent is append-only');
END
"""]
SQLITE_REVERSE = ["DROP TRIGGER IF EXISTS core_auditevent_no_update"]
STATEMENTS = {
    "postgresql": (PG_FORWARD, PG_REVERSE),
    "sqlite": (SQLITE_FORWARD, SQLITE_REVERSE),
}


class Migration(migrations.Migration):
    dependencies = [("core", "0003_roles")]
    operations = [vendor_sql(STATEMENTS)]
