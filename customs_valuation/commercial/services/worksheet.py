"""The worksheet's lines: each addition (CUS-65, CUS-67, CUS-72 to CUS-74, CUS-78) and deduction
(CUS-68, CUS-70) with the facts its rule reads; assists recorded by the agent and charged to
entries (CUS-75 to CUS-77); the special-relationship examination (CUS-71)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from taxportal.locks import locked
from taxportal.models import User

from ...declarations import selectors as declaration_selectors
from ...declarations.models import Importer
from .. import rules
from ..choices import (
    DEDUCTIONS,
    ActorKind,
    AssistCategory,
    AuditAction,
    CommissionKind,
    DiscountKind,
    FreightKind,
    LineKind,
    RelatedAlternative,
)
from ..models import Assist, CaseItem, CommercialCase, CreditNote, FreightNotice, RelatedExamination
from ..models import WorksheetLine as Line
from .cases import _money
from .common import (
    NotAllowed,
    actor_kind,
    audit,
    entry_day,
    lock,
    refused,
    require_work,
    text,
)

RECORDED = set(LineKind.values) - {LineKind.PRICE, LineKind.ASSIST}
FLAGS: dict[str, tuple[str, ...]] = {
    LineKind.COMMISSION: (
        "already_in_price",
        "acts_for_importer",
        "own_benefit",
        "trading_company",
        "amount_detailed",
        "charged_separately",
    ),
    LineKind.INTEREST: ("separate", "in_writing", "proofs_required", "proofs_accepted"),
    LineKind.ROYALTY: (
        "relates_to_goods",
        "condition_of_sale",
        "reproduction_right",
        "already_in_price",
        "amount_known",
    ),
    LineKind.FREIGHT: ("importer_bears_difference",),
    LineKind.EXPORT_TAX: ("refund_proven",),
    LineKind.DISCOUNT: ("for_these_goods", "fixed_in_advance", "unconditional", "amount_known"),
}
DEFAULT_TRUE = {"amount_known"}


def _flags(kind: str, facts: dict) -> dict:
    flags = {}
    for name in FLAGS.get(kind, ()):
        value = facts.get(name, name in DEFAULT_TRUE)
        if not isinstance(value, bool):
            raise ValidationError({name: _("Answer yes or no.")})
        flags[name] = value
    return flags


def _judge(kind: str, facts: dict, credit_note: CreditNote | None) -> tuple[dict, bool, str]:
    """The facts kept on the line, whether it is in the value, and why not."""
    flags = _flags(kind, facts)
    if kind == LineKind.COMMISSION:
        which = facts.get("commission")
        if which not in CommissionKind.values:
            raise ValidationError({"commission": _("Choose buying or selling commission.")})
        included = rules.commission_included(which, **flags)
        why = (
            ""
            if included
            else ("already_in_price" if which == CommissionKind.SELLING else "buying_commission")
        )
        return {"commission": which, **flags}, included, why
    if kind == LineKind.INTEREST:
        included = rules.interest_included(**flags)
        return flags, included, "" if included else "interest_proved"
    if kind == LineKind.ROYALTY:
        treatment = rules.royalty_treatment(**flags)
        whys = {"add": "", "leave_out": "royalty_left_out", "disqualify": "amount_unknown"}
        return flags, treatment == "add", whys[treatment]
    if kind == LineKind.FREIGHT:
        which = facts.get("freight")
        if which not in FreightKind.values:
            raise ValidationError({"freight": _("Choose the type of freight line.")})
        notice_id = facts.get("director_notice")
        notice = None
        if notice_id not in (None, ""):
            notice = FreightNotice.objects.filter(pk=_int(notice_id, "director_notice")).first()
            day = facts.get("_day")
            assert day is not None  # line_add passes the entry's day
            in_force = (
                notice is not None
                and notice.effective_from <= day
                and (notice.effective_until is None or day <= notice.effective_until)
            )
            if not in_force or which != FreightKind.SPECIAL_CIRCUMSTANCE:
                raise ValidationError(
                    {
                        "director_notice": _(
                            "Name a Director's notice in force on the entry's date for a special "
                            "circumstance."
                        )
                    }
                )
        included = rules.freight_included(which, director_notice=notice is not None, **flags)
        why = (
            ""
            if included
            else {
                FreightKind.SPECIAL_CIRCUMSTANCE: "director_notice",
                FreightKind.AIR_DIFFERENCE: "air_difference",
            }.get(which, "freight_not_added")
        )
        kept = {"freight": which, **flags}
        if notice is not None:
            kept["director_notice"] = notice.pk
        return kept, included, why
    if kind == LineKind.EXPORT_TAX:
        included = rules.addition_included("export_tax", **flags)
        return flags, included, "" if included else "refund_proven"
    if kind == LineKind.DISCOUNT:
        which = facts.get("discount")
        if which not in DiscountKind.values:
            raise ValidationError({"discount": _("Choose what the discount was given for.")})
        refusals = rules.discount_refusals(which, **flags)
        return {"discount": which, **flags}, not refusals, ",".join(refusals)
    if kind == LineKind.CREDIT_NOTE:
        if credit_note is None:
            raise ValidationError({"credit_note": _("Name the credit note.")})
        included = rules.credit_note_deductible(credit_note.status)
        return {}, included, "" if included else "credit_note_not_approved"
    return {}, rules.addition_included(kind), ""


def _int(value, field) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValidationError({field: _("Enter a whole number.")}) from None


@transaction.atomic
def line_add(
    *,
    actor: User,
    case: CommercialCase,
    kind: str,
    amount: Decimal,
    description: str = "",
    item: CaseItem | None = None,
    in_shekels: bool = False,
    facts: dict | None = None,
    credit_note: CreditNote | None = None,
) -> Line:
    """An addition or deduction; its shekels rounded once here; included as its rule says."""
    case = lock(case)
    require_work(actor, case)
    if kind not in RECORDED:
        raise ValidationError(
            {"kind": _("The price comes from the tariff items and assists are charged as such.")}
        )
    amount = _money(amount, "amount")
    if item is not None and item.case_id != case.pk:
        raise ValidationError({"item": _("Choose a tariff item of this case.")})
    if credit_note is not None:
        credit_note = CreditNote.objects.get(pk=credit_note.pk)  # its status as decided now
    if credit_note is not None and (
        credit_note.importer_id != case.entry.importer_id
        or credit_note.supplier_id != case.entry.supplier_id
    ):
        raise ValidationError({"credit_note": _("This credit note is not for this entry's pair.")})
    facts = {k: v for k, v in dict(facts or {}).items() if not str(k).startswith("_")}
    kept, included, why = _judge(kind, facts | {"_day": entry_day(case)}, credit_note)
    shekels = rules.line_shekels(amount, 1 if in_shekels else case.exchange_rate)
    line = Line.objects.create(
        case=case,
        kind=kind,
        item=item,
        description=str(description or "").strip()[:200],
        amount=amount,
        in_shekels=bool(in_shekels),
        shekels=shekels,
        sign=-1 if kind in DEDUCTIONS else 1,
        included=included,
        reason=why,
        facts=kept,
        credit_note=credit_note,
        recorded_by=actor,
    )
    audit(
        actor=actor,
        action=AuditAction.LINE,
        case=case,
        line=line.pk,
        kind=kind,
        amount=amount,
        in_shekels=line.in_shekels,
        shekels=shekels,
        included=included,
        why=why,
        facts=kept,
    )
    return line


@transaction.atomic
def line_remove(*, actor: User, line: Line, reason: str) -> None:
    case = lock(line.case)
    require_work(actor, case)
    reason = text(reason, "reason", _("Give the reason."))
    if line.assist_id:
        assert line.assist is not None  # its id is set
        assist = locked(line.assist)
        assist.used_units -= line.units or 0
        assist.used_amount -= line.shekels
        assist.save(update_fields=["used_units", "used_amount"])
    audit(
        actor=actor,
        action=AuditAction.LINE_REMOVED,
        case=case,
        reason=reason,
        line=line.pk,
        kind=line.kind,
        amount=line.amount,
    )
    line.delete()


def _spread(assist: Assist, way, first_shipment, produced, contract) -> None:
    try:
        assist.divisor = rules.assist_divisor(
            way, first_shipment=first_shipment, produced=produced, contract=contract
        )
    except rules.Refused as error:
        raise refused(error) from None
    assist.way, assist.first_shipment, assist.produced = way, first_shipment, produced
    assist.contract = contract
    assist.per_unit = rules.per_unit_share(assist.value, assist.divisor)


@transaction.atomic
def assist_record(
    *,
    actor: User,
    agent,
    importer: Importer,
    supplier_number,
    description: str,
    category: str,
    cost: Decimal,
    way: str,
    first_shipment: int,
    produced: int,
    contract: int | None = None,
    carriage: Decimal = Decimal(0),
    changes: Decimal = Decimal(0),
    earlier_use: Decimal = Decimal(0),
    share_percent: Decimal = Decimal(100),
) -> Assist:
    """CUS-75 to CUS-77: the agent records the assist and the importer's choice of spreading,
    once; its value in shekels."""
    if actor_kind(actor) != ActorKind.AGENT or agent is None:
        raise NotAllowed(_("The agent records an assist for the importer."))
    if not declaration_selectors.importers_of(agent).filter(pk=importer.pk).exists():
        raise NotAllowed(_("You are not authorised to file for this importer."))
    supplier, _alias = declaration_selectors.supplier_by_number(supplier_number)
    if category not in AssistCategory.values:
        raise ValidationError({"category": _("Choose the kind of assist.")})
    try:
        value = rules.assist_value(
            cost=_money(cost, "cost"),
            carriage=_money(carriage, "carriage"),
            changes=_money(changes, "changes"),
            earlier_use=_money(earlier_use, "earlier_use"),
            share_percent=_money(share_percent, "share_percent"),
        )
    except rules.Refused as error:
        raise refused(error) from None
    assist = Assist(
        importer=importer,
        supplier=supplier,
        agent=agent,
        description=text(description, "description", _("Describe the assist.")),
        category=category,
        cost=cost,
        carriage=carriage,
        changes=changes,
        earlier_use=earlier_use,
        share_percent=share_percent,
        value=value,
        recorded_by=actor,
    )
    _spread(assist, way, first_shipment, produced, contract)
    assist.save()
    audit(
        actor=actor,
        action=AuditAction.ASSIST,
        case=assist,
        value=value,
        way=way,
        divisor=assist.divisor,
        per_unit=assist.per_unit,
    )
    return assist


@transaction.atomic
def assist_change_way(
    *,
    actor: User,
    assist: Assist,
    way: str,
    reason: str,
    first_shipment: int | None = None,
    produced: int | None = None,
    contract: int | None = None,
) -> Assist:
    """The choice is recorded once; only a valuer changes it, with a reason."""
    if actor_kind(actor) not in {ActorKind.VALUER, ActorKind.CHIEF}:
        raise NotAllowed(_("Only a valuer changes the spreading the importer chose."))
    reason = text(reason, "reason", _("Give the reason for the change."))
    assist = locked(assist)
    old = assist.way
    _spread(
        assist,
        way,
        first_shipment or assist.first_shipment,
        produced or assist.produced,
        contract if contract is not None else assist.contract,
    )
    assist.way_reason = reason
    assist.save()
    audit(
        actor=actor,
        action=AuditAction.ASSIST_WAY,
        case=assist,
        reason=reason,
        old=old,
        way=way,
        per_unit=assist.per_unit,
    )
    return assist


@transaction.atomic
def assist_charge(*, actor: User, case: CommercialCase, assist: Assist, units: int) -> Line:
    """This entry's share: units x share until the assist is used up, the last taking the
    remainder exactly; a line in shekels."""
    case = lock(case)
    require_work(actor, case)
    if (assist.importer_id, assist.supplier_id) != (case.entry.importer_id, case.entry.supplier_id):
        raise ValidationError({"assist": _("This assist is not for this entry's pair.")})
    units = _int(units, "units")
    if units < 1:
        raise ValidationError({"units": _("Enter the units of this entry.")})
    assist = locked(assist)
    charge = rules.assist_charge(
        value=assist.value,
        divisor=assist.divisor,
        per_unit=assist.per_unit,
        used_units=assist.used_units,
        used_amount=assist.used_amount,
        units=units,
    )
    line = Line.objects.create(
        case=case,
        kind=LineKind.ASSIST,
        description=assist.description,
        amount=charge,
        in_shekels=True,
        shekels=charge,
        included=True,
        assist=assist,
        units=units,
        facts={"way": assist.way, "per_unit": str(assist.per_unit)},
        recorded_by=actor,
    )
    assist.used_units += units
    assist.used_amount += charge
    assist.save(update_fields=["used_units", "used_amount"])
    audit(
        actor=actor,
        action=AuditAction.LINE,
        case=case,
        line=line.pk,
        kind=LineKind.ASSIST,
        assist=assist.pk,
        units=units,
        shekels=charge,
    )
    return line


@transaction.atomic
def related_examination_record(
    *,
    actor: User,
    case: CommercialCase,
    alternative: str,
    test_value: Decimal,
    close: bool,
    reason: str,
) -> RelatedExamination:
    """CUS-71: the alternative the importer chose, its value and the percentage difference from
    the transaction value (the worksheet's total); "close" is the valuer's reasoned judgement."""
    from ..selectors.worksheet import worksheet

    case = lock(case)
    require_work(actor, case)
    if alternative not in RelatedAlternative.values:
        raise ValidationError({"alternative": _("Choose the alternative the importer chose.")})
    test_value = _money(test_value, "test_value", positive=True)
    try:
        rules.check_related_examination(test_value=test_value, close=close, reason=reason)
    except rules.Refused as error:
        raise refused(error) from None
    value = worksheet(case).total_currency
    exam = RelatedExamination.objects.create(
        case=case,
        alternative=alternative,
        test_value=test_value,
        transaction_value=value,
        percent_difference=rules.percent_difference(value, test_value),
        close=bool(close),
        reason=reason.strip(),
        recorded_by=actor,
    )
    audit(
        actor=actor,
        action=AuditAction.RELATED,
        case=case,
        reason=exam.reason,
        alternative=alternative,
        test_value=test_value,
        percent_difference=exam.percent_difference,
        close=exam.close,
    )
    return exam
