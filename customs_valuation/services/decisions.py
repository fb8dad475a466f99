"""The officer's decision (CUS-9, 10, 14, 18, 21, 22, 25), the importer's answer to a notice of
intent and the supervisor's decision on it (CUS-10, CUS-11)."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from taxportal.audit import audit_record
from taxportal.models import User
from taxportal.roles import perm
from taxportal.texts import said

from .. import rules, selectors
from ..models import (
    AuditAction,
    CaseKind,
    CaseStatus,
    Decision,
    DecisionKind,
    ImporterAnswer,
    ValuationCase,
)
from ..rules import DECIDABLE_STATUSES
from .base import (
    InvalidTransition,
    attach_files,
    local_today,
    lock_case,
    notice_channel,
    record_decision,
    require_reasons,
    worksheet_or_error,
)
from .receipts import answer_receipt
from .releases import releases_settle


@transaction.atomic
def case_accept_declared_value(*, actor: User, case: ValuationCase, reasons: str) -> Decision:
    """CUS-9 / CUS-21: the declared value is reasonable: the invoice price is the value.

    Outside the tolerance the officer may still accept it, but only with written reasons; it is
    never decided silently."""
    locked = lock_case(case, DECIDABLE_STATUSES)
    reasons = require_reasons(reasons)
    sheet = worksheet_or_error(locked)
    if locked.kind == CaseKind.GOODS:
        return _goods_decide(locked, actor=actor, reasons=reasons, sheet=sheet)
    if not locked.has_invoice or locked.invoice_value is None:
        raise ValidationError(_("There is no invoice to accept: decide the value instead."))
    declared = selectors.declared_value(locked)
    assert declared is not None  # there is an invoice with its value
    return _conclude(
        locked,
        actor=actor,
        kind=DecisionKind.INVOICE_ACCEPTED,
        value=declared - locked.damage_reduction,
        reasons=reasons,
        worksheet=sheet.as_json(),
        open_to_appeal=False,
    )


def _conclude(
    case: ValuationCase,
    *,
    actor: User,
    kind: DecisionKind,
    value: Decimal,
    reasons: str,
    worksheet: dict,
    open_to_appeal: bool,
) -> Decision:
    """The value is decided: accepted as declared, or set and open to appeal for 30 days (from
    the decision for a vehicle, CUS-12; from the day the importer is notified for goods, CUS-23)."""
    case.determined_value = value
    case.status = CaseStatus.VALUE_SET if open_to_appeal else CaseStatus.ACCEPTED
    case.appeal_due = _appeal_due(case) if open_to_appeal else None
    case.save(update_fields=["status", "determined_value", "appeal_due"])
    return record_decision(
        case, actor=actor, kind=kind, reasons=reasons, value=value, due_date=case.appeal_due,
        worksheet=worksheet,
    )  # fmt: skip


def _goods_decide(
    case: ValuationCase, *, actor: User, reasons: str, sheet: selectors.CaseWorksheet
) -> Decision:
    threshold = selectors.policy(case.valuation_date).goods_depreciation_supervisor_percent
    if (
        rules.depreciation_needs_supervisor(case.used_depreciation_percent, threshold)
        and not case.depreciation_approved
    ):
        case.status = CaseStatus.AWAITING_APPROVAL
        case.save(update_fields=["status"])
        return record_decision(
            case,
            actor=actor,
            kind=DecisionKind.DEPRECIATION_REFERRED,
            reasons=reasons,
            worksheet=sheet.as_json(),
        )
    # A worksheet without problems proposes a value; goods have their check.
    assert sheet.proposed_value is not None and sheet.goods_check is not None
    return _conclude(
        case,
        actor=actor,
        kind=DecisionKind.INVOICE_ACCEPTED if sheet.reasonable else DecisionKind.VALUE_SET,
        value=sheet.proposed_value,
        reasons=f"{sheet.goods_check.explanation}\n{reasons}",
        worksheet=sheet.as_json(),
        open_to_appeal=not sheet.reasonable,
    )


def _appeal_due(case: ValuationCase) -> date | None:
    _account, _delivery, notified_on = notice_channel(case)
    return rules.appeal_due(
        goods=case.kind == CaseKind.GOODS,
        decided_on=local_today(),
        notified_on=notified_on,
        days=selectors.policy(case.valuation_date).appeal_days,
    )


@transaction.atomic
def case_notice_of_intent(
    *, actor: User, case: ValuationCase, reasons: str, value_considered: Decimal | None = None
) -> Decision:
    """CUS-10: the officer intends to disqualify the declared value: reasons, the value
    considered, and 30 days for the importer's written answer."""
    locked = lock_case(case, DECIDABLE_STATUSES)
    if locked.kind != CaseKind.VEHICLE:
        raise InvalidTransition(_("Notices of intent are for vehicles."))
    reasons = require_reasons(reasons)
    sheet = worksheet_or_error(locked)
    value = value_considered if value_considered is not None else sheet.proposed_value
    due = rules.days_after(local_today(), selectors.policy(locked.valuation_date).answer_days)
    locked.status = CaseStatus.NOTICE_OF_INTENT
    locked.answer_due = due
    locked.save(update_fields=["status", "answer_due"])
    return record_decision(
        locked,
        actor=actor,
        kind=DecisionKind.NOTICE_OF_INTENT,
        reasons=reasons,
        value=value,
        due_date=due,
        worksheet=sheet.as_json(),
    )


