"""Opening a case for an entry (CUS-58, CUS-92), the facts of the transaction (CUS-64, CUS-66,
CUS-69, CUS-89, CUS-91), its tariff items, and what the valuer records: grounds (CUS-29),
triggers (CUS-60, with the flags the system computes) and checks (CUS-59, CUS-63) are in
`checks`."""

from decimal import Decimal, InvalidOperation
from typing import cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import CharField
from django.utils.translation import gettext as _

from taxportal.models import User

from ...declarations.models import Country, Entry
from .. import rules
from ..choices import (
    AuditAction,
    InvoiceKind,
    Special,
    TransactionNature,
    TransportMode,
    Trigger,
)
from ..models import (
    CaseItem,
    CaseTrigger,
    CommercialCase,
)
from ..rules.terms import INCOTERMS
from .checks import refresh_flags
from .common import (
    amount_input,
    audit,
    lock,
    refusing,
    require_valuer,
    require_work,
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
    with refusing():
        rules.check_used_vehicle(used_vehicle=used_vehicle, destination=destination)
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
        entry.goods_value
        if declared_value is None
        else amount_input(declared_value, "declared_value")
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
                setattr(case, name, amount_input(value, name))
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
    value = amount_input(value, "value")
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


def _declared(declaration, code: str) -> bool:
    if declaration is None:
        return False
    return any(getattr(declaration, f) for f, c in DECLARED.items() if c == code)
