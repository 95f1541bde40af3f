"""For migrations that install database triggers: SQL per database vendor, with its reverse.

``vendor_sql({"postgresql": (forward, reverse), "sqlite": (forward, reverse)})`` is a
``RunPython`` operation that runs the statements for the database at hand (none elsewhere).
"""

from django.db import migrations


def vendor_sql(statements: dict[str, tuple[list[str], list[str]]]) -> migrations.RunPython:
    def forwards(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, ([], []))[0]:
            schema_editor.execute(statement)

    def backwards(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, ([], []))[1]:
            schema_editor.execute(statement)

    return migrations.RunPython(forwards, backwards)
