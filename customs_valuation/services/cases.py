"""Opening a case and recording its data, documents and extras (CUS-5 to 7, 13 to 16, 19+)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from taxportal.audit import audit_record
from taxportal.models import User
from taxportal.texts import label, said
from taxportal.validators import normalize_national_id

from ..models import (
    AuditAction,
    CaseDocument,
    CaseExtra,
    CaseKind,
    ExtraSource,
    OptionalExtra,
    ValuationCase,
)
from ..rules import EDITABLE_STATUSES
from .base import lock_case, store_document

# --- Opening and recording data ----------------------------------------------------------------


@transaction.atomic
def case_open(
    *,
    actor: User,
    kind: CaseKind,
    valuation_date: date,
    importer: User | None = None,
    importer_national_id: str = "",
    **fields,
) -> ValuationCase:
    """An officer opens a case for an importer: a registered citizen, or any valid identity
    number (CUS-4, CUS-12); whoever registers with that number later finds it in their personal
    area, and until then notices go by post."""
    if importer is None:
        importer_national_id = normalize_national_id(importer_national_id)
        importer = User.objects.filter(national_id=importer_national_id).first()
    else:
        importer_national_id = importer.national_id or ""
    if importer is not None and not fields.get("importer_name"):
        fields["importer_name"] = importer.get_full_name()
    case = ValuationCase(
        kind=kind,
        importer_national_id=importer_national_id,
        officer=actor,
        valuation_date=valuation_date,
        **fields,
    )
    case.full_clean()
    case.save()
    audit_record(
        actor=actor,
        action=AuditAction.CASE_OPENED,
        target=case,
        reason=said(gettext_noop("Personal import declared")),
        changes={"kind": kind, "importer_national_id": case.importer_national_id},
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
    document = store_document(case, actor, kind, file, note)
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
        reason=label(ExtraSource(source).label) if source in ExtraSource.values else source,
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
