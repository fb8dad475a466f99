"""What every service shares: the row lock with its transition check, reasons, the dated
decision with its audit record and notice, and uploads attached to an answer or appeal."""

from collections.abc import Collection
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from taxportal.audit import audit_record
from taxportal.links import citizen_link
from taxportal.models import User

from .. import selectors
from ..models import (
    DECISION_ACTION_PREFIX,
    CaseDocument,
    Decision,
    DecisionKind,
    DocumentKind,
    ValuationCase,
)


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
    reasons: str,
    value: Decimal | None = None,
    due_date: date | None = None,
    worksheet: dict | None = None,
) -> Decision:
    taxes = selectors.case_taxes(case, value).total if value is not None else None
    decision = Decision.objects.create(
        case=case,
        kind=kind,
        decided_by=actor,
        reasons=reasons,
        value=value,
        taxes=taxes,
        due_date=due_date,
        worksheet=worksheet or {},
    )
    audit_record(
        actor=actor,
        action=f"{DECISION_ACTION_PREFIX}{kind.value}",
        target=case,
        reason=reasons,
        changes={"status": case.status, "value": value, "due_date": due_date},
    )
    if decision.is_notice:
        notify_importer(case, decision)
    return decision


def notify_importer(case: ValuationCase, decision: Decision) -> None:
    if not case.importer.email:
        return
    send_mail(
        subject=_("Customs valuation %(ref)s: %(kind)s")
        % {"ref": case.reference, "kind": decision.get_kind_display()},
        message=_("A new notice is waiting in your personal area: %(path)s")
        % {"path": citizen_link(reverse("customs_valuation:my_case", args=[case.pk]))},
        from_email=None,
        recipient_list=[case.importer.email],
    )


def local_today() -> date:
    return timezone.localdate()


def attach_files(case: ValuationCase, actor: User, files) -> None:
    for upload in files:
        CaseDocument.objects.create(
            case=case, kind=DocumentKind.ANSWER, file=upload, added_by=actor
        )


def worksheet_or_error(case: ValuationCase) -> selectors.CaseWorksheet:
    sheet = selectors.case_worksheet(case)
    if sheet.problems:
        raise ValidationError(sheet.problems)
    return sheet
