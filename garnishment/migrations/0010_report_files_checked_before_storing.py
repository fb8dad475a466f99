from django.db import migrations, models


def unreadable_reports_failed(apps, schema_editor):
    """A report kept with a file error and no lines was never a report: it failed, says why,
    and its sender may remove it."""
    Report = apps.get_model("garnishment", "Report")
    for report in Report.objects.exclude(file_error="").filter(line_count=0):
        report.processing = "failed"
        report.file_problem = {
            "field": "file",
            "code": "unreadable",
            "line": None,
            "message": report.file_error,
            "message_he": report.file_error,
        }
        report.save(update_fields=["processing", "file_problem"])


class Migration(migrations.Migration):
    dependencies = [
        ("garnishment", "0009_same_file_for_another_month_is_another_report"),
    ]

    operations = [
        migrations.AddField(
            model_name="report",
            name="encoding",
            field=models.CharField(blank=True, max_length=20, verbose_name="encoding"),
        ),
        migrations.AddField(
            model_name="report",
            name="file_problem",
            field=models.JSONField(
                blank=True, default=dict, verbose_name="why the file could not be processed"
            ),
        ),
        migrations.RunPython(unreadable_reports_failed, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="report",
            name="file_error",
        ),
    ]
