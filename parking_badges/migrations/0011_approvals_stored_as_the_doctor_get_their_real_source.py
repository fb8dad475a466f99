"""BADGE-6: approvals recorded before the fix took "department doctor" as their source even when
the application came from National Insurance, Defence or Finance; they get their application's
real source back (the approval's history keeps the earlier value)."""

from django.db import migrations
from django.db.models import F


def real_source(apps, schema_editor):
    EligibilityApproval = apps.get_model("parking_badges", "EligibilityApproval")
    wrong = EligibilityApproval.objects.filter(
        source="department_doctor", application__isnull=False
    ).exclude(application__source=F("source"))
    for approval in wrong.select_related("application"):
        approval.source = approval.application.source
        approval.save(update_fields=["source"])


class Migration(migrations.Migration):
    dependencies = [("parking_badges", "0010_approvals_keep_their_source_date_and_document")]

    operations = [migrations.RunPython(real_source, migrations.RunPython.noop)]