@transaction.atomic
def case_send_to_appraiser(*, actor: User, case: ValuationCase, reasons: str) -> Decision:
    """CUS-14 / CUS-18: an unlisted model, or a collector vehicle with an unreasonable invoice."""
    locked = lock_case(case, DECIDABLE_STATUSES)
    if locked.kind != CaseKind.VEHICLE:
        raise InvalidTransition(_("Only vehicles go to a customs appraiser."))
    locked.status = CaseStatus.AT_APPRAISER
    locked.save(update_fields=["status"])
    return record_decision(
        locked, actor=actor, kind=DecisionKind.SENT_TO_APPRAISER, reasons=require_reasons(reasons)
    )


@transaction.atomic
def case_record_appraisal(
    *, actor: User, case: ValuationCase, value: Decimal, reasons: str
) -> Decision:
    """The appraiser's value of the vehicle in Israel; the officer then decides on it."""
    locked = lock_case(case, {CaseStatus.AT_APPRAISER})
    if value is None or value <= 0:
        raise ValidationError({"value": _("Give the appraiser's value.")})
    locked.status = CaseStatus.OPEN
    locked.appraiser_value = value
    locked.save(update_fields=["status", "appraiser_value"])
    return record_decision(
        locked,
        actor=actor,
        kind=DecisionKind.APPRAISAL_RECORDED,
        reasons=require_reasons(reasons),
        value=value,
    )


@transaction.atomic
def case_decide_value(*, actor: User, case: ValuationCase, reasons: str) -> Decision:
    """No invoice (CUS-14) or goods the officer values directly: the value of the worksheet is
    set and open to appeal."""
    locked = lock_case(case, DECIDABLE_STATUSES)
    reasons = require_reasons(reasons)
    sheet = worksheet_or_error(locked)
    if locked.kind == CaseKind.GOODS:
        return _goods_decide(locked, actor=actor, reasons=reasons, sheet=sheet)
    if locked.has_invoice:
        raise InvalidTransition(
            _("With an invoice, accept it or send a notice of intent (CUS-9, CUS-10).")
        )
    assert sheet.proposed_value is not None  # a worksheet without problems proposes a value
    return _conclude(
        locked, actor=actor, kind=DecisionKind.VALUE_SET, value=sheet.proposed_value,
        reasons=reasons, worksheet=sheet.as_json(), open_to_appeal=True,
    )  # fmt: skip


@transaction.atomic
def depreciation_decide(
    *, actor: User, case: ValuationCase, approve: bool, reasons: str
) -> Decision:
    """CUS-25: the supervisor approves or refuses usage depreciation above the threshold."""
    locked = lock_case(case, {CaseStatus.AWAITING_APPROVAL})
    reasons = require_reasons(reasons)
    if approve:
        locked.depreciation_approved = True
        locked.status = CaseStatus.OPEN
        locked.save(update_fields=["depreciation_approved", "status"])
        decision = record_decision(
            locked, actor=actor, kind=DecisionKind.DEPRECIATION_APPROVED, reasons=reasons
        )
        _goods_decide(locked, actor=actor, reasons=reasons, sheet=worksheet_or_error(locked))
        return decision
    locked.status = CaseStatus.OPEN
    locked.save(update_fields=["status"])
    return record_decision(
        locked, actor=actor, kind=DecisionKind.DEPRECIATION_REFUSED, reasons=reasons
    )


