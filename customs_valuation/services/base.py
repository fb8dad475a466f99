"""What every service shares: the row lock with its transition check, reasons, the dated
decision with its audit record and notice, and uploads attached to an answer or appeal."""

from collections.abc import Collection
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from taxportal.audit import audit_event
from taxportal.models import AuditEvent, User
from taxportal.texts import Said
from taxportal.uploads import check_upload

from .. import selectors
from ..models import (
    DECISION_ACTION_PREFIX,
    NOTICE_KINDS,
    CaseDocument,
    Decision,
    DecisionKind,
    DocumentKind,
    NoticeDelivery,
    ValuationCase,
)
from .citizen_events import tell_decision


class InvalidTransition(ValidationError):
    """The case is not in a state where this can be done (perhaps a colleague just did it)."""


def lock_case(case: ValuationCase, allowed: Collection[str]) -> ValuationCase:
    locked = ValuationCase.objects.select_for_update().get(pk=case.pk)
    if locked.status not in allowed:
        raise InvalidTransition(
            _("This cannot be done while the case is “%(status)s”.")
            % {"status": locked.get_status_display()}
        )
    return locked


def require_reasons(reasons: str) -> str:
    reasons = (reasons or "").strip()
    if not reasons:
        raise ValidationError({"reasons": _("Give the reasons for the decision.")})
    return reasons


def record_decision(
    case: ValuationCase,
    *,
    actor: User | None,
    kind: DecisionKind,
    reasons: str | Said,
    value: Decimal | None = None,
    due_date: date | None = None,
    worksheet: dict | None = None,
) -> Decision:
    """A dated, reasoned decision; a notice goes to the importer's personal area (notified that
    day) or, while they have not registered, by post (notified on its recorded delivery)."""
    registered = kind in NOTICE_KINDS and selectors.importer_account(case) is not None
    decision, event = unsaved_decision(
        case,
        actor=actor,
        kind=kind,
        reasons=reasons,
        value=value,
        due_date=due_date,
        worksheet=worksheet,
        importer_registered=registered,
    )
    decision.save(force_insert=True)
    event.save(force_insert=True)
    if kind in NOTICE_KINDS:
        tell_decision(case, decision)
    return decision


def unsaved_decision(
    case: ValuationCase,
    *,
    actor: User | None,
    kind: DecisionKind,
    reasons: str | Said,
    value: Decimal | None = None,
    due_date: date | None = None,
    worksheet: dict | None = None,
    importer_registered: bool,
    reference: selectors.Reference = selectors.READ_ON_DEMAND,
) -> tuple[Decision, AuditEvent]:
    """The decision and its audit record as `record_decision` writes them, not saved yet: a job
    deciding on many cases inserts them all at once. The audit records the case's status now."""
    taxes = selectors.case_taxes(case, value, reference).total if value is not None else None
    delivery, notified_on = "", None
    if kind in NOTICE_KINDS:
        delivery, notified_on = _delivery(importer_registered)
    decision = Decision(
        case=case,
        kind=kind,
        decided_by=actor,
        reasons=reasons,
        value=value,
        taxes=taxes,
        due_date=due_date,
        worksheet=worksheet or {},
        delivery=delivery,
        notified_on=notified_on,
    )
    event = audit_event(
        actor=actor,
        action=f"{DECISION_ACTION_PREFIX}{kind.value}",
        target=case,
        reason=reasons,
        changes={
            "status": case.status,
            "value": value,
            "due_date": due_date,
            "delivery": delivery,
        },
    )
    return decision, event


def notice_channel(case: ValuationCase) -> tuple[User | None, str, date | None]:
    """CUS-4, CUS-23: the importer's account, how a notice reaches them, and the day it does
    (known now for the portal; for a posted notice, once its delivery is recorded)."""
    account = selectors.importer_account(case)
    return (account, *_delivery(account is not None))


def _delivery(importer_registered: bool) -> tuple[str, date | None]:
    if importer_registered:
        return NoticeDelivery.PORTAL, local_today()
    return NoticeDelivery.POST, None


def local_today() -> date:
    return timezone.localdate()


def store_document(
    case: ValuationCase, actor: User, kind: str, upload=None, note: str = ""
) -> CaseDocument:
    """A document on the case; an uploaded file is stored only once its content is checked."""
    content_type = ""
    if upload is not None:
        try:
            content_type = check_upload(upload)
        except ValidationError as refused:
            raise ValidationError({"file": refused.messages}) from None
    return CaseDocument.objects.create(
        case=case,
        kind=kind,
        file=upload or "",
        content_type=content_type,
        note=note,
        added_by=actor,
    )


def attach_files(case: ValuationCase, actor: User, files) -> None:
    for upload in files:
        store_document(case, actor, DocumentKind.ANSWER, upload)


def worksheet_or_error(case: ValuationCase) -> selectors.CaseWorksheet:
    sheet = selectors.case_worksheet(case)
    if sheet.problems:
        raise ValidationError(sheet.problems)
    return sheet
