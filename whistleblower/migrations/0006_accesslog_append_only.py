"""The database itself keeps the unit's access log append-only (the model refuses too).

The one change allowed is the retention purge's: clearing ``reason`` (which may hold content,
e.g. to whom an identity was disclosed) and nothing else. PostgreSQL also refuses DELETE; on
SQLite only UPDATE is refused, because Django's test teardown empties SQLite tables with
DELETE (PostgreSQL's uses TRUNCATE, which a row trigger does not see) — as for core's audit
log (core/migrations/0004). A later migration that rebuilds this table on SQLite drops the
trigger: re-create it there (tests/whistleblower/test_access_log.py notices).
"""

from django.db import migrations

from core.dbtriggers import vendor_sql

PURGE_ONLY = """
    NEW.id = OLD.id AND NEW.reason = ''
    AND NEW.report_id IS NOT DISTINCT FROM OLD.report_id
    AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id
    AND NEW.member_id IS NOT DISTINCT FROM OLD.member_id
    AND NEW.action = OLD.action AND NEW.at = OLD.at
"""

PG_FORWARD = [
    f"""
CREATE FUNCTION whistleblower_accesslog_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND {PURGE_ONLY} THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'whistleblower_accesslog is append-only';
END;
$$ LANGUAGE plpgsql
""",
    """
CREATE TRIGGER whistleblower_accesslog_append_only BEFORE UPDATE OR DELETE ON whistleblower_accesslog
    FOR EACH ROW EXECUTE FUNCTION whistleblower_accesslog_append_only()
""",
]
PG_REVERSE = [
    "DROP TRIGGER IF EXISTS whistleblower_accesslog_append_only ON whistleblower_accesslog",
    "DROP FUNCTION IF EXISTS whistleblower_accesslog_append_only()",
]
SQLITE_FORWARD = [
    f"""
CREATE TRIGGER whistleblower_accesslog_append_only BEFORE UPDATE ON whistleblower_accesslog
WHEN NOT ({PURGE_ONLY.replace("IS NOT DISTINCT FROM", "IS")})
BEGIN
    SELECT RAISE(ABORT, 'whistleblower_accesslog is append-only');
END
"""
]
SQLITE_REVERSE = ["DROP TRIGGER IF EXISTS whistleblower_accesslog_append_only"]
STATEMENTS = {
    "postgresql": (PG_FORWARD, PG_REVERSE),
    "sqlite": (SQLITE_FORWARD, SQLITE_REVERSE),
}


class Migration(migrations.Migration):
    dependencies = [("whistleblower", "0005_unit_membership_log")]
    operations = [vendor_sql(STATEMENTS)]
