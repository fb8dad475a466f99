"""Opening a case for an entry (CUS-58, CUS-92), the facts of the transaction (CUS-64, CUS-66,
CUS-69, CUS-89, CUS-91), its tariff items, and what the valuer records: grounds (CUS-29),
triggers (CUS-60, with the flags the system computes) and checks (CUS-59, CUS-63)."""

from decimal import Decimal, InvalidOperation
from typing import cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import CharField
from django.utils import timezone
from django.utils.translation import gettext as _

from taxportal.models import User

from ...declarations.models import Country, Entry
from .. import rules
from ..choices import (
    AuditAction,
    CheckResult,
    InvoiceKind,
    Special,
    TransactionNature,
    TransportMode,
    Trigger,
    VerificationStep,
)
from ..models import (
    CaseGround,
    CaseItem,
    CaseTrigger,
    CommercialCase,
    UsualFreight,
    VerificationCheck,
)
from ..rules.terms import INCOTERMS
from ..selectors.history import distributions
from .common import (
    audit,
    entry_day,
    lock,
    policy_on,
    refused,
    require_valuer,
    require_work,
    text,
)

# Facts the importer declared in part 2.3's declaration that answer a trigger (CUS-60).
DECLARED = {
    "restrictions_on_use": Trigger.RESTRICTIONS,
    "conditions_on_price": Trigger.CONDITIONS,
    "proceeds_to_supplier": Trigger.PROCEEDS,
    "related_parties": Trigger.RELATIONSHIP,
    "royalties_payable": Trigger.ROYALTIES,
}
CHOICE_FACTS = {
    "nature": TransactionNature,
    "invoice_kind": InvoiceKind,
    "transport_mode": TransportMode,
    "special": Special,
}
MONEY_FACTS = ("invoice_total", "manufacturer_price", "vat_26b_amount", "declared_value")
BOOL_FACTS = (
    "supplier_is_manufacturer",
    "insured",
    "free_goods_retroactive",
    "free_goods_conditional",
    "free_goods_reasonable",
)
TEXT_FACTS = ("manufacturer", "incoterm_place", "forwarder_answer", "vat_26b_reference")
FACTS = {"incoterm", *CHOICE_FACTS, *MONEY_FACTS, *BOOL_FACTS, *TEXT_FACTS}
NULLABLE_BOOLS = {
    "insured",
    "free_goods_retroactive",
    "free_goods_conditional",
    "free_goods_reasonable",
}


def _money(value, field: str, *, positive: bool = False) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError({field: _("Enter an amount.")}) from None
    if not amount.is_finite() or amount < 0 or (positive and amount == 0):
        raise ValidationError(
            {
                field: _("Enter an amount above zero.")
                if positive
                else _("Enter an amount of zero or more.")
            }
        )
    # A finite Decimal's exponent is a number.
    if cast(int, amount.as_tuple().exponent) < -2 or amount >= Decimal("1e14"):
        raise ValidationError({field: _("Enter an amount in agorot, up to 14 digits.")})
    return amount


@transaction.atomic
def case_open(
    *,
    actor: User,
    entry: Entry,
    exchange_rate: Decimal,
    country_of_export: str,
    declared_value: Decimal | None = None,
    used_vehicle: bool = False,
    destination: str = "israel",
) -> CommercialCase:
    """A valuer of the entry's customs house opens the case when starting to verify it; one case
    per entry. A used vehicle never gets one (CUS-92)."""
    require_valuer(actor, entry.customs_house_id)
    try:
        rules.check_used_vehicle(used_vehicle=used_vehicle, destination=destination)
    except rules.Refused as error:
        raise refused(error) from None
    try:
        rate = Decimal(str(exchange_rate))
    except (InvalidOperation, TypeError, ValueError):
        rate = Decimal(0)
    if (
        not rate.is_finite()
        or rate <= 0
        or rate >= 10**6
        or cast(int, rate.as_tuple().exponent) < -6  # finite by then
    ):
        raise ValidationError(
            {"exchange_rate": _("The exchange rate is above zero, with up to six decimals.")}
        )
    country = Country.objects.filter(pk=str(country_of_export or "").upper()).first()
    if country is None:
        raise ValidationError({"country_of_export": _("Choose the country of export.")})
    entry = (
        Entry.objects.select_for_update(of=("self",)).select_related("declaration").get(pk=entry.pk)
    )
    if CommercialCase.objects.filter(entry=entry).exists():
        raise ValidationError(_("This entry already has a commercial valuation case."))
    declared = (
        entry.goods_value if declared_value is None else _money(declared_value, "declared_value")
    )
    case = CommercialCase.objects.create(
        entry=entry,
        customs_house_id=entry.customs_house_id,
        valuer=actor,
        currency=entry.currency,
        exchange_rate=rate,
        declared_value=declared,
        country_of_export=country,
    )
    declaration = entry.declaration
    CaseTrigger.objects.bulk_create(
        [
            CaseTrigger(
                case=case,
                code=code,
                flagged=_declared(declaration, code),
                marked=_declared(declaration, code),
                bases=["declaration"] if _declared(declaration, code) else [],
            )
            for code in Trigger.values
        ]
    )
    refresh_flags(case)
    audit(
        actor=actor,
        action=AuditAction.OPENED,
        case=case,
        entry=entry.number,
        exchange_rate=rate,
        country=country.pk,
        declared_value=declared,
    )
    return case


