"""Issue 18: the claim table's index on the file becomes a BRIN index on PostgreSQL. The B-tree
held one entry per claim, all with the same key within a file, and cost about a third of the
daily claim; a file's claims are appended together, so a BRIN index (one summary per range of
pages, `autosummarize` so autovacuum summarises each range once it is full) finds them. SQLite,
the development default, keeps a plain index."""

import django.db.models.deletion
from django.db import migrations, models

INDEX = "parking_badges_printclaim_file_brin"
TABLE = "parking_badges_printclaim"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f'CREATE INDEX "{INDEX}" ON "{TABLE}" USING brin ("print_file_id") '
            "WITH (autosummarize = on)"
        )
    else:
        schema_editor.execute(f'CREATE INDEX "{INDEX}" ON "{TABLE}" ("print_file_id")')


def drop(apps, schema_editor):
    schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX}"')


class Migration(migrations.Migration):
    dependencies = [
        ("parking_badges", "0019_merge_print_claims_online_requests"),
    ]

    operations = [
        migrations.AlterField(
            model_name="printclaim",
            name="print_file",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="claims",
                to="parking_badges.printfile",
            ),
        ),
        migrations.RunPython(create, drop, elidable=False),
    ]
