"""Issue 18: the print file's waiting marker. A file notes the range of badge ids its claims
lie in (`claimed_from`, `claimed_up_to`: the highest badge id at its claim); the next day's
claim starts above it, and a file's claims are found through the badge key by that range, so
the claims' index on the file (BRIN on PostgreSQL, a plain index on SQLite, migration 0020) is
dropped: keeping it cost about a sixth of the day's claim. Files built before have no range."""

from django.db import migrations, models

INDEX = "parking_badges_printclaim_file_brin"
TABLE = "parking_badges_printclaim"


def drop(apps, schema_editor):
    schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX}"')


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f'CREATE INDEX "{INDEX}" ON "{TABLE}" USING brin ("print_file_id") '
            "WITH (autosummarize = on)"
        )
    else:
        schema_editor.execute(f'CREATE INDEX "{INDEX}" ON "{TABLE}" ("print_file_id")')


class Migration(migrations.Migration):
    dependencies = [
        ("parking_badges", "0020_print_claims_file_brin"),
    ]

    operations = [
        migrations.AddField(
            model_name="printfile",
            name="claimed_up_to",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="printfile",
            name="claimed_from",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(drop, create, elidable=False),
    ]
