"""What the valuer records on a case before deciding: the disqualifying grounds (CUS-29), the
suspicion triggers with the flags the system computes (CUS-60), and the verification checklist
(CUS-59, CUS-63)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taxportal.models import User

from .. import rules
from ..choices import AuditAction, CheckResult, Trigger, VerificationStep
from ..models import CaseGround, CaseTrigger, CommercialCase, UsualFreight, VerificationCheck
from ..selectors.history import distributions
from .common import (
    audit,
    entry_day,
    lock,
    policy_on,
    refusing,
    require_work,
    text,
)


def refresh_flags(case: CommercialCase) -> dict:
    """CUS-60: recompute the flags the system can compute and mark the new ones; a flag that no
    longer holds is withdrawn unless the valuer has handled the trigger."""
    rate = case.exchange_rate
    items = [i for i in case.items.all() if not i.free]
    day = entry_day(case)
    policy = policy_on(day)
    history = distributions(
        [i.tariff_item for i in items],
        case.country_of_export_id,
        day,
        policy.history_months,
        exclude_entry=case.entry.number,
    )
    usual = (
        UsualFreight.objects.filter(
            country_id=case.country_of_export_id, mode=case.transport_mode, effective_from__lte=day
        )
        .order_by("-effective_from")
        .values_list("amount", flat=True)
        .first()
    )
    flags = rules.computed_triggers(
        unit_values=[
            rules.ItemUnitValue(
                i.tariff_item,
                rules.line_shekels(i.value, rate) / i.quantity,
                history[i.tariff_item].median if i.tariff_item in history else None,
            )
            for i in items
        ],
        low_share_percent=policy.low_value_share_percent,
        supplier_is_manufacturer=case.supplier_is_manufacturer,
        manufacturer_price=(
            None if case.manufacturer_price is None else case.manufacturer_price * rate
        ),
        declared_value=case.declared_value * rate,
        incoterm=case.incoterm,
        usual_freight=usual,
        freight_share_percent=policy.freight_share_percent,
        entry_value=case.entry.goods_value,
        invoice_total=case.invoice_total,
    )
    for row in case.triggers.filter(code__in=[Trigger.LOW_VALUE, Trigger.DOCUMENTS_MISMATCH]):
        bases = list(flags.get(row.code, ()))
        if bases == row.bases:
            continue
        if bases and not row.flagged:
            row.flagged, row.marked = True, True
        elif not bases and row.flagged and row.set_by_id is None:
            row.flagged, row.marked = False, False
        row.bases = bases
        row.save(update_fields=["flagged", "marked", "bases"])
    return flags


@transaction.atomic
def ground_record(
    *,
    actor: User,
    case: CommercialCase,
    code: str,
    reason: str,
    asked: str = "",
    answered: str = "",
) -> CaseGround:
    """CUS-29: a ground with its reason; (f) with what the importer was asked and answered."""
    case = lock(case)
    require_work(actor, case)
    finding = rules.GroundFinding(
        code, str(reason or "").strip(), str(asked or "").strip(), str(answered or "").strip()
    )
    with refusing():
        rules.check_ground(finding)
    ground, _created = CaseGround.objects.update_or_create(
        case=case,
        code=code,
        defaults={
            "reason": finding.reason,
            "asked": finding.asked,
            "answered": finding.answered,
            "recorded_by": actor,
        },
    )
    audit(
        actor=actor,
        action=AuditAction.GROUND,
        case=case,
        reason=finding.reason,
        ground=code,
        asked=finding.asked,
        answered=finding.answered,
    )
    return ground


@transaction.atomic
def ground_withdraw(*, actor: User, case: CommercialCase, code: str, reason: str) -> None:
    case = lock(case)
    require_work(actor, case)
    reason = text(reason, "reason", _("Give the reason."))
    deleted, _n = CaseGround.objects.filter(case=case, code=code).delete()
    if not deleted:
        raise ValidationError({"code": _("This ground was not recorded.")})
    audit(actor=actor, action=AuditAction.GROUND, case=case, reason=reason, withdrawn=code)


@transaction.atomic
def trigger_set(
    *,
    actor: User,
    case: CommercialCase,
    code: str,
    marked: bool,
    note: str = "",
    resolution: str = "",
) -> CaseTrigger:
    """CUS-60: the checklist with a note each; a flag is cleared only with a reason; a marked
    trigger needs its resolution before the declared value is accepted."""
    case = lock(case)
    require_work(actor, case)
    if code not in Trigger.values:
        raise ValidationError({"code": _("Choose a trigger of the list.")})
    row = CaseTrigger.objects.select_for_update().get(case=case, code=code)
    with refusing():
        rules.check_trigger_change(flagged=row.flagged, marked=bool(marked), resolution=resolution)
    row.marked, row.set_by, row.set_at = bool(marked), actor, timezone.now()
    row.note = str(note or "").strip() or row.note
    row.resolution = str(resolution or "").strip()
    row.save()
    audit(
        actor=actor,
        action=AuditAction.TRIGGER,
        case=case,
        reason=row.resolution,
        trigger=code,
        marked=row.marked,
        note=row.note,
    )
    return row


@transaction.atomic
def verification_record(
    *, actor: User, case: CommercialCase, step: str, result: str, note: str = ""
) -> VerificationCheck:
    """CUS-63: each step confirmed, a problem, or not applicable, with a note (required for a
    problem)."""
    case = lock(case)
    require_work(actor, case)
    if step not in VerificationStep.values:
        raise ValidationError({"step": _("Choose a step of the checklist.")})
    if result not in CheckResult.values:
        raise ValidationError({"result": _("Choose the result.")})
    note = str(note or "").strip()
    if result == CheckResult.PROBLEM and not note:
        raise ValidationError({"note": _("Say what the problem is.")})
    check, _created = VerificationCheck.objects.update_or_create(
        case=case, step=step, defaults={"result": result, "note": note, "recorded_by": actor}
    )
    audit(
        actor=actor,
        action=AuditAction.VERIFICATION,
        case=case,
        reason=note,
        step=step,
        result=result,
    )
    return check
