from django.db import migrations, models


class Migration(migrations.Migration):
    """Reports received before background processing existed were billed on receipt."""

    dependencies = [("garnishment", "0001_third_parties_reports_orders")]

    operations = [
        migrations.AddField(
            model_name="report",
            name="processing",
            field=models.CharField(
                choices=[
                    ("pending", "Being processed"),
                    ("done", "Processed"),
                    ("failed", "Could not be processed"),
                ],
                default="done",
                help_text="A large report is stored at once and its lines billed by a background task.",
                max_length=10,
                verbose_name="processing",
            ),
        ),
        migrations.AlterField(
            model_name="report",
            name="processing",
            field=models.CharField(
                choices=[
                    ("pending", "Being processed"),
                    ("done", "Processed"),
                    ("failed", "Could not be processed"),
                ],
                default="pending",
                help_text="A large report is stored at once and its lines billed by a background task.",
                max_length=10,
                verbose_name="processing",
            ),
        ),
    ]