def _declared(declaration, code: str) -> bool:
    if declaration is None:
        return False
    return any(getattr(declaration, f) for f, c in DECLARED.items() if c == code)


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
def case_facts_record(*, actor: User, case: CommercialCase, **facts) -> CommercialCase:
    """The transaction as the documents show it; missing terms are EXW "assumed, not stated"."""
    case = lock(case)
    require_work(actor, case)
    unknown = set(facts) - FACTS
    if unknown:
        raise ValidationError(
            _("Unknown facts: %(names)s.") % {"names": ", ".join(sorted(unknown))}
        )
    changes = {}
    for name, value in facts.items():
        if name == "incoterm":
            code = str(value or "").strip().upper()
            if code and code not in INCOTERMS:
                raise ValidationError({"incoterm": _("Choose an Incoterms code.")})
            terms = rules.delivery_terms(code, facts.get("incoterm_place", case.incoterm_place))
            case.incoterm, case.incoterm_assumed = terms.incoterm, terms.assumed
        elif name in CHOICE_FACTS:
            if (value or "") not in CHOICE_FACTS[name].values:
                raise ValidationError({name: _("Choose from the list.")})
            setattr(case, name, value or "")
        elif name in MONEY_FACTS:
            if value is None and name != "declared_value":
                setattr(case, name, None)
            else:
                setattr(case, name, _money(value, name))
        elif name in BOOL_FACTS:
            if value is None and name in NULLABLE_BOOLS:
                setattr(case, name, None)
            elif isinstance(value, bool):
                setattr(case, name, value)
            else:
                raise ValidationError({name: _("Answer yes or no.")})
        else:
            limit = cast(CharField, case._meta.get_field(name)).max_length  # text facts
            value = str(value or "").strip()
            if limit and len(value) > limit:
                raise ValidationError({name: _("At most %(n)s characters.") % {"n": limit}})
            setattr(case, name, value)
        changes[name] = getattr(case, name)
    case.save()
    refresh_flags(case)
    audit(actor=actor, action=AuditAction.FACTS, case=case, **changes)
    return case


@transaction.atomic
def item_add(
    *,
    actor: User,
    case: CommercialCase,
    tariff_item: str,
    description: str,
    quantity: int,
    value: Decimal,
    free: bool = False,
) -> CaseItem:
    """A line per tariff item (the spec's decision in part 2.2); goods given free carry no value
    (CUS-69)."""
    case = lock(case)
    require_work(actor, case)
    value = _money(value, "value")
    if free and value != 0:
        raise ValidationError({"value": _("Goods given free have no invoice value.")})
    item = CaseItem(
        case=case,
        tariff_item=str(tariff_item or "").strip(),
        description=str(description or "").strip(),
        quantity=quantity,
        value=value,
        free=free,
    )
    item.full_clean(exclude=["case"])
    item.save()
    refresh_flags(case)
    audit(
        actor=actor,
        action=AuditAction.ITEM,
        case=case,
        tariff_item=item.tariff_item,
        quantity=quantity,
        value=value,
        free=free,
    )
    return item


@transaction.atomic
def item_remove(*, actor: User, item: CaseItem) -> None:
    case = lock(item.case)
    require_work(actor, case)
    if item.candidates.exists():
        raise ValidationError(_("Candidates were searched for this item; it stays."))
    audit(actor=actor, action=AuditAction.ITEM, case=case, removed=item.tariff_item)
    item.delete()
    refresh_flags(case)


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
    try:
        rules.check_ground(finding)
    except rules.Refused as error:
        raise refused(error) from None
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
    try:
        rules.check_trigger_change(flagged=row.flagged, marked=bool(marked), resolution=resolution)
    except rules.Refused as error:
        raise refused(error) from None
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