# --- The importer's answer and the supervisor (CUS-10, CUS-11) ------------------------------------


@transaction.atomic
def case_answer_notice(*, actor: User, case: ValuationCase, text: str, files=()) -> None:
    """The importer answers the notice of intent in writing, with any documents: online, or on
    paper, recorded by an officer (an importer who has not registered, CUS-4)."""
    locked = lock_case(case, {CaseStatus.NOTICE_OF_INTENT})
    on_paper = not selectors.is_the_importer(locked, actor)
    if on_paper and not actor.has_perm(perm("value_imports")):
        raise InvalidTransition(_("Only the importer answers a notice."))
    if not (text or "").strip():
        raise ValidationError({"text": _("Write your answer.")})
    notice = selectors.open_notice_of_intent(locked)
    # A notice of intent is recorded with its decision and the days to answer.
    assert notice is not None and locked.answer_due is not None
    ImporterAnswer.objects.create(case=locked, notice=notice, text=text.strip(), submitted_by=actor)
    attach_files(locked, actor, files)
    late = local_today() > locked.answer_due
    locked.status = CaseStatus.ANSWERED
    locked.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action=AuditAction.IMPORTER_ANSWERED,
        target=locked,
        reason=said(gettext_noop("answered after the due date")) if late else "",
        changes={"attachments": len(files), "late": late, "on_paper": on_paper},
    )
    if not on_paper:  # issue 15: the importer's receipt, and they are told
        answer_receipt(actor=actor, case=locked, text=text, files=files)


@transaction.atomic
def case_supervisor_decide(
    *,
    actor: User,
    case: ValuationCase,
    convinced: bool,
    reasons: str,
    value: Decimal | None = None,
) -> Decision:
    """CUS-11: convinced → the invoice price, and every guarantee or deposit is settled (CUS-17);
    not convinced → a reasoned disqualification and a value set (open to appeal for 30 days).
    The supervisor weighs the answer: only once it came, or the days to answer passed (CUS-10)."""
    if not actor.has_perm(perm("supervise_valuations")):
        raise InvalidTransition(_("Only the supervisor decides after a notice of intent."))
    locked = lock_case(case, {CaseStatus.ANSWERED, CaseStatus.NOTICE_OF_INTENT})
    if not rules.supervisor_may_decide(
        answered=locked.status == CaseStatus.ANSWERED,
        answer_due=locked.answer_due,
        today=local_today(),
    ):
        assert locked.answer_due is not None  # a notice of intent sets the days to answer
        raise InvalidTransition(
            _("The importer may answer until %(date)s: the supervisor decides once the answer "
              "comes or that day has passed.")
            % {"date": locked.answer_due.strftime("%d/%m/%Y")}
        )  # fmt: skip
    reasons = require_reasons(reasons)
    sheet = worksheet_or_error(locked)
    if convinced:
        decision = _conclude(
            locked,
            actor=actor,
            kind=DecisionKind.SUPERVISOR_ACCEPTED,
            value=locked.declared_value - locked.damage_reduction,
            reasons=reasons,
            worksheet=sheet.as_json(),
            open_to_appeal=False,
        )
        assert locked.determined_value is not None  # set by _conclude
        releases_settle(
            locked,
            actor=actor,
            value=locked.determined_value,
            reasons=f"{DecisionKind.SUPERVISOR_ACCEPTED.label}. {reasons}",
        )
        return decision
    value = value if value is not None else sheet.proposed_value
    if value is None or value <= 0:
        raise ValidationError({"value": _("Set the vehicle's value.")})
    return _conclude(
        locked, actor=actor, kind=DecisionKind.DISQUALIFIED, value=value, reasons=reasons,
        worksheet=sheet.as_json(), open_to_appeal=True,
    )  # fmt: skip
