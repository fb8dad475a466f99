"""Opening a case and recording its data, documents and extras (CUS-5 to 7, 13 to 16, 19+)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from taxportal.audit import audit_record
from taxportal.models import User

from ..models import AuditAction, CaseDocument, CaseExtra, CaseKind, OptionalExtra, ValuationCase
from ..rules import EDITABLE_STATUSES
from .base import lock_case

# --- Opening and recording data ----------------------------------------------------------------


@transaction.atomic
def case_open(
    *, actor: User, importer: User, kind: CaseKind, valuation_date: date, **fields
) -> ValuationCase:
    """An officer opens a case for an importer (a citizen with an identity number)."""
    case = ValuationCase.objects.create(
        kind=kind, importer=importer, officer=actor, valuation_date=valuation_date, **fields
    )
    audit_record(
        actor=actor,
        action=AuditAction.CASE_OPENED,
        target=case,
        reason=_("Personal import declared"),
        changes={"kind": kind, "importer": importer.pk},
    )
    return case


@transaction.atomic
def case_update(*, actor: User, case: ValuationCase, changes: dict, reason: str) -> ValuationCase:
    """The officer records invoice data, costs and vehicle details (CUS-5 to 7, 13 to 16, 19+)."""
    locked = lock_case(case, EDITABLE_STATUSES)
    before = {name: getattr(locked, name) for name in changes}
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.save()
    audit_record(
        actor=actor,
        action=AuditAction.DATA_RECORDED,
        target=locked,
        reason=reason,
        changes={
            name: {"from": before[name], "to": value}
            for name, value in changes.items()
            if before[name] != value
        },
    )
    return locked


@transaction.atomic
def document_add(
    *, actor: User, case: ValuationCase, kind: str, file=None, note: str = ""
) -> CaseDocument:
    """A document uploaded by the importer, or recorded by the officer as received on paper."""
    if file is None and not note:
        raise ValidationError({"note": _("Say where the paper document is, or upload a file.")})
    document = CaseDocument.objects.create(
        case=case, kind=kind, file=file or "", note=note, added_by=actor
    )
    audit_record(
        actor=actor,
        action=AuditAction.DOCUMENT_ADDED,
        target=case,
        reason=note,
        changes={"kind": kind, "file": document.file.name if document.file else ""},
    )
    return document


@transaction.atomic
def extra_add(*, actor: User, case: ValuationCase, extra: OptionalExtra, source: str) -> CaseExtra:
    """CUS-15: an optional extra found by chassis number or physical check, at the table value."""
    locked = lock_case(case, EDITABLE_STATUSES)
    added = CaseExtra.objects.create(case=locked, extra=extra, source=source, value=extra.value)
    audit_record(
        actor=actor,
        action=AuditAction.EXTRA_ADDED,
        target=locked,
        reason=source,
        changes={"extra": extra.code, "value": extra.value},
    )
    return added


@transaction.atomic
def extra_remove(*, actor: User, case_extra: CaseExtra, reason: str) -> None:
    locked = lock_case(case_extra.case, EDITABLE_STATUSES)
    audit_record(
        actor=actor,
        action=AuditAction.EXTRA_REMOVED,
        target=locked,
        reason=reason,
        changes={"extra": case_extra.extra.code},
    )
    case_extra.delete()
