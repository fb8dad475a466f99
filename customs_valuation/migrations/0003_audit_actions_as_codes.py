"""Audit events written before the actions became codes carried English (or, when the officer
worked in Hebrew, Hebrew) wording; give them the codes so case histories translate them."""

from django.db import migrations
from django.utils import translation

from customs_valuation.models import (
    DECISION_ACTION_PREFIX,
    AuditAction,
    DecisionKind,
    ReleaseStatus,
)

LEGACY = {
    "case opened": AuditAction.CASE_OPENED,
    "data recorded": AuditAction.DATA_RECORDED,
    "document added": AuditAction.DOCUMENT_ADDED,
    "extra added": AuditAction.EXTRA_ADDED,
    "extra removed": AuditAction.EXTRA_REMOVED,
    "importer answered": AuditAction.IMPORTER_ANSWERED,
    "appeal filed": AuditAction.APPEAL_FILED,
    "released under protest": AuditAction.RELEASED_UNDER_PROTEST,
    "guarantee extended": AuditAction.GUARANTEE_EXTENDED,
}


def legacy_actions() -> dict[str, str]:
    actions = {f"valuation: {old}": new.value for old, new in LEGACY.items()}
    for language in ("en", "he"):
        with translation.override(language):
            for kind in DecisionKind:
                actions[f"valuation: {kind.label}"] = f"{DECISION_ACTION_PREFIX}{kind.value}"
            for status in ReleaseStatus:
                actions[f"valuation: release {status.label}"] = AuditAction.RELEASE_SETTLED.value
    return actions


def forwards(apps, schema_editor):
    AuditEvent = apps.get_model("taxportal", "AuditEvent")
    for old, new in legacy_actions().items():
        AuditEvent.objects.filter(action=old).update(action=new)


class Migration(migrations.Migration):
    dependencies = [
        ("customs_valuation", "0002_release_settlement_and_audit_actions"),
        ("taxportal", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
