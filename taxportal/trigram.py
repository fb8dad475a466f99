"""Trigram indexes for the queues' "contains" searches (a name, part of a chassis number).

Django's `icontains` on PostgreSQL is `UPPER(column::text) LIKE UPPER('%…%')`; a GIN index with
pg_trgm's operator class on that same expression answers it without reading the table. The
indexes exist on PostgreSQL only: SQLite, the development default, searches the table instead.
Migrations use `trigram_index(...)`; the extension is created when missing (pg_trgm is a
trusted extension: the database's owner may create it).
"""

from django.db import migrations


def trigram_index(name: str, table: str, column: str) -> migrations.RunPython:
    def create(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" '
            f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
        )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')

    return migrations.RunPython(create, drop, elidable=False)
