"""Issue 18: a badge's place in a print file moves from the badge row (`print_file_id`, and
the status "sent_to_print") to the narrow append-only claim table. Every badge already in a
file gets its claim row; an ordered badge's "sent to the printing house" is now derived from its
claim, so those badges keep the stored status "ordered". Reversible: the column and the status
are filled back from the claims."""

import django.db.models.deletion
from django.db import migrations, models

FORWARD = [
    "INSERT INTO parking_badges_printclaim (badge_id, print_file_id) "
    "SELECT id, print_file_id FROM parking_badges_badge WHERE print_file_id IS NOT NULL",
    "UPDATE parking_badges_badge SET status = 'ordered' "
    "WHERE status = 'sent_to_print' AND print_file_id IS NOT NULL",
]

BACKWARD = [
    "UPDATE parking_badges_badge SET print_file_id = (SELECT c.print_file_id FROM "
    "parking_badges_printclaim c WHERE c.badge_id = parking_badges_badge.id)",
    "UPDATE parking_badges_badge SET status = 'sent_to_print' "
    "WHERE status = 'ordered' AND print_file_id IS NOT NULL",
]


def _run(statements):
    def run(apps, schema_editor):
        for statement in statements:
            schema_editor.execute(statement)
        if schema_editor.connection.vendor == "postgresql":
            # Check the foreign keys the statements touched now: an index built later in the
            # same migration (Django defers them to its end) refuses pending trigger events.
            schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("parking_badges", "0015_merge_20261130_1539"),
    ]

    operations = [
        migrations.CreateModel(
            name="PrintClaim",
            fields=[
                (
                    "badge",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        primary_key=True,
                        related_name="print_claim",
                        serialize=False,
                        to="parking_badges.badge",
                    ),
                ),
                (
                    "print_file",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="claims",
                        to="parking_badges.printfile",
                    ),
                ),
            ],
            options={
                "verbose_name": "badge in a print file",
                "verbose_name_plural": "badges in print files",
            },
        ),
        migrations.RunPython(_run(FORWARD), _run(BACKWARD)),
        migrations.RemoveField(model_name="badge", name="print_file"),
        migrations.RemoveField(model_name="historicalbadge", name="print_file"),
    ]
